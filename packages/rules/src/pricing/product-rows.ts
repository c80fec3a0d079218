import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
import { err, ok, type Result } from '../result'
import type { RuleError } from '../errors'
import { phpRound } from '../money/rounding'

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

const ZERO = new D(0)
const ONE = new D(1)
const HUNDRED = new D(100)
const EPS2 = new D('0.000001') // roundEx(x, 2) adds 10^-(2+4)

const r2 = (x: Dec): Dec => phpRound(x, 2)
const r4 = (x: Dec): Dec => phpRound(x, 4)
/** roundEx(x, 2), inlined for the hot path: same result as roundEx(x, 2). */
const rx2 = (x: Dec): Dec => {
  const r = x.plus(EPS2).toDecimalPlaces(2, D.ROUND_HALF_UP)
  return r.isZero() ? ZERO : r
}

const isSet = (v: unknown): boolean => v !== undefined && v !== null

function num(value: unknown, field: string, fallback: Dec): Result<Dec, RuleError> {
  return isSet(value) ? parseDecimal(value, field) : ok(fallback)
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

/** `Discount::calculateDiscountRate`: on 2-decimal inputs; 0 when original is 0, ±100 when price is 0. */
function discountRateOf(original: Dec, price: Dec): Dec {
  const o = r2(original)
  const p = r2(price)
  if (o.isZero()) return ZERO
  if (p.isZero()) return o.isPositive() ? HUNDRED : HUNDRED.neg()
  return r2(HUNDRED.times(o.minus(p)).div(o))
}

interface Normalized {
  price: Dec
  quantity: Dec
  taxRate: Dec | null
  taxIncluded: YesNo
  discountTypeId: DiscountTypeId
  discountRate: Dec
  discountSum: Dec
  priceExclusive: Dec
  priceNetto: Dec
  priceBrutto: Dec
}

/**
 * `ProductRow::normalize()` (factory path, b24-math.md 3.2). Every setter rounds, so each step works on
 * the 2-decimal value of the step before: that is why V01 gives PRICE_NETTO 83333.34, not 83333.33.
 */
function normalizeFactory(row: ProductRowInput): Result<Normalized, RuleError> {
  const price = num(row.price, 'price', ZERO)
  if (!price.ok) return price
  const quantity = num(row.quantity, 'quantity', ONE)
  if (!quantity.ok) return quantity
  const taxRateIn = isSet(row.taxRate) ? parseDecimal(row.taxRate, 'taxRate') : ok(null)
  if (!taxRateIn.ok) return taxRateIn
  const rateIn = num(row.discountRate, 'discountRate', ZERO)
  if (!rateIn.ok) return rateIn
  const sumIn = num(row.discountSum, 'discountSum', ZERO)
  if (!sumIn.ok) return sumIn
  const type = discountType(row.discountTypeId)
  if (!type.ok) return type
  const taxIncluded = yesNo(row.taxIncluded)
  if (!taxIncluded.ok) return taxIncluded

  const p = r2(price.value)
  const taxRate = taxRateIn.value === null ? null : r2(taxRateIn.value)
  const taxFactor = taxRate === null ? ONE : ONE.plus(taxRate.div(HUNDRED))
  const priceExclusive = r2(p.div(taxFactor))

  let discountTypeId: DiscountTypeId = 2
  let discountRate = ZERO
  let discountSum = r2(sumIn.value)
  if (type.value === 2) {
    discountRate = r2(rateIn.value)
    if (discountRate.eq(HUNDRED)) {
      // The original price cannot be derived back from a zero price: the portal demands the sum.
      if (discountSum.isZero()) return err({ code: 'DISCOUNT_SUM_REQUIRED', field: 'discountSum' })
    } else {
      discountSum = r2(priceExclusive.times(HUNDRED).div(HUNDRED.minus(discountRate)).minus(priceExclusive))
    }
  } else if (type.value === 1) {
    discountTypeId = 1
    discountRate = discountRateOf(priceExclusive.plus(discountSum), priceExclusive)
  } else {
    discountSum = ZERO // an undefined type becomes a 0 % discount
  }
  const priceNetto = r2(priceExclusive.plus(discountSum))
  const priceBrutto = r2(priceNetto.times(taxFactor))
  return ok({
    price: p,
    quantity: r4(quantity.value),
    taxRate,
    taxIncluded: taxIncluded.value,
    discountTypeId,
    discountRate,
    discountSum,
    priceExclusive,
    priceNetto,
    priceBrutto,
  })
}

/**
 * `CCrmProductRow::SaveRows` → `preparePrices()` (legacy path, b24-math.md 3.3): whatever derived price the
 * caller supplies is kept (rounded), only the missing ones are computed.
 */
function normalizeLegacy(row: ProductRowInput): Result<Normalized, RuleError> {
  const fields = ['price', 'priceExclusive', 'priceNetto', 'priceBrutto', 'discountRate', 'discountSum'] as const
  const given: Partial<Record<(typeof fields)[number], Dec>> = {}
  for (const f of fields) {
    if (!isSet(row[f])) continue
    const v = parseDecimal(row[f], f)
    if (!v.ok) return v
    given[f] = r2(v.value)
  }
  const quantity = num(row.quantity, 'quantity', ONE)
  if (!quantity.ok) return quantity
  const taxRateIn = isSet(row.taxRate) ? parseDecimal(row.taxRate, 'taxRate') : ok(null)
  if (!taxRateIn.ok) return taxRateIn
  const type = discountType(row.discountTypeId)
  if (!type.ok) return type
  const taxIncluded = yesNo(row.taxIncluded)
  if (!taxIncluded.ok) return taxIncluded

  const taxRate = taxRateIn.value === null ? null : r2(taxRateIn.value)
  const taxFactor = taxRate === null ? ONE : ONE.plus(taxRate.div(HUNDRED))
  const price = given.price ?? ZERO
  let priceExclusive = given.priceExclusive ?? ZERO
  if (priceExclusive.isZero() && !price.isZero()) priceExclusive = r2(price.div(taxFactor))

  const discountTypeId: DiscountTypeId = type.value === 1 ? 1 : 2
  let discountRate = given.discountRate ?? ZERO
  let discountSum = given.discountSum ?? ZERO
  if (discountTypeId === 2 && given.discountSum === undefined) {
    const original = discountRate.eq(HUNDRED) ? ZERO : priceExclusive.times(HUNDRED).div(HUNDRED.minus(discountRate))
    discountSum = r2(original.minus(priceExclusive))
  } else if (discountTypeId === 1 && given.discountRate === undefined) {
    discountRate = discountRateOf(priceExclusive.plus(discountSum), priceExclusive)
  }
  const priceNetto = given.priceNetto ?? r2(priceExclusive.plus(discountSum))
  const priceBrutto = given.priceBrutto ?? r2(priceNetto.times(taxFactor))
  return ok({
    price,
    quantity: r4(quantity.value),
    taxRate,
    taxIncluded: taxIncluded.value,
    discountTypeId,
    discountRate,
    discountSum,
    priceExclusive,
    priceNetto,
    priceBrutto,
  })
}

/**
 * Bitrix24's product-row arithmetic end to end: normalises every row as the portal stores it, then computes
 * each row's basket sum and VAT and the document's OPPORTUNITY and TAX_VALUE (`CCrmSaleHelper::Calculate`,
 * b24-math.md 0.B): rounding per unit price, then per row, then once on the sum.
 */
export function computeProductRows(
  rows: readonly ProductRowInput[],
  options: ProductRowsOptions = {},
): ProductRowsResult {
  const normalize = options.path === 'legacy' ? normalizeLegacy : normalizeFactory
  const out: Result<ComputedProductRow, RuleError>[] = []
  let total = ZERO
  let taxTotal = ZERO
  let hasErrors = false
  for (const input of rows) {
    const n = normalize(input)
    if (!n.ok) {
      hasErrors = true
      out.push(n)
      continue
    }
    const row = n.value
    const included = row.taxIncluded === 'Y'
    const basketPrice = rx2(included ? row.price : row.priceExclusive)
    const v = row.taxRate === null ? ZERO : row.taxRate.div(HUNDRED)
    const gross = basketPrice.times(row.quantity)
    let tax = ZERO
    if (!v.isZero()) tax = rx2(included ? gross.times(v).div(ONE.plus(v)) : gross.times(v))
    const sum = included ? rx2(gross) : rx2(gross).plus(tax)
    total = total.plus(sum)
    taxTotal = taxTotal.plus(tax)
    out.push(
      ok({
        price: row.price.toFixed(2),
        quantity: row.quantity.toFixed(4),
        priceExclusive: row.priceExclusive.toFixed(2),
        priceNetto: row.priceNetto.toFixed(2),
        priceBrutto: row.priceBrutto.toFixed(2),
        discountTypeId: row.discountTypeId,
        discountRate: row.discountRate.toFixed(2),
        discountSum: row.discountSum.toFixed(2),
        taxRate: row.taxRate === null ? null : row.taxRate.toFixed(2),
        taxIncluded: row.taxIncluded,
        basketPrice: basketPrice.toFixed(2),
        sum: sum.toFixed(2),
        tax: tax.toFixed(2),
      }),
    )
  }
  return {
    rows: out,
    opportunity: r2(rx2(total)).toFixed(2),
    taxValue: r2(rx2(taxTotal)).toFixed(2),
    hasErrors,
  }
}
