/**
 * The portal's product-row, totals and currency arithmetic as the emulator plays it, written from the project's
 * reference (b24-math.md: sections 0, 3.2, 3.3, 4, 7) and independently of packages/rules. The emulator is the
 * oracle the rules are tested against, so it must never share their code: a mistake copied into both would pass
 * every test. Simple and exact (decimal.js, 60 digits) rather than fast.
 */
import Decimal from 'decimal.js'

const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 })
type Num = InstanceType<typeof Dec>

const ZERO = new Dec(0)
const ONE = new Dec(1)
const HUNDRED = new Dec(100)

/** PHP round(x, n): half away from zero, which is what decimal.js calls ROUND_HALF_UP. */
export const phpRound = (x: Num, places: number): Num => x.toDecimalPlaces(places, Decimal.ROUND_HALF_UP)

/** Bitrix roundEx(x, 2) = round(x + 0.000001, 2), used by the sale basket; biased upward for negatives. */
export const roundEx2 = (x: Num): Num => phpRound(x.plus('0.000001'), 2)

/** A product row as a REST caller sends it, in crm.item field names (legacy UPPER_CASE keys mapped already). */
export interface PortalRowInput {
  price?: unknown
  quantity?: unknown
  discountTypeId?: unknown
  discountRate?: unknown
  discountSum?: unknown
  taxRate?: unknown
  taxIncluded?: unknown
  /** Only the legacy path (crm.deal.productrows.set) reads these; crm.item.* drops them as read-only. */
  priceExclusive?: unknown
  priceNetto?: unknown
  priceBrutto?: unknown
}

/** What the portal stores for a row: prices and rates with 2 decimals, the quantity with 4, as strings. */
export interface PortalRow {
  price: string
  quantity: string
  priceExclusive: string
  priceNetto: string
  priceBrutto: string
  discountTypeId: 1 | 2
  discountRate: string
  discountSum: string
  taxRate: string | null
  taxIncluded: 'Y' | 'N'
}

export type RowOutcome = { ok: true; row: PortalRow } | { ok: false; message: string }

const MONETARY = 1
const PERCENTAGE = 2

const FIELD_NAMES: Record<string, string> = {
  price: 'PRICE',
  quantity: 'QUANTITY',
  discountRate: 'DISCOUNT_RATE',
  discountSum: 'DISCOUNT_SUM',
  taxRate: 'TAX_RATE',
  priceExclusive: 'PRICE_EXCLUSIVE',
  priceNetto: 'PRICE_NETTO',
  priceBrutto: 'PRICE_BRUTTO',
}

class RowInputError extends Error {}

/** A number the caller sent, or undefined when the key is absent (null and '' count as absent). */
function numberOf(input: PortalRowInput, key: keyof PortalRowInput): Num | undefined {
  const value = input[key]
  if (value === undefined || value === null || value === '') return undefined
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value).trim()
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text))
    throw new RowInputError(`Invalid value of the product row field ${FIELD_NAMES[key] ?? key}`)
  return new Dec(text)
}

/** 1 (monetary) or 2 (percentage); anything else is "undefined" to the portal (`Discount::isDefined`). */
function discountTypeOf(value: unknown): 1 | 2 | undefined {
  const n = Number(value)
  return n === MONETARY || n === PERCENTAGE ? n : undefined
}

/** `Discount::calculateDiscountRate(original, price)` on 2-decimal inputs. */
function discountRateOf(original: Num, price: Num): Num {
  const o = phpRound(original, 2)
  const p = phpRound(price, 2)
  if (o.isZero()) return ZERO
  if (p.isZero()) return o.gt(0) ? HUNDRED : HUNDRED.neg()
  return phpRound(o.minus(p).times(100).div(o), 2)
}

/** `calculateOriginalPrice(price, rate) - price`: the per-unit discount derived backwards from the final price. */
const discountSumOf = (priceExclusive: Num, rate: Num): Num =>
  priceExclusive.times(100).div(HUNDRED.minus(rate)).minus(priceExclusive)

/** 1 + rate/100; a rate of -100 % would divide by zero on the portal, so it is refused. */
function taxFactor(taxRate: Num | null): Num {
  const factor = ONE.plus((taxRate ?? ZERO).div(100))
  if (factor.isZero()) throw new RowInputError('Invalid value of the product row field TAX_RATE')
  return factor
}

const money = (x: Num) => x.toFixed(2)

function stored(
  price: Num,
  quantity: Num,
  taxRate: Num | null,
  taxIncluded: unknown,
  type: 1 | 2,
  discountRate: Num,
  discountSum: Num,
  priceExclusive: Num,
  priceNetto: Num,
  priceBrutto: Num,
): RowOutcome {
  return {
    ok: true,
    row: {
      price: money(price),
      quantity: quantity.toFixed(4),
      priceExclusive: money(priceExclusive),
      priceNetto: money(priceNetto),
      priceBrutto: money(priceBrutto),
      discountTypeId: type,
      discountRate: money(discountRate),
      discountSum: money(discountSum),
      taxRate: taxRate === null ? null : money(taxRate),
      taxIncluded: taxIncluded === 'Y' ? 'Y' : 'N',
    },
  }
}

