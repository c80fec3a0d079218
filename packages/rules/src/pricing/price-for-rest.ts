import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
import { err, ok, type Result } from '../result'
import type { RuleError } from '../errors'
import { isOneOf, isRecord, ownData } from '../input'
import { phpRound } from '../money/rounding'
import {
  computeFactoryRow,
  computeRow,
  formatRow,
  MAX_SCALED,
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
  return priceForOwnInput(input)
}

/**
 * `priceForRestScaled` of an input the rules built themselves (own fields only, a known discount type and
 * taxIncluded): neither copied nor checked again. An invoice in another currency prices each of its rows here.
 */
export function priceForOwnInput(
  input: ManagerPriceInput,
): Result<{ readonly input: RestPrice['input']; readonly row: ScaledRow; readonly exact: boolean }, RuleError> {
  const taxIncluded = input.taxIncluded ?? 'N'
  const discount = input.discount ?? { type: 'percent', rate: 0 }
  const isPercent = discount.type === 'percent'
  const fast = plainFigures(input, discount, taxIncluded)
  const figured = fast ? ok(fast) : decimalFigures(input, discount, taxIncluded)
  if (!figured.ok) return figured
  const { listShown: listShownK, listNetto, value: valueK, tax } = figured.value
  const common: Common = { quantity: figured.value.quantity, taxRate: figured.value.taxText, taxIncluded }

  // The netto values whose stored list field shows the manager's list price (one when tax is excluded;
  // none when no netto gives that brutto: one kopeck of netto moves brutto by more than a kopeck).
  const nettos: bigint[] = []
  if (taxIncluded === 'Y') {
    for (const n of around(listNetto, 2n)) {
      if (divRound(n * (BP + tax), BP) === listShownK) nettos.push(n)
    }
  } else nettos.push(listShownK)

  const context: Candidates = {
    isPercent,
    fullDiscount: isPercent && valueK === BP,
    nettos,
    listNetto,
    ideal: figured.value.ideal,
    tax,
    value: valueK,
  }
  // Candidates are judged in fixed point; only the one returned becomes strings. The first is read from its
  // text as any row is (its quantity and tax are the manager's, and their errors are the row's); the others
  // differ from it only in price and discount, and are computed without being written out and parsed again.
  let first: { candidate: Candidate; row: ScaledRow } | undefined
  // The plain path's quantity and tax, already in fixed point, when the portal would take them as they are: the
  // first candidate is then not written out and read back either (anything else is read as text, with its error).
  const q = figured.value.quantityScaled
  const plainFixed =
    q !== undefined && q <= MAX_SCALED && q >= -MAX_SCALED && tax <= BP
      ? { quantity: q, taxRate: common.taxRate === null ? null : tax, taxIncluded }
      : undefined
  for (const candidate of candidatesOf(context)) {
    const fixed = first?.row ?? plainFixed
    const computed = fixed
      ? computeFactoryRow({
          price: candidate.price,
          quantity: fixed.quantity,
          taxRate: fixed.taxRate,
          taxIncluded: fixed.taxIncluded,
          type: candidate.type,
          discountRate: candidate.discountRate,
          discountSum: candidate.discountSum,
        })
      : computeRow(inputOf(candidate, common))
    if (!computed.ok) return err(computed.error)
    const row = computed.value
    const exact =
      (taxIncluded === 'Y' ? row.priceBrutto : row.priceNetto) === listShownK &&
      (isPercent ? row.discountRate : row.discountSum) === valueK
    if (exact) return ok({ input: inputOf(candidate, common), row, exact: true })
    first ??= { candidate, row }
  }
  return ok({ input: inputOf(first!.candidate, common), row: first!.row, exact: false })
}

/** What every candidate row shares: the manager's quantity and tax, as REST is sent them. */
type Common = Pick<ProductRowInput, 'quantity' | 'taxRate' | 'taxIncluded'>

/** The manager's figures priceForRest starts from; money in kopecks, rates in hundredths of a percent. */
interface Figures {
  /** The quantity as REST is sent it ('1' when none is given). */
  readonly quantity: string
  /** The quantity at scale 4 as the portal reads that text, when the plain path read it (no text to parse again). */
  readonly quantityScaled?: bigint
  readonly tax: bigint
  /** The tax rate as REST is sent it (2 decimals), or null: no tax. */
  readonly taxText: string | null
  /** The list price rounded to kopecks (what the grid shows). */
  readonly listShown: bigint
  /** The list price without tax, rounded to kopecks. */
  readonly listNetto: bigint
  /** The discount (a rate or a sum per unit) rounded to 2 decimals. */
  readonly value: bigint
  /** The unit price the portal should store, before the search around it. */
  readonly ideal: bigint
}

