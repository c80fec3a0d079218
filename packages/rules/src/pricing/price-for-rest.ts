import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
import { err, ok, type Result } from '../result'
import type { RuleError } from '../errors'
import { isOneOf, isRecord, ownData } from '../input'
import { phpRound } from '../money/rounding'
import {
  computeRow,
  formatRow,
  type ComputedProductRow,
  type ProductRowInput,
  type ScaledRow,
  type YesNo,
} from './product-rows'
import { divRound, formatScaled, parseScaled } from './fixed-point'

export type ManagerDiscount =
  { readonly type: 'percent'; readonly rate: NumericInput } | { readonly type: 'amount'; readonly sum: NumericInput }

export interface ManagerPriceInput {
  /** The list price per unit the manager sees: with tax when `taxIncluded` is 'Y', without otherwise (as the Bitrix24 grid shows it). */
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
const BP = 10000n // 100 % in hundredths of a percent
/** How far (in kopecks) from the ideal price we look for one the portal round-trips exactly. */
const SEARCH_CENTS = 3n

/** 0, +1, −1, +2, −2, … kopecks. */
function* around(center: bigint, reach: bigint): Generator<bigint> {
  yield center
  for (let k = 1n; k <= reach; k++) {
    yield center + k
    yield center - k
  }
}

/** A 2-decimal Decimal in kopecks (exact: it was rounded to 2 places). */
const kopecks = (d: Dec): bigint => parseScaled(d.toFixed(2), 2)!

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
export function priceForRest(input: ManagerPriceInput): Result<RestPrice, RuleError> {
  const r = priceForRestScaled(input)
  return r.ok ? ok({ input: r.value.input, stored: formatRow(r.value.row), exact: r.value.exact }) : r
}

/** `priceForRest` with the stored row still in fixed point (an invoice sums its rows before they become text). */
export function priceForRestScaled(
  input: ManagerPriceInput,
): Result<{ readonly input: RestPrice['input']; readonly row: ScaledRow; readonly exact: boolean }, RuleError> {
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
  // From here on in fixed point: each figure below is one exact product or one division rounded once, which
  // integers give exactly as decimal.js does; `ideal` above stays in decimal.js, as it always was.
  const tax = taxRate ? kopecks(taxRate) : 0n
  const listShownK = kopecks(listShown)
  const valueK = kopecks(value)
  const rateText = value.toFixed(2)

  // The netto values whose stored list field shows the manager's list price (one when tax is excluded;
  // none when no netto gives that brutto: one kopeck of netto moves brutto by more than a kopeck).
  const nettos: bigint[] = []
  if (taxIncluded === 'Y') {
    for (const n of around(kopecks(phpRound(listNetto, 2)), 2n)) {
      if (divRound(n * (BP + tax), BP) === listShownK) nettos.push(n)
    }
  } else nettos.push(listShownK)

  const context: Candidates = {
    common,
    isPercent,
    fullDiscount: isPercent && value.eq(HUNDRED),
    nettos,
    listNetto,
    ideal: kopecks(ideal),
    tax,
    rateText,
  }
  // Candidates are judged in fixed point; only the one returned becomes strings.
  let first: { input: RestPrice['input']; row: ScaledRow } | undefined
  for (const candidate of candidatesOf(context)) {
    const computed = computeRow(candidate)
    if (!computed.ok) return err(computed.error)
    const row = computed.value
    const exact =
      (taxIncluded === 'Y' ? row.priceBrutto : row.priceNetto) === listShownK &&
      (isPercent ? row.discountRate : row.discountSum) === valueK
    if (exact) return ok({ input: candidate, row, exact: true })
    first ??= { input: candidate, row }
  }
  return ok({ input: first!.input, row: first!.row, exact: false })
}

interface Candidates {
  readonly common: Pick<ProductRowInput, 'quantity' | 'taxRate' | 'taxIncluded'>
  readonly isPercent: boolean
  readonly fullDiscount: boolean
  readonly nettos: readonly bigint[]
  readonly listNetto: Dec
  readonly ideal: bigint
  readonly tax: bigint
  readonly rateText: string
}

/**
 * The rows priceForRest tries, in order: around the ideal price, the discount as given, then (for a percent)
 * as a sum per unit. A module-level generator, not a closure per call: it runs once per row of an invoice.
 */
function* candidatesOf(c: Candidates): Generator<ProductRowInput & { price: string }> {
  const { common, isPercent, nettos, tax, rateText } = c
  if (c.fullDiscount) {
    // Nothing to derive the list price from: the portal needs the discount sum itself.
    const sum = formatScaled(nettos[0] ?? kopecks(phpRound(c.listNetto, 2)), 2)
    yield { ...common, price: '0.00', discountTypeId: 2, discountRate: '100.00', discountSum: sum }
    return
  }
  for (const price of around(c.ideal, SEARCH_CENTS)) {
    const priceText = formatScaled(price, 2)
    yield isPercent
      ? { ...common, price: priceText, discountTypeId: 2, discountRate: rateText }
      : { ...common, price: priceText, discountTypeId: 1, discountSum: rateText }
    if (!isPercent) continue
    const exclusiveStored = divRound(price * BP, BP + tax)
    for (const netto of nettos) {
      const sum = netto - exclusiveStored
      // A price a kopeck above the list price would need a negative discount, which the portal refuses.
      if (sum < 0n) continue
      yield { ...common, price: priceText, discountTypeId: 1, discountSum: formatScaled(sum, 2) }
    }
  }
}