const SUM_FOR_100 = 'Discount Sum (DISCOUNT_SUM) is required if Percentage Discount Type (DISCOUNT_TYPE_ID) is 100%'

/**
 * `ProductRow::normalize()` (crm.item.productrow.*, crm.item.* with productRows, smart invoices): every value is
 * rounded as it is set, and PRICE (final unit price with discount and tax) is the only price taken from the caller.
 */
export function normalizeFactoryRow(input: PortalRowInput): RowOutcome {
  try {
    const price = phpRound(numberOf(input, 'price') ?? ZERO, 2)
    const quantity = phpRound(numberOf(input, 'quantity') ?? ONE, 4)
    const givenTax = numberOf(input, 'taxRate')
    const taxRate = givenTax === undefined ? null : phpRound(givenTax, 2)
    const givenSum = numberOf(input, 'discountSum')
    let discountRate = phpRound(numberOf(input, 'discountRate') ?? ZERO, 2)
    let discountSum = phpRound(givenSum ?? ZERO, 2)
    const factor = taxFactor(taxRate)
    const priceExclusive = phpRound(price.div(factor), 2)
    let type = discountTypeOf(input.discountTypeId)
    if (type === undefined) {
      type = PERCENTAGE
      discountRate = ZERO
    }
    if (type === PERCENTAGE) {
      if (discountRate.eq(100)) {
        if (givenSum === undefined || discountSum.isZero()) return { ok: false, message: SUM_FOR_100 }
      } else discountSum = phpRound(discountSumOf(priceExclusive, discountRate), 2)
    } else discountRate = discountRateOf(priceExclusive.plus(discountSum), priceExclusive)
    const priceNetto = phpRound(priceExclusive.plus(discountSum), 2)
    const priceBrutto = phpRound(priceNetto.times(factor), 2)
    return stored(
      price,
      quantity,
      taxRate,
      input.taxIncluded,
      type,
      discountRate,
      discountSum,
      priceExclusive,
      priceNetto,
      priceBrutto,
    )
  } catch (e) {
    if (e instanceof RowInputError) return { ok: false, message: e.message }
    throw e
  }
}

/**
 * `CCrmProductRow::SaveRows` → `preparePrices()` (crm.deal/lead.productrows.set): the caller's PRICE_EXCLUSIVE,
 * DISCOUNT_SUM, DISCOUNT_RATE (monetary), PRICE_NETTO and PRICE_BRUTTO win over derived values. A discount type
 * given explicitly needs its amount (b24-platform.md 4.2: ERROR_CORE), and a 100 % rate needs a sum.
 */
export function normalizeLegacyRow(input: PortalRowInput): RowOutcome {
  try {
    const price = phpRound(numberOf(input, 'price') ?? ZERO, 2)
    const quantity = phpRound(numberOf(input, 'quantity') ?? ONE, 4)
    const givenTax = numberOf(input, 'taxRate')
    const taxRate = givenTax === undefined ? null : phpRound(givenTax, 2)
    const factor = taxFactor(taxRate)
    let priceExclusive = phpRound(numberOf(input, 'priceExclusive') ?? ZERO, 2)
    if (priceExclusive.isZero() && !price.isZero()) priceExclusive = phpRound(price.div(factor), 2)
    const givenType = discountTypeOf(input.discountTypeId)
    const givenRate = numberOf(input, 'discountRate')
    const givenSum = numberOf(input, 'discountSum')
    if (givenType === PERCENTAGE && givenRate === undefined)
      return {
        ok: false,
        message: 'Discount Rate (DISCOUNT_RATE) is required if Percentage Discount Type (DISCOUNT_TYPE_ID) is defined',
      }
    if (givenType === MONETARY && givenSum === undefined)
      return {
        ok: false,
        message: 'Discount Sum (DISCOUNT_SUM) is required if Monetary Discount Type (DISCOUNT_TYPE_ID) is defined',
      }
    const type = givenType ?? PERCENTAGE
    let discountRate: Num
    let discountSum: Num
    if (type === PERCENTAGE) {
      discountRate = phpRound(givenRate ?? ZERO, 2)
      if (discountRate.eq(100) && (givenSum === undefined || givenSum.isZero()))
        return { ok: false, message: SUM_FOR_100 }
      discountSum = phpRound(givenSum ?? discountSumOf(priceExclusive, discountRate), 2)
    } else {
      discountSum = phpRound(givenSum ?? ZERO, 2)
      discountRate =
        givenRate === undefined
          ? discountRateOf(priceExclusive.plus(discountSum), priceExclusive)
          : phpRound(givenRate, 2)
    }
    const priceNetto = phpRound(numberOf(input, 'priceNetto') ?? priceExclusive.plus(discountSum), 2)
    const givenBrutto = numberOf(input, 'priceBrutto')
    const priceBrutto = phpRound(givenBrutto ?? priceNetto.times(factor), 2)
    return stored(
      price,
      quantity,
      taxRate,
      input.taxIncluded,
      type,
      discountRate,
      discountSum,
      priceExclusive,
      priceNetto,
      priceBrutto,
    )
  } catch (e) {
    if (e instanceof RowInputError) return { ok: false, message: e.message }
    throw e
  }
}

