import { MAX_AMOUNT, type NumericInput } from '../decimal'
import { isRecord } from '../input'
import { err, ok, type Result } from '../result'
import { divRound, formatScaled, parseScaled } from './fixed-point'
import type { RuleError } from '../errors'

/** 1 = an absolute discount per unit, 2 = a percentage (Bitrix24's DISCOUNT_TYPE_ID). */
export type DiscountTypeId = 1 | 2
export type YesNo = 'Y' | 'N'

/** A product row as sent to REST, with Bitrix24's camelCase names. Numbers may be numeric strings. */
export interface ProductRowInput {
  /** Final unit price: after discount, with tax, whatever `taxIncluded` says. */
  readonly price: NumericInput
  readonly quantity?: NumericInput
  readonly discountTypeId?: DiscountTypeId | NumericInput | null
  readonly discountRate?: NumericInput | null
  readonly discountSum?: NumericInput | null
  readonly taxRate?: NumericInput | null
  readonly taxIncluded?: YesNo
  /** Legacy path only (`crm.deal.productrows.set`): caller-supplied derived prices win there. */
  readonly priceExclusive?: NumericInput | null
  readonly priceNetto?: NumericInput | null
  readonly priceBrutto?: NumericInput | null
}

/** A row as the portal stores it, plus the basket figures its totals are made of. Decimal strings. */
export interface ComputedProductRow {
  readonly price: string
  readonly quantity: string
  readonly priceExclusive: string
  readonly priceNetto: string
  readonly priceBrutto: string
  readonly discountTypeId: DiscountTypeId
  readonly discountRate: string
  readonly discountSum: string
  readonly taxRate: string | null
  readonly taxIncluded: YesNo
  /** The unit price the sale basket uses: PRICE when tax is included, PRICE_EXCLUSIVE otherwise. */
  readonly basketPrice: string
  /** The row's contribution to OPPORTUNITY (tax added when not included). */
  readonly sum: string
  /** The row's VAT, rounded per row. */
  readonly tax: string
}

export interface ProductRowsOptions {
  /** `factory` (crm.item.productrow.*, crm.item.* and smart invoices; the default) or `legacy` (crm.deal.productrows.set). */
  readonly path?: 'factory' | 'legacy'
}

export interface ProductRowsResult {
  /** One result per input row, in order; a row the portal would refuse is an error with a code. */
  readonly rows: readonly Result<ComputedProductRow, RuleError>[]
  /** OPPORTUNITY over the valid rows (no delivery). */
  readonly opportunity: string
  /** TAX_VALUE over the valid rows: the sum of per-row rounded VAT. */
  readonly taxValue: string
  readonly hasErrors: boolean
}

// Scales of the fixed-point values below: money in kopecks (2), quantity (4), rates in hundredths of a percent (2).
const BP = 10000n // 100 % at scale 2
const isSet = (v: unknown): boolean => v !== undefined && v !== null
/**
 * The portal's columns are DECIMAL(18,2) for money and DECIMAL(18,4) for quantities: at its own scale every
 * stored figure is an integer of at most 18 digits (money up to `MAX_AMOUNT`).
 */
export const MAX_SCALED = 10n ** 18n - 1n
const MAX_QUANTITY = '99999999999999.9999'
const beyond = (v: bigint): boolean => v > MAX_SCALED || v < -MAX_SCALED

function num(value: unknown, field: string, scale: number, fallback: bigint): Result<bigint, RuleError> {
  if (!isSet(value)) return ok(fallback)
  const v = parseScaled(value, scale)
  if (v === undefined) return err({ code: 'INVALID_NUMBER', field, value })
  if (v > MAX_SCALED || v < -MAX_SCALED) {
    return err({ code: 'OUT_OF_RANGE', field, value, max: scale === 4 ? MAX_QUANTITY : MAX_AMOUNT })
  }
  return ok(v)
}

/** The unit price is what the portal stores; a row without one is no row (not a free one). */
function requiredPrice(value: unknown): Result<bigint, RuleError> {
  return isSet(value) ? num(value, 'price', 2, 0n) : err({ code: 'INVALID_INPUT', field: 'price', value })
}