type Discount = ManagerDiscount | { readonly type: 'percent'; readonly rate: 0 }

/** The figures in decimal.js: any input parseDecimal takes, with its errors. */
function decimalFigures(input: ManagerPriceInput, discount: Discount, taxIncluded: YesNo): Result<Figures, RuleError> {
  const quantity = input.quantity === undefined ? undefined : parseDecimal(input.quantity, 'quantity')
  if (quantity && !quantity.ok) return quantity
  const list = parseDecimal(input.listPrice, 'listPrice')
  if (!list.ok) return list
  const taxIn = input.taxRate === undefined || input.taxRate === null ? null : parseDecimal(input.taxRate, 'taxRate')
  if (taxIn && !taxIn.ok) return taxIn
  const taxRate = taxIn ? phpRound(taxIn.value, 2) : null
  const factor = taxRate ? ONE.plus(taxRate.div(HUNDRED)) : ONE
  const listNetto = taxIncluded === 'Y' ? list.value.div(factor) : list.value
  const parsed =
    discount.type === 'percent'
      ? parseDecimal(discount.rate, 'discountRate')
      : parseDecimal(discount.sum, 'discountSum')
  if (!parsed.ok) return parsed
  const value = phpRound(parsed.value, 2)
  const exclusive =
    discount.type === 'percent' ? listNetto.times(HUNDRED.minus(value)).div(HUNDRED) : listNetto.minus(value)
  return ok({
    quantity: quantity ? quantity.value.toFixed() : '1',
    tax: taxRate ? kopecks(taxRate) : 0n,
    taxText: taxRate ? taxRate.toFixed(2) : null,
    listShown: kopecks(phpRound(list.value, 2)),
    listNetto: kopecks(phpRound(listNetto, 2)),
    value: kopecks(value),
    ideal: kopecks(phpRound(exclusive.times(factor), 2)),
  })
}

/** Decimals the fast path reads inputs at: a converted price has at most 8 (a currency's DECIMALS). */
const PLAIN_SCALE = 8
const PLAIN_UNIT = 10n ** BigInt(PLAIN_SCALE)
const TO_KOPECKS = PLAIN_UNIT / 100n

/** A non-negative plain decimal ('1234.5', at most 8 decimals and 15 digits) at scale 8, else undefined. */
function plain(value: unknown): bigint | undefined {
  // Short enough to stay below MAX_AMOUNT, with no more decimals than the scale: read without rounding.
  if (typeof value !== 'string' || value.length > 16 || !PLAIN.test(value)) return undefined
  return parseScaled(value, PLAIN_SCALE)
}
const PLAIN = /^\d*(\.\d{0,8})?$/

/** Decimal.toFixed() of a plain non-negative figure at scale 8: no exponent, no trailing zeros. */
function plainText(v: bigint): string {
  const text = formatScaled(v, PLAIN_SCALE)
  return text.replace(/\.?0+$/, '')
}

/**
 * `decimalFigures` in exact integers, for the everyday input (plain non-negative decimals: an invoice converts
 * 100,000 rows through here). Each figure is a ratio of integers rounded once; decimal.js reaches the same
 * kopeck through 50-digit intermediates, except where the exact ratio is a tie (x.xx5), which its rounding
 * can tip either way: there the answer is left to decimalFigures (undefined).
 */