/** One row in the sale basket: the unit price it uses, the row total and the row VAT (2 decimals each). */
export interface BasketLine {
  basketPrice: string
  sum: string
  tax: string
}

/**
 * `CSaleBasketHelper::getFinalPrice` / `getVat` on the row as `PrepareShoppingCartItems` hands it over: the gross
 * PRICE when tax is included, PRICE_EXCLUSIVE when not; VAT is added to the row total only when not included.
 */
export function basketLine(row: PortalRow): BasketLine {
  const included = row.taxIncluded === 'Y'
  const unit = roundEx2(new Dec(included ? row.price : row.priceExclusive))
  const gross = unit.times(row.quantity)
  const v = row.taxRate === null ? ZERO : new Dec(row.taxRate).div(100)
  const tax = v.isZero() ? ZERO : roundEx2(included ? gross.times(v).div(v.plus(1)) : gross.times(v))
  const sum = roundEx2(gross).plus(included ? ZERO : tax)
  return { basketPrice: money(unit), sum: money(sum), tax: money(tax) }
}

/** `CSaleOrder::CalculateOrderPrices`: OPPORTUNITY and TAX_VALUE of an item from its stored rows (no delivery). */
export function itemTotals(rows: readonly PortalRow[]): { opportunity: string; taxValue: string } {
  const lines = rows.map(basketLine)
  const total = (pick: (l: BasketLine) => string) =>
    money(phpRound(roundEx2(lines.reduce((s, l) => s.plus(pick(l)), ZERO)), 2))
  return { opportunity: total((l) => l.sum), taxValue: total((l) => l.tax) }
}

/** A currency as crm.currency.list describes it: AMOUNT base units for AMOUNT_CNT units of this one. */
export interface PortalCurrencyRate {
  currency: string
  amount: string | number
  amountCnt: string | number
  base: boolean
  decimals: number
}

/** (rate, count) of a currency; the emulator keeps no dated rate history, so AMOUNT / AMOUNT_CNT always. */
function rateOf(code: string, currencies: readonly PortalCurrencyRate[]): [Num, Num] | undefined {
  const c = currencies.find((x) => x.currency === code)
  return c ? [new Dec(c.amount), new Dec(c.amountCnt)] : undefined
}

/**
 * `CCurrencyRates::GetConvertFactorEx`: fromRate·toCnt / toRate / fromCnt. An unknown source counts as 0/0 (the
 * factor is 0), an unknown target as 1/1; any zero makes the factor 0.
 */
export function conversionFactor(from: string, to: string, currencies: readonly PortalCurrencyRate[]): Num {
  const [fromRate, fromCnt] = rateOf(from, currencies) ?? [ZERO, ZERO]
  const [toRate, toCnt] = rateOf(to, currencies) ?? [ONE, ONE]
  if ([fromRate, fromCnt, toRate, toCnt].some((x) => x.isZero())) return ZERO
  return fromRate.times(toCnt).div(toRate).div(fromCnt)
}

/** `CCrmCurrency::GetExchangeRate`: base-currency units per one unit of `code`. */
export function exchangeRate(code: string, currencies: readonly PortalCurrencyRate[]): Num {
  const [rate, cnt] = rateOf(code, currencies) ?? [ZERO, ONE]
  return cnt.isZero() ? ZERO : rate.div(cnt)
}

/**
 * `CCrmCurrency::ConvertMoney`: through the base currency in one multiplication (at the item's EXCH_RATE when one
 * is given), then PHP round to the target currency's DECIMALS (2 when unknown). A zero sum or the same currency
 * comes back as given, unrounded.
 */
export function portalConvertMoney(
  sum: string | number,
  from: string,
  to: string,
  currencies: readonly PortalCurrencyRate[],
  exchRate?: string | number,
): Num {
  const amount = new Dec(sum)
  if (amount.isZero() || from === to) return amount
  const exch = exchRate === undefined ? ZERO : new Dec(exchRate)
  const base = currencies.find((c) => c.base)?.currency ?? from
  const converted = exch.gt(0)
    ? amount.times(exch).times(conversionFactor(base, to, currencies))
    : amount.times(conversionFactor(from, to, currencies))
  const decimals = currencies.find((c) => c.currency === to)?.decimals ?? 2
  return phpRound(converted, decimals)
}