/** A discount entered as a rate lies within 0…100 %; one entered as a sum is not negative (no negative prices). */
function discountInRange(rate: bigint | undefined, sum: bigint | undefined): Result<true, RuleError> {
  if (rate !== undefined && (rate < 0n || rate > BP)) {
    return err({ code: 'OUT_OF_RANGE', field: 'discountRate', value: formatScaled(rate, 2), min: '0', max: '100' })
  }
  if (sum !== undefined && sum < 0n) {
    return err({ code: 'OUT_OF_RANGE', field: 'discountSum', value: formatScaled(sum, 2), min: '0' })
  }
  return ok(true)
}

function discountType(value: unknown): Result<DiscountTypeId | 0, RuleError> {
  if (!isSet(value) || value === '' || value === 0 || value === '0') return ok(0)
  if (value === 1 || value === '1') return ok(1)
  if (value === 2 || value === '2') return ok(2)
  return err({ code: 'INVALID_ENUM', field: 'discountTypeId', value, allowed: ['1', '2'] })
}

function yesNo(value: unknown): Result<YesNo, RuleError> {
  if (value === undefined || value === null || value === 'N') return ok('N')
  if (value === 'Y') return ok('Y')
  return err({ code: 'INVALID_ENUM', field: 'taxIncluded', value, allowed: ['Y', 'N'] })
}

/** The tax rate in hundredths of a percent, or null for "no tax"; −100 % or less would divide by zero, over 100 % is OUT_OF_RANGE. */
function taxRateOf(value: unknown): Result<bigint | null, RuleError> {
  if (!isSet(value)) return ok(null)
  const t = parseScaled(value, 2)
  if (t === undefined || t <= -BP) return err({ code: 'INVALID_NUMBER', field: 'taxRate', value })
  // A rate is a percentage of the price: above 100 % it is a typo (or 1e20), not a tax.
  return t > BP ? err({ code: 'OUT_OF_RANGE', field: 'taxRate', value, max: '100' }) : ok(t)
}

/** `Discount::calculateDiscountRate` on kopecks: 0 when the original is 0, ±100 % when the price is 0. */
function discountRateOf(original: bigint, price: bigint): bigint {
  if (original === 0n) return 0n
  if (price === 0n) return original > 0n ? BP : -BP
  return divRound(BP * (original - price), original)
}

export interface Normalized {
  basketPrice?: bigint
  sum?: bigint
  tax?: bigint
  price: bigint
  quantity: bigint
  taxRate: bigint | null
  taxIncluded: YesNo
  discountTypeId: DiscountTypeId
  discountRate: bigint
  discountSum: bigint
  priceExclusive: bigint
  priceNetto: bigint
  priceBrutto: bigint
}

interface CommonFields {
  quantity: bigint
  taxRate: bigint | null
  taxIncluded: YesNo
  type: DiscountTypeId | 0
}

function commonFields(row: ProductRowInput): Result<CommonFields, RuleError> {
  const quantity = num(row.quantity, 'quantity', 4, 10000n)
  if (!quantity.ok) return quantity
  const taxRate = taxRateOf(row.taxRate)
  if (!taxRate.ok) return taxRate
  const type = discountType(row.discountTypeId)
  if (!type.ok) return type
  const taxIncluded = yesNo(row.taxIncluded)
  if (!taxIncluded.ok) return taxIncluded
  return ok({ quantity: quantity.value, taxRate: taxRate.value, taxIncluded: taxIncluded.value, type: type.value })
}

/**
 * `ProductRow::normalize()` (factory path, b24-math.md 3.2). Every setter rounds, so each step works on
 * the 2-decimal value of the step before: that is why V01 gives PRICE_NETTO 83333.34, not 83333.33.
 */
function normalizeFactory(row: ProductRowInput): Result<Normalized, RuleError> {
  const input = parseFactoryInput(row)
  return input.ok ? normalizeFactoryInput(input.value) : input
}

/** A factory-path row's input fields in fixed point, parsed and within the portal's columns. */
export interface FactoryInput {
  readonly price: bigint
  readonly quantity: bigint
  readonly taxRate: bigint | null
  readonly taxIncluded: YesNo
  /** 0: no discount type given. */
  readonly type: DiscountTypeId | 0
  readonly discountRate: bigint
  readonly discountSum: bigint
}

