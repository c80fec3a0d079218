import { D, parseDecimal, type Dec } from '../../src/decimal'
import { err, ok, type Result } from '../../src/result'
import type { RuleError } from '../../src/errors'
import { isOneOf, isRecord, ownData } from '../../src/input'
import { phpRound } from '../../src/money/rounding'
import { computeProductRows, type ComputedProductRow, type ProductRowInput } from '../../src/pricing/product-rows'
import type { ManagerPriceInput, RestPrice } from '../../src/pricing/price-for-rest'

/*
 * priceForRest as it was before its candidates were judged in fixed point (every candidate through the public
 * computeProductRows, every figure a decimal.js value): the straightforward reference the fast path is
 * property-tested against (price-for-rest.test.ts).
 */

const HUNDRED = new D(100)
const ONE = new D(1)
const CENT = new D('0.01')
/** How far (in kopecks) from the ideal price we look for one the portal round-trips exactly. */
const SEARCH_CENTS = 3

/** 0, +1, −1, +2, −2, … kopecks. */
function* around(center: Dec, reach: number): Generator<Dec> {
  yield center
  for (let k = 1; k <= reach; k++) {
    yield center.plus(CENT.times(k))
    yield center.minus(CENT.times(k))
  }
}

/**
 * The reverse of `computeProductRows`: from a list price, a discount and a tax rule to the row REST needs.
 * The portal re-derives PRICE_NETTO/BRUTTO and the discount from the 2-decimal PRICE (b24-math.md 3.2), so the
 * naive `list × (1 − d)` often comes back a kopeck or more off: with a 75 % discount one kopeck of PRICE moves
 * the derived list price by four. We therefore try, around the ideal price:
 *   1. the discount as the manager gave it (percent or amount);
 *   2. for a percent discount, the same discount sent as an absolute sum per unit (the portal keeps that sum
 *      and recomputes the percentage, which usually lands on the manager's rate at 2 decimals);
 * and return the first row whose stored list price and discount are exactly the manager's. If none is,
 * the ideal price is sent and `exact: false` says the stored list price will differ.
 */
export function referencePriceForRest(input: ManagerPriceInput): Result<RestPrice, RuleError> {
  if (!isRecord(input)) return err({ code: 'INVALID_INPUT', field: 'input', value: input })
  input = ownData(input)
  if (input.discount !== undefined && !isRecord(input.discount)) {
    return err({ code: 'INVALID_INPUT', field: 'discount', value: input.discount })
  }
  if (input.discount && !isOneOf(input.discount.type, ['percent', 'amount'] as const)) {
    return err({
      code: 'INVALID_ENUM',
      field: 'discount.type',
      value: input.discount.type,
      allowed: ['percent', 'amount'],
    })
  }
  if (input.taxIncluded !== undefined && !isOneOf(input.taxIncluded, ['Y', 'N'] as const)) {
    return err({ code: 'INVALID_ENUM', field: 'taxIncluded', value: input.taxIncluded, allowed: ['Y', 'N'] })
  }
  const quantity = input.quantity === undefined ? undefined : parseDecimal(input.quantity, 'quantity')
  if (quantity && !quantity.ok) return quantity
  const list = parseDecimal(input.listPrice, 'listPrice')
  if (!list.ok) return list
  const taxIn = input.taxRate === undefined || input.taxRate === null ? null : parseDecimal(input.taxRate, 'taxRate')
  if (taxIn && !taxIn.ok) return taxIn
  const taxRate = taxIn ? phpRound(taxIn.value, 2) : null
  const taxIncluded = input.taxIncluded ?? 'N'
  const factor = taxRate ? ONE.plus(taxRate.div(HUNDRED)) : ONE
  const listShown = phpRound(list.value, 2)
  // The grid's price column is BRUTTO when tax is included, NETTO otherwise.
  const listField = taxIncluded === 'Y' ? 'priceBrutto' : 'priceNetto'
  const listNetto = taxIncluded === 'Y' ? list.value.div(factor) : list.value

  const discount = input.discount ?? { type: 'percent', rate: 0 }
  const parsed =
    discount.type === 'percent'
      ? parseDecimal(discount.rate, 'discountRate')
      : parseDecimal(discount.sum, 'discountSum')
  if (!parsed.ok) return parsed
  const value = phpRound(parsed.value, 2)
  const isPercent = discount.type === 'percent'
  const exclusive = isPercent ? listNetto.times(HUNDRED.minus(value)).div(HUNDRED) : listNetto.minus(value)
  const ideal = phpRound(exclusive.times(factor), 2)

  const common = {
    quantity: quantity ? quantity.value.toFixed() : '1',
    taxRate: taxRate ? taxRate.toFixed(2) : null,
    taxIncluded,
  }
  const matches = (row: ComputedProductRow) =>
    new D(row[listField]).eq(listShown) && new D(isPercent ? row.discountRate : row.discountSum).eq(value)

  // The netto values whose stored list field shows the manager's list price (one when tax is excluded;
  // none when no netto gives that brutto: one kopeck of netto moves brutto by more than a kopeck).
  const nettos =
    taxIncluded === 'Y'
      ? [...around(phpRound(listNetto, 2), 2)].filter((n) => phpRound(n.times(factor), 2).eq(listShown))
      : [listShown]

  const candidates = function* (): Generator<ProductRowInput & { price: string }> {
    if (isPercent && value.eq(HUNDRED)) {
      // Nothing to derive the list price from: the portal needs the discount sum itself.
      const sum = (nettos[0] ?? phpRound(listNetto, 2)).toFixed(2)
      yield { ...common, price: '0.00', discountTypeId: 2, discountRate: '100.00', discountSum: sum }
      return
    }
    for (const price of around(ideal, SEARCH_CENTS)) {
      yield isPercent
        ? { ...common, price: price.toFixed(2), discountTypeId: 2, discountRate: value.toFixed(2) }
        : { ...common, price: price.toFixed(2), discountTypeId: 1, discountSum: value.toFixed(2) }
      if (!isPercent) continue
      const exclusiveStored = phpRound(price.div(factor), 2)
      for (const netto of nettos) {
        const sum = netto.minus(exclusiveStored)
        // A price a kopeck above the list price would need a negative discount, which the portal refuses.
        if (sum.isNegative()) continue
        yield { ...common, price: price.toFixed(2), discountTypeId: 1, discountSum: sum.toFixed(2) }
      }
    }
  }

  let first: RestPrice | undefined
  for (const candidate of candidates()) {
    const computed = computeProductRows([candidate]).rows[0]!
    if (!computed.ok) return err(computed.error)
    const found = { input: candidate, stored: computed.value, exact: matches(computed.value) }
    if (found.exact) return ok(found)
    first ??= found
  }
  return ok({ ...first!, exact: false })
}
