import {
  computeProductRows,
  listPriceOf,
  currency as makeCurrency,
  money,
  subtract,
  toSnapshot,
  type ComputedProductRow,
  type Result,
  err,
  ok,
} from '@salesflow/rules'
import type { DocumentError } from './errors'
import type { CommercialOffer, OfferDiscount, OfferRow, OfferTotals, OfferVatLine } from './offer'
import { isZeroDecimal } from '../format/decimal-string'
import { validateOffer } from './validate-offer'

/** A computed product row plus what the catalog says about it. */
export interface OfferRowSource {
  readonly row: ComputedProductRow
  readonly name: string
  readonly article?: string
  readonly unit: string
}

export interface BuildOfferInput extends Omit<CommercialOffer, 'schemaVersion' | 'rows' | 'totals'> {
  readonly rows: readonly OfferRowSource[]
  /** The deal's stored OPPORTUNITY and TAX_VALUE, if known: the offer refuses to print other totals. */
  readonly expected?: { readonly opportunity: string; readonly taxValue: string }
  /** Which REST path stored the rows (see computeProductRows). */
  readonly path?: 'factory' | 'legacy'
}

function discountOf(row: ComputedProductRow): OfferDiscount {
  if (row.discountTypeId === 2)
    return isZeroDecimal(row.discountRate) ? { kind: 'none' } : { kind: 'percent', rate: row.discountRate }
  return isZeroDecimal(row.discountSum)
    ? { kind: 'none' }
    : { kind: 'amount', sum: row.discountSum, rate: row.discountRate }
}

export function rowOf(source: OfferRowSource): OfferRow {
  const { row } = source
  const discount = discountOf(row)
  return {
    name: source.name,
    ...(source.article ? { article: source.article } : {}),
    quantity: row.quantity,
    unit: source.unit,
    // Documents show prices with VAT.
    listPrice: listPriceOf(row, true),
    discount,
    price: row.price,
    vatRate: row.taxRate,
    vat: row.tax,
    sum: row.sum,
  }
}

/**
 * Every figure comes from @salesflow/rules: the totals are computeProductRows over the rows, VAT per rate
 * is computeProductRows over each rate's rows (so it is the per-row-rounded sum Bitrix24 stores), and the
 * amount without VAT is the rules library's subtraction. A computed row is a valid input that recomputes to itself.
 */
export function totalsOf(
  input: Pick<BuildOfferInput, 'rows' | 'expected' | 'path' | 'currency'>,
): Result<OfferTotals, DocumentError> {
  const options = input.path ? { path: input.path } : {}
  const rows = input.rows.map((r) => r.row)
  const all = computeProductRows(rows, options)
  const bad = all.rows.findIndex((r) => !r.ok)
  const badRow = all.rows[bad]
  if (badRow && !badRow.ok) return err({ code: 'ROW_INVALID', index: bad, cause: badRow.error })
  if (input.expected) {
    const pairs = [
      ['opportunity', input.expected.opportunity, all.opportunity],
      ['taxValue', input.expected.taxValue, all.taxValue],
    ] as const
    for (const [field, expected, actual] of pairs) {
      if (expected !== actual) return err({ code: 'TOTALS_MISMATCH', field, expected, actual })
    }
  }
  const rates: (string | null)[] = []
  for (const r of rows) if (!rates.includes(r.taxRate)) rates.push(r.taxRate)
  const vat: OfferVatLine[] = rates.map((rate) => ({
    rate,
    amount: computeProductRows(
      rows.filter((r) => r.taxRate === rate),
      options,
    ).taxValue,
  }))
  const cur = makeCurrency(input.currency.code, input.currency.decimals)
  const total = money(all.opportunity, cur)
  const tax = money(all.taxValue, cur)
  if (!total.ok) return err({ code: 'TOTALS_FAILED', cause: total.error })
  if (!tax.ok) return err({ code: 'TOTALS_FAILED', cause: tax.error })
  const net = subtract(total.value, tax.value)
  if (!net.ok) return err({ code: 'TOTALS_FAILED', cause: net.error })
  return ok({ withoutVat: toSnapshot(net.value).amount, vat, vatTotal: all.taxValue, total: all.opportunity })
}

/** Assembles the offer from the rules library's computed rows. Pure: no clock, no I/O, no arithmetic of its own. */
export function buildOfferModel(input: BuildOfferInput): Result<CommercialOffer, DocumentError> {
  const totals = totalsOf(input)
  if (!totals.ok) return totals
  const { rows, expected: _expected, path: _path, ...rest } = input
  return validateOffer({ schemaVersion: 1, ...rest, rows: rows.map(rowOf), totals: totals.value })
}