function parseFactoryInput(row: ProductRowInput): Result<FactoryInput, RuleError> {
  const price = requiredPrice(row.price)
  if (!price.ok) return price
  const rateIn = num(row.discountRate, 'discountRate', 2, 0n)
  if (!rateIn.ok) return rateIn
  const sumIn = num(row.discountSum, 'discountSum', 2, 0n)
  if (!sumIn.ok) return sumIn
  const c = commonFields(row)
  if (!c.ok) return c
  const { quantity, taxRate, taxIncluded, type } = c.value
  return ok({
    price: price.value,
    quantity,
    taxRate,
    taxIncluded,
    type,
    discountRate: rateIn.value,
    discountSum: sumIn.value,
  })
}

/** The arithmetic of `normalizeFactory` on parsed fields (priceForRest tries its candidates here, unparsed). */
function normalizeFactoryInput(input: FactoryInput): Result<Normalized, RuleError> {
  const { price, quantity, taxRate, taxIncluded, type } = input
  // Only the inputs the type uses: a type-2 row's sum is derived (unless the rate is 100 %), a type-1 row's rate.
  const usesSum = type === 1 || (type === 2 && input.discountRate === BP)
  const range = discountInRange(type === 2 ? input.discountRate : undefined, usesSum ? input.discountSum : undefined)
  if (!range.ok) return range

  const factor = BP + (taxRate ?? 0n) // (1 + t/100) in hundredths of a percent
  const priceExclusive = divRound(price * BP, factor)
  let discountTypeId: DiscountTypeId = 2
  let discountRate = 0n
  let discountSum = input.discountSum
  if (type === 2) {
    discountRate = input.discountRate
    if (discountRate === BP) {
      // The original price cannot be derived back from a zero price: the portal demands the sum.
      if (discountSum === 0n) return err({ code: 'DISCOUNT_SUM_REQUIRED', field: 'discountSum' })
    } else {
      // r2(excl·100/(100 − r) − excl) = r2(excl·r/(100 − r)): the same exact ratio.
      discountSum = divRound(priceExclusive * discountRate, BP - discountRate)
    }
  } else if (type === 1) {
    discountTypeId = 1
    discountRate = discountRateOf(priceExclusive + discountSum, priceExclusive)
  } else {
    discountSum = 0n // an undefined type becomes a 0 % discount
  }
  const priceNetto = priceExclusive + discountSum
  const priceBrutto = divRound(priceNetto * factor, BP)
  return ok({
    price,
    quantity,
    taxRate,
    taxIncluded,
    discountTypeId,
    discountRate,
    discountSum,
    priceExclusive,
    priceNetto,
    priceBrutto,
  })
}

const LEGACY_FIELDS = ['price', 'priceExclusive', 'priceNetto', 'priceBrutto', 'discountRate', 'discountSum'] as const

/**
 * `CCrmProductRow::SaveRows` → `preparePrices()` (legacy path, b24-math.md 3.3): whatever derived price the
 * caller supplies is kept (rounded), only the missing ones are computed.
 */
function normalizeLegacy(row: ProductRowInput): Result<Normalized, RuleError> {
  const required = requiredPrice(row.price)
  if (!required.ok) return required
  const given: Partial<Record<(typeof LEGACY_FIELDS)[number], bigint>> = {}
  for (const f of LEGACY_FIELDS) {
    if (!isSet(row[f])) continue
    const v = num(row[f], f, 2, 0n)
    if (!v.ok) return v
    given[f] = v.value
  }
  const range = discountInRange(given.discountRate, given.discountSum)
  if (!range.ok) return range
  const c = commonFields(row)
  if (!c.ok) return c
  const { quantity, taxRate, taxIncluded, type } = c.value

  const factor = BP + (taxRate ?? 0n)
  const price = given.price ?? 0n
  let priceExclusive = given.priceExclusive ?? 0n
  if (priceExclusive === 0n && price !== 0n) priceExclusive = divRound(price * BP, factor)

  const discountTypeId: DiscountTypeId = type === 1 ? 1 : 2
  let discountRate = given.discountRate ?? 0n
  let discountSum = given.discountSum ?? 0n
  if (discountTypeId === 2 && given.discountSum === undefined) {
    // calculateOriginalPrice gives 0 for a 100 % rate, so the sum becomes −PRICE_EXCLUSIVE there.
    discountSum = discountRate === BP ? -priceExclusive : divRound(priceExclusive * discountRate, BP - discountRate)
  } else if (discountTypeId === 1 && given.discountRate === undefined) {
    discountRate = discountRateOf(priceExclusive + discountSum, priceExclusive)
  }
  const priceNetto = given.priceNetto ?? priceExclusive + discountSum
  const priceBrutto = given.priceBrutto ?? divRound(priceNetto * factor, BP)
  return ok({
    price,
    quantity,
    taxRate,
    taxIncluded,
    discountTypeId,
    discountRate,
    discountSum,
    priceExclusive,
    priceNetto,
    priceBrutto,
  })
}

