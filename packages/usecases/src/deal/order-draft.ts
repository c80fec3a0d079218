import {
  D,
  listPriceOf,
  parseDecimal,
  type Dec,
  type ManagerPriceInput,
  type RestPrice,
  type YesNo,
} from '@salesflow/rules'
import type { ProductRow, ProductRowDraft } from '@salesflow/portal'
import type { UsecaseError } from '../errors'

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

/** A decimal as typed, or null when it is not one (the rules library names that error when pricing). */
function decimalOf(text: string): Dec | null {
  const parsed = parseDecimal(text, 'value')
  return parsed.ok ? parsed.value : null
}

/**
 * What a manager cannot have meant, though the arithmetic would go through: no quantity of zero or less, no
 * percent discount outside 0…100, no negative discount sum. Null when the row may be priced.
 */
export function draftRowRefusal(d: DraftRow): UsecaseError | null {
  const quantity = decimalOf(d.quantity)
  if (quantity && quantity.lte(0)) return { code: 'QUANTITY_NOT_POSITIVE', field: 'quantity', value: d.quantity }
  const discount = decimalOf(d.discountValue || '0')
  const field = d.discountType === 'percent' ? 'discountRate' : 'discountSum'
  if (discount && (discount.isNeg() || (field === 'discountRate' && discount.gt(100)))) {
    return { code: 'DISCOUNT_OUT_OF_RANGE', field, value: d.discountValue }
  }
  return null
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
