import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
import { err, ok, type Result } from '../result'
import type { RuleError } from '../errors'
import { phpRound } from '../money/rounding'
import { computeProductRows, type ComputedProductRow, type ProductRowInput, type YesNo } from './product-rows'

export type ManagerDiscount =
  { readonly type: 'percent'; readonly rate: NumericInput } | { readonly type: 'amount'; readonly sum: NumericInput }

export interface ManagerPriceInput {
  /** The catalog/list price per unit the manager sees: with tax when `taxIncluded` is 'Y', without otherwise (as the Bitrix24 grid shows it). */
  readonly listPrice: NumericInput
  readonly quantity?: NumericInput
  readonly discount?: ManagerDiscount
  readonly taxRate?: NumericInput | null
  readonly taxIncluded?: YesNo
}

export interface RestPrice {
  /** The row to send to `crm.item.productrow.*`: `price` is the final unit price the portal expects. */
  readonly input: ProductRowInput & { readonly price: string }
  /** What the portal will store for that input. */
  readonly stored: ComputedProductRow
  /** True when the stored list price and discount are exactly what the manager entered. */
  readonly exact: boolean
}

const HUNDRED = new D(100)
const ONE = new D(1)
/** How far (in kopecks) from the ideal price we look for one the portal round-trips exactly. */
const SEARCH_CENTS = 5

/**
 * The reverse of `computeProductRows`: from a list price, a discount and a tax rule to the final `price`
 * REST needs. The portal re-derives PRICE_NETTO/BRUTTO and the discount from the 2-decimal PRICE, so the
 * naive `list × (1 − d)` can come back a kopeck off (b24-math.md 2.4). We try the nearest prices around the
 * ideal one and pick the closest whose stored row shows the manager's list price and discount; if none
 * does, we send the ideal price and say so with `exact: false`.
 */
export function priceForRest(input: ManagerPriceInput): Result<RestPrice, RuleError> {
  const list = parseDecimal(input.listPrice, 'listPrice')
  if (!list.ok) return list
  const taxRate = input.taxRate === undefined || input.taxRate === null ? null : parseDecimal(input.taxRate, 'taxRate')
  if (taxRate && !taxRate.ok) return taxRate
  const taxIncluded = input.taxIncluded ?? 'N'
  const factor = taxRate ? ONE.plus(phpRound(taxRate.value, 2).div(HUNDRED)) : ONE
  // The grid's price column is BRUTTO when tax is included, NETTO otherwise.
  const listNetto = taxIncluded === 'Y' ? list.value.div(factor) : list.value
  const listField = taxIncluded === 'Y' ? 'priceBrutto' : 'priceNetto'
  const listShown = phpRound(list.value, 2)

  const discount = input.discount ?? { type: 'percent', rate: 0 }
  let exclusive: Dec
  let discountFields: Pick<ProductRowInput, 'discountTypeId' | 'discountRate' | 'discountSum'>
  let discountCheck: (row: ComputedProductRow) => boolean
  if (discount.type === 'percent') {
    const rate = parseDecimal(discount.rate, 'discountRate')
    if (!rate.ok) return rate
    const r = phpRound(rate.value, 2)
    if (r.eq(HUNDRED)) {
      // A 100 % discount: PRICE is 0 and the portal needs the discount sum itself.
      exclusive = new D(0)
      discountFields = { discountTypeId: 2, discountRate: r.toFixed(2), discountSum: phpRound(listNetto, 2).toFixed(2) }
    } else {
      exclusive = listNetto.times(HUNDRED.minus(r)).div(HUNDRED)
      discountFields = { discountTypeId: 2, discountRate: r.toFixed(2) }
    }
    discountCheck = (row) => new D(row.discountRate).eq(r)
  } else {
    const sum = parseDecimal(discount.sum, 'discountSum')
    if (!sum.ok) return sum
    const s = phpRound(sum.value, 2)
    exclusive = listNetto.minus(s)
    discountFields = { discountTypeId: 1, discountSum: s.toFixed(2) }
    discountCheck = (row) => new D(row.discountSum).eq(s)
  }

  const ideal = phpRound(exclusive.times(factor), 2)
  const base = {
    quantity: input.quantity ?? 1,
    taxRate: taxRate ? taxRate.value.toFixed() : null,
    taxIncluded,
    ...discountFields,
  }
  let fallback: RestPrice | undefined
  for (let step = 0; step <= 2 * SEARCH_CENTS; step++) {
    const offset = (step % 2 === 1 ? 1 : -1) * Math.ceil(step / 2) // 0, +1, -1, +2, -2, …
    const candidate = ideal.plus(new D(offset).div(100)).toFixed(2)
    const rowInput = { ...base, price: candidate }
    const computed = computeProductRows([rowInput]).rows[0]
    if (!computed) continue
    if (!computed.ok) return err(computed.error)
    const stored = computed.value
    const exact = new D(stored[listField]).eq(listShown) && discountCheck(stored)
    if (exact) return ok({ input: rowInput, stored, exact })
    fallback ??= { input: rowInput, stored, exact }
  }
  return ok(fallback!)
}