/** The first derived price beyond DECIMAL(18,2) (a −50 % tax rate doubles PRICE_EXCLUSIVE), if any. */
function beyondStorage(row: Normalized): RuleError | undefined {
  const fields = ['priceExclusive', 'priceNetto', 'priceBrutto', 'discountSum'] as const
  const field = fields.find((f) => row[f] > MAX_SCALED || row[f] < -MAX_SCALED)
  return field && { code: 'OUT_OF_RANGE', field, value: formatScaled(row[field], 2), max: MAX_AMOUNT }
}

const ROW_FIELDS = [
  'price',
  'quantity',
  'discountTypeId',
  'discountRate',
  'discountSum',
  'taxRate',
  'taxIncluded',
  'priceExclusive',
  'priceNetto',
  'priceBrutto',
] as const satisfies readonly (keyof ProductRowInput)[]
const hasOwn = Object.prototype.hasOwnProperty

/**
 * The row's own fields the arithmetic reads, nothing inherited. Cheaper than `ownData` (a copy of every key of
 * a deal row, recursively): a 100,000-row invoice reads each row here once.
 */
function ownRow(input: object): ProductRowInput {
  const out: Record<string, unknown> = {}
  for (const key of ROW_FIELDS) if (hasOwn.call(input, key)) out[key] = (input as Record<string, unknown>)[key]
  return out as unknown as ProductRowInput
}

/** roundEx(N/Dn, 2) for a ratio at scale 6: add 10^-6 (one unit), then round half away from zero to scale 2. */
const roundEx6to2 = (n: bigint, d: bigint): bigint => divRound(n + d, d * 10000n)

/** One row in fixed point: what the portal stores, and its basket price, sum and VAT. */
export interface ScaledRow extends Normalized {
  basketPrice: bigint
  sum: bigint
  tax: bigint
}

/**
 * One row of `computeProductRows` in fixed point, before its figures become strings (priceForRest judges its
 * candidates here). The row's own fields only are read; its sum or VAT beyond DECIMAL(18,2) is OUT_OF_RANGE.
 */
export function computeRow(
  input: object,
  normalize: (row: ProductRowInput) => Result<Normalized, RuleError> = normalizeFactory,
): Result<ScaledRow, RuleError> {
  const n = normalize(ownRow(input))
  return n.ok ? completeRow(n.value) : n
}

/**
 * `computeRow` of a factory-path row given in fixed point. Its money fields are checked against DECIMAL(18,2)
 * here, as parsing checks a row given as text.
 */
export function computeFactoryRow(input: FactoryInput): Result<ScaledRow, RuleError> {
  for (const field of ['price', 'discountRate', 'discountSum'] as const) {
    const v = input[field]
    if (beyond(v)) return err({ code: 'OUT_OF_RANGE', field, value: formatScaled(v, 2), max: MAX_AMOUNT })
  }
  const n = normalizeFactoryInput(input)
  return n.ok ? completeRow(n.value) : n
}

/** The basket price, sum and VAT of a normalized row (completed in place: the record is the caller's own). */
function completeRow(row: Normalized): Result<ScaledRow, RuleError> {
  const tooLarge = beyondStorage(row)
  if (tooLarge) return err(tooLarge)
  const included = row.taxIncluded === 'Y'
  const basketPrice = included ? row.price : row.priceExclusive // already 2-decimal: roundEx leaves it
  const gross = basketPrice * row.quantity // scale 6
  const t = row.taxRate ?? 0n
  let tax = 0n
  if (t !== 0n) tax = included ? roundEx6to2(gross * t, BP + t) : roundEx6to2(gross * t, BP)
  const sum = roundEx6to2(gross, 1n) + (included ? 0n : tax)
  if (beyond(sum) || beyond(tax)) {
    // This row's sum is more than OPPORTUNITY can hold.
    return err({ code: 'OUT_OF_RANGE', field: 'sum', value: formatScaled(sum, 2), max: MAX_AMOUNT })
  }
  row.basketPrice = basketPrice // the normalized record is this call's own: completed in place, not copied
  row.sum = sum
  row.tax = tax
  return ok(row as ScaledRow)
}