function plainFigures(input: ManagerPriceInput, discount: Discount, taxIncluded: YesNo): Figures | undefined {
  const quantity = input.quantity === undefined ? undefined : plain(input.quantity)
  const list = plain(input.listPrice)
  const noTax = input.taxRate === undefined || input.taxRate === null
  const taxIn = noTax ? undefined : plain(input.taxRate)
  const given = discount.type === 'percent' ? discount.rate : discount.sum
  const valueIn = given === 0 ? 0n : plain(given)
  if ((input.quantity !== undefined && quantity === undefined) || list === undefined) return undefined
  if ((!noTax && taxIn === undefined) || valueIn === undefined) return undefined
  const tax = taxIn === undefined ? 0n : divRound(taxIn, TO_KOPECKS)
  const value = divRound(valueIn, TO_KOPECKS)
  const f = BP + tax // (1 + t/100) · BP
  // The ideal price as the ratio num/den in kopecks; list is at scale 8, value at 2, f at 4 (BP).
  let num: bigint
  let den: bigint
  if (discount.type === 'percent') {
    num = list * (BP - value) * (taxIncluded === 'Y' ? 1n : f)
    den = BP * TO_KOPECKS * (taxIncluded === 'Y' ? 1n : BP)
  } else {
    num = taxIncluded === 'Y' ? list * BP - value * TO_KOPECKS * f : (list - value * TO_KOPECKS) * f
    den = BP * TO_KOPECKS
  }
  if (isTie(num, den)) return undefined
  return {
    quantity: quantity === undefined ? '1' : plainText(quantity),
    quantityScaled: quantity === undefined ? 10000n : divRound(quantity, PLAIN_UNIT / 10000n),
    tax,
    taxText: taxIn === undefined ? null : formatScaled(tax, 2),
    listShown: divRound(list, TO_KOPECKS),
    listNetto: taxIncluded === 'Y' ? divRound(list * BP, f * TO_KOPECKS) : divRound(list, TO_KOPECKS),
    value,
    ideal: divRound(num, den),
  }
}

/** True when num/den lies exactly halfway between two integers. */
const isTie = (num: bigint, den: bigint): boolean => {
  const r = num % den
  return 2n * (r < 0n ? -r : r) === den
}

interface Candidates {
  readonly isPercent: boolean
  readonly fullDiscount: boolean
  readonly nettos: readonly bigint[]
  readonly listNetto: bigint
  readonly ideal: bigint
  readonly tax: bigint
  /** The manager's discount (a rate or a sum per unit) in hundredths. */
  readonly value: bigint
}

/** One row priceForRest tries: a price and a discount, in fixed point (2 decimals). */
interface Candidate {
  readonly price: bigint
  readonly type: 1 | 2
  readonly discountRate: bigint
  readonly discountSum: bigint
}

/** The row REST is sent for a candidate: only the discount field its type uses (both for a 100 % rate). */
function inputOf(c: Candidate, common: Common): RestPrice['input'] {
  // Literals, not spreads of `common`: an invoice in another currency builds one per row, and spread objects
  // cost several times as much (the fields keep the order the spread gave them).
  const { quantity, taxRate, taxIncluded } = common
  const price = formatScaled(c.price, 2)
  if (c.type === 1) {
    return { quantity, taxRate, taxIncluded, price, discountTypeId: 1, discountSum: formatScaled(c.discountSum, 2) }
  }
  const discountRate = formatScaled(c.discountRate, 2)
  return c.discountRate === BP
    ? { quantity, taxRate, taxIncluded, price, discountTypeId: 2, discountRate, discountSum: formatScaled(c.discountSum, 2) } // prettier-ignore
    : { quantity, taxRate, taxIncluded, price, discountTypeId: 2, discountRate }
}

/**
 * The rows priceForRest tries, in order: around the ideal price, the discount as given, then (for a percent)
 * as a sum per unit. A module-level generator, not a closure per call: it runs once per row of an invoice.
 */
function* candidatesOf(c: Candidates): Generator<Candidate> {
  const { isPercent, nettos, tax, value } = c
  if (c.fullDiscount) {
    // Nothing to derive the list price from: the portal needs the discount sum itself.
    const sum = nettos[0] ?? c.listNetto
    yield { price: 0n, type: 2, discountRate: BP, discountSum: sum }
    return
  }
  for (const price of around(c.ideal, SEARCH_CENTS)) {
    yield isPercent
      ? { price, type: 2, discountRate: value, discountSum: 0n }
      : { price, type: 1, discountRate: 0n, discountSum: value }
    if (!isPercent) continue
    const exclusiveStored = divRound(price * BP, BP + tax)
    for (const netto of nettos) {
      const sum = netto - exclusiveStored
      // A price a kopeck above the list price would need a negative discount, which the portal refuses.
      if (sum < 0n) continue
      yield { price, type: 1, discountRate: 0n, discountSum: sum }
    }
  }
}
