import { D, listPriceOf, type ManagerPriceInput, type RestPrice, type YesNo } from '@salesflow/rules'
import type { ProductRow, ProductRowDraft } from '@salesflow/portal'

/**
 * A product row as the manager edits it: the list price the Bitrix24 grid shows (with VAT when VAT is
 * included, without otherwise), the discount as typed, quantity and VAT. Strings, as typed: the rules
 * library parses and validates them.
 */
export interface DraftRow {
  readonly key: string
  readonly id: number | null
  readonly productId: number
  readonly productName: string
  readonly measureCode: number | null
  readonly measureName: string
  listPrice: string
  discountType: 'percent' | 'amount'
  discountValue: string
  quantity: string
  taxRate: string | null
  taxIncluded: YesNo
}

/** A rate as one spelling ('22.00', '22.0' and '22' are the same option). */
export const canonicalRate = (r: string): string => new D(r).toFixed()

/** The editable form of a stored row: what the manager saw when the row was saved. */
export function draftFromRow(row: ProductRow): DraftRow {
  return {
    key: `row-${row.id}`,
    id: row.id,
    productId: row.productId,
    productName: row.productName,
    measureCode: row.measureCode,
    measureName: row.measureName,
    // The grid's price column: with VAT when VAT is included, without otherwise.
    listPrice: listPriceOf(row, row.taxIncluded === 'Y'),
    discountType: row.discountTypeId === 1 ? 'amount' : 'percent',
    discountValue: row.discountTypeId === 1 ? row.discountSum : row.discountRate,
    quantity: row.quantity,
    taxRate: row.taxRate === null ? null : canonicalRate(row.taxRate),
    taxIncluded: row.taxIncluded,
  }
}

/** The rules library's input for pricing one draft row. */
export function pricingInput(d: DraftRow): ManagerPriceInput {
  return {
    listPrice: d.listPrice,
    quantity: d.quantity,
    discount:
      d.discountType === 'percent'
        ? { type: 'percent', rate: d.discountValue || '0' }
        : { type: 'amount', sum: d.discountValue || '0' },
    taxRate: d.taxRate,
    taxIncluded: d.taxIncluded,
  }
}

/** The row to write: the priced REST input plus the product it belongs to. */
export function rowToWrite(d: DraftRow, priced: RestPrice, sort: number): ProductRowDraft {
  return {
    ...priced.input,
    productId: d.productId,
    productName: d.productName,
    measureCode: d.measureCode,
    measureName: d.measureName,
    sort,
  }
}