const ZERO_2 = '0.00'
/** A money figure as text; zero (no discount, no tax) is the most common figure and needs no formatting. */
const money = (v: bigint): string => (v === 0n ? ZERO_2 : formatScaled(v, 2))

/**
 * A fixed-point row as the decimal strings the portal stores and returns. Equal figures share one string
 * (the basket price is PRICE or PRICE_EXCLUSIVE; without a discount PRICE_NETTO is PRICE_EXCLUSIVE): a
 * 100,000-row invoice formats each figure once.
 */
export function formatRow(row: ScaledRow): ComputedProductRow {
  const price = money(row.price)
  const priceExclusive = row.priceExclusive === row.price ? price : money(row.priceExclusive)
  const priceNetto = row.priceNetto === row.priceExclusive ? priceExclusive : money(row.priceNetto)
  const priceBrutto = row.priceBrutto === row.price ? price : money(row.priceBrutto)
  return {
    price,
    quantity: formatScaled(row.quantity, 4),
    priceExclusive,
    priceNetto,
    priceBrutto,
    discountTypeId: row.discountTypeId,
    discountRate: money(row.discountRate),
    discountSum: money(row.discountSum),
    taxRate: row.taxRate === null ? null : money(row.taxRate),
    taxIncluded: row.taxIncluded,
    basketPrice: row.basketPrice === row.price ? price : priceExclusive,
    sum: money(row.sum),
    tax: money(row.tax),
  }
}

/**
 * Bitrix24's product-row arithmetic end to end: normalises every row as the portal stores it, then computes
 * each row's basket sum and VAT and the document's OPPORTUNITY and TAX_VALUE (`CCrmSaleHelper::Calculate`,
 * b24-math.md 0.B): rounding per unit price, then per row, then once on the sum. Exact fixed-point throughout.
 */
export function computeProductRows(
  rows: readonly ProductRowInput[],
  options: ProductRowsOptions = {},
): ProductRowsResult {
  if (!Array.isArray(rows)) {
    const error = err<RuleError>({ code: 'INVALID_INPUT', field: 'rows', value: rows })
    return { rows: [error], opportunity: '0.00', taxValue: '0.00', hasErrors: true }
  }
  const normalize = isRecord(options) && options.path === 'legacy' ? normalizeLegacy : normalizeFactory
  const out: Result<ComputedProductRow, RuleError>[] = []
  const totals = new DocumentTotals()
  let hasErrors = false
  for (let i = 0; i < rows.length; i++) {
    const input: unknown = rows[i]
    const r = isRecord(input)
      ? computeRow(input, normalize)
      : err<RuleError>({ code: 'INVALID_INPUT', field: `rows[${i}]`, value: input })
    if (!r.ok) {
      hasErrors = true
      out.push(r)
      continue
    }
    const refused = totals.add(r.value)
    if (refused) {
      hasErrors = true
      out.push(err(refused))
      continue
    }
    out.push(ok(formatRow(r.value)))
  }
  return { rows: out, opportunity: totals.opportunity, taxValue: totals.taxValue, hasErrors }
}

/**
 * A document's OPPORTUNITY and TAX_VALUE, row by row (`CCrmSaleHelper::Calculate`): row sums are whole
 * kopecks, so the final roundEx and round of the total change nothing.
 */
export class DocumentTotals {
  private total = 0n
  private taxTotal = 0n

  /** Adds the row, or says why not: with it the document's total would be more than OPPORTUNITY can hold. */
  add(row: ScaledRow): RuleError | undefined {
    if (beyond(this.total + row.sum) || beyond(this.taxTotal + row.tax)) {
      return { code: 'OUT_OF_RANGE', field: 'sum', value: formatScaled(row.sum, 2), max: MAX_AMOUNT }
    }
    this.total += row.sum
    this.taxTotal += row.tax
    return undefined
  }

  get opportunity(): string {
    return formatScaled(this.total, 2)
  }

  get taxValue(): string {
    return formatScaled(this.taxTotal, 2)
  }
}
