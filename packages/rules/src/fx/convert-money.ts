import { D, MAX_AMOUNT, parseDecimal, withinAmountLimit, type Dec, type NumericInput } from '../decimal'
import { isRecord, own } from '../input'
import { err, ok, type Result } from '../result'
import type { RuleError } from '../errors'
import { phpRound } from '../money/rounding'
import { divRound, formatScaled } from '../pricing/fixed-point'

/**
 * A currency of the portal's table as the rules take it: packages/portal maps `crm.currency.list` rows to it (BASE
 * 'Y' → isBase, DECIMALS → decimals). AMOUNT base-currency units buy AMOUNT_CNT units of CURRENCY.
 */
export interface PortalCurrency {
  readonly CURRENCY: string
  readonly AMOUNT: string | number
  readonly AMOUNT_CNT: string | number
  readonly isBase: boolean
  /** Minor-unit digits, a whole number 0…8; 2 when absent. */
  readonly decimals?: number
}

interface Rate {
  readonly perUnit: Dec // base-currency units for one unit of this currency
  readonly decimals: number
}

/** The table's row for `code`, read through own properties only; rows that are no records are skipped. */
function rowOf(code: unknown, currencies: readonly PortalCurrency[]): PortalCurrency | undefined {
  if (!Array.isArray(currencies) || typeof code !== 'string') return undefined
  return currencies.find((c) => isRecord(c) && own(c, 'CURRENCY') === code)
}

function findCurrency(code: string, currencies: readonly PortalCurrency[]): Result<PortalCurrency, RuleError> {
  if (!Array.isArray(currencies)) return err({ code: 'INVALID_INPUT', field: 'currencies', value: currencies })
  const row = rowOf(code, currencies)
  return row ? ok(row) : err({ code: 'UNKNOWN_CURRENCY', currency: String(code) })
}

/**
 * Decimals of `code` per the table: its decimals when that is a whole number 0…8, else `fallback`
 * (currency absent, decimals missing or garbage), so callers never hand NaN to toFixed.
 */
export function currencyDecimals(code: string, currencies: readonly PortalCurrency[], fallback = 2): number {
  const raw = own(rowOf(code, currencies), 'decimals')
  const d = typeof raw === 'number' ? raw : undefined
  const safeFallback = Number.isInteger(fallback) && fallback >= 0 && fallback <= 8 ? fallback : 2
  return d !== undefined && Number.isInteger(d) && d >= 0 && d <= 8 ? d : safeFallback
}

function rateOf(code: string, currencies: readonly PortalCurrency[]): Result<Rate, RuleError> {
  const row = findCurrency(code, currencies)
  if (!row.ok) return row
  const c = row.value
  const rawAmount = own(c, 'AMOUNT')
  const amount = parseDecimal(rawAmount, 'AMOUNT')
  if (!amount.ok || !amount.value.isPositive() || amount.value.isZero()) {
    return err({ code: 'INVALID_RATE', currency: code, field: 'AMOUNT', value: rawAmount })
  }
  const rawCnt = own(c, 'AMOUNT_CNT')
  const cnt = parseDecimal(rawCnt, 'AMOUNT_CNT')
  // AMOUNT_CNT is an int column (a denomination: 1, 100, 10000).
  if (!cnt.ok || !cnt.value.isInteger() || cnt.value.lt(1)) {
    return err({ code: 'INVALID_RATE', currency: code, field: 'AMOUNT_CNT', value: rawCnt })
  }
  const rawDecimals = own(c, 'decimals')
  const decimals = rawDecimals === undefined ? 2 : typeof rawDecimals === 'number' ? rawDecimals : NaN
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 8) {
    return err({ code: 'INVALID_DECIMALS', currency: code, value: rawDecimals })
  }
  return ok({ perUnit: amount.value.div(cnt.value), decimals })
}

/** The portal's base currency code (the one isBase row), or null when there is none or more than one. */
export function baseCurrencyCode(currencies: readonly PortalCurrency[]): string | null {
  const base = baseCurrency(currencies)
  const code: unknown = base.ok ? own(base.value, 'CURRENCY') : null
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) ? code : null
}

function baseCurrency(currencies: readonly PortalCurrency[]): Result<PortalCurrency, RuleError> {
  if (!Array.isArray(currencies)) return err({ code: 'INVALID_INPUT', field: 'currencies', value: currencies })
  const base = currencies.filter((c) => isRecord(c) && own(c, 'isBase') === true)
  return base.length === 1 ? ok(base[0]!) : err({ code: 'NO_BASE_CURRENCY' })
}

/**
 * Units of `to` for one unit of `from`, through the base currency in one factor and without rounding:
 * `fromRate·toCnt / toRate / fromCnt` (b24-math.md 7.1).
 */
export function conversionFactor(
  from: string,
  to: string,
  currencies: readonly PortalCurrency[],
): Result<Dec, RuleError> {
  const base = baseCurrency(currencies)
  if (!base.ok) return base
  const f = rateOf(from, currencies)
  if (!f.ok) return f
  const t = rateOf(to, currencies)
  if (!t.ok) return t
  return ratio(f.value.perUnit.div(t.value.perUnit), 'factor')
}

/** A rate beyond `MAX_AMOUNT` units per unit comes only from a nonsense table; refused instead of passed on. */
function ratio(value: Dec, field: string): Result<Dec, RuleError> {
  return withinAmountLimit(value)
    ? ok(value)
    : err({ code: 'OUT_OF_RANGE', field, value: value.toFixed(), max: MAX_AMOUNT })
}

/** `GetExchangeRate`: base-currency units for one unit of `code` (0.6123 for JPY quoted per 100). */
export function exchangeRate(code: string, currencies: readonly PortalCurrency[]): Result<Dec, RuleError> {
  const base = baseCurrency(currencies)
  if (!base.ok) return base
  const r = rateOf(code, currencies)
  return r.ok ? ratio(r.value.perUnit, 'rate') : r
}

export interface ConvertMoneyOptions {
  /** The item's stored EXCH_RATE (base units per one unit of `from`): converts at that snapshot instead of today's rate. */
  readonly exchRate?: NumericInput
}

/**
 * `CCrmCurrency::ConvertMoney`: converts at portal rates and rounds once, half away from zero, to the
 * target currency's decimals. Like the portal, a zero amount or a same-currency call returns the amount
 * unrounded. Unlike the portal (which silently returns 0), an unknown currency, a missing base or a bad
 * rate is an error.
 */
export function convertMoney(
  amount: NumericInput,
  from: string,
  to: string,
  currencies: readonly PortalCurrency[],
  options: ConvertMoneyOptions = {},
): Result<string, RuleError> {
  const sum = parseDecimal(amount, 'amount')
  if (!sum.ok) return sum
  const conversion = prepareConversion(from, to, currencies, options)
  return conversion.ok ? applyConversion(sum.value, conversion.value) : conversion
}

/**
 * `convertMoney` for many amounts between the same two currencies: the table is read once, not once per
 * amount (an invoice converts each of its rows). Same results and errors as `convertMoney`.
 */
export function moneyConverter(
  from: string,
  to: string,
  currencies: readonly PortalCurrency[],
  options: ConvertMoneyOptions = {},
): Result<(amount: NumericInput) => Result<string, RuleError>, RuleError> {
  const conversion = prepareConversion(from, to, currencies, options)
  if (!conversion.ok) return conversion
  const c = conversion.value
  const exact = c.same || !c.perUnit.ok ? undefined : exactFactor(c.perUnit.value, c.target)
  return ok((amount) => {
    const quick = exact && convertPlain(amount, exact, c.target.decimals)
    if (quick) return ok(quick)
    const sum = parseDecimal(amount, 'amount')
    return sum.ok ? applyConversion(sum.value, c) : sum
  })
}

/** A rate pair in integers: amount·10^k × `times` / (10^k·`per`) is the converted amount in minor units. */
interface ExactFactor {
  readonly times: bigint
  readonly per: bigint
}

/** The digits of a finite decimal and its decimal places. */
const scaledOf = (d: Dec): [bigint, number] => {
  const places = d.decimalPlaces()
  return [BigInt(d.times(new D(10).pow(places)).toFixed(0)), places]
}

/**
 * The converter's per-pair integers: the same rates decimal.js multiplies and divides by (each currency's
 * AMOUNT / AMOUNT_CNT as decimal.js holds it), scaled to integers once, so that each amount costs one integer
 * product and one rounded division.
 */
function exactFactor(perUnit: Dec, target: Rate): ExactFactor {
  const [from, fromPlaces] = scaledOf(perUnit)
  const [to, toPlaces] = scaledOf(target.perUnit)
  return { times: from * 10n ** BigInt(toPlaces + target.decimals), per: 10n ** BigInt(fromPlaces) * to }
}

/** Plain amounts: at most 15 digits and 8 decimals, no exponent, no blanks. */
const PLAIN_AMOUNT = /^-?\d{0,15}(\.\d{0,8})?$/
/** Below this numerator, decimal.js's 50-digit quotient rounds to the same minor unit as the exact ratio. */
const EXACT_LIMIT = 10n ** 48n

/**
 * applyConversion in integers for a plain amount. decimal.js computes amount × rate exactly (under 50 digits)
 * and the quotient to 50 digits: as long as the numerator stays below 10^48 its error is smaller than the
 * distance of any non-tie ratio to a tie, and a tie is a short decimal it computes exactly, so both round
 * alike. Undefined where that does not hold (or the amount is zero, or the result 10^15 or more): decimal.js decides.
 */
function convertPlain(amount: unknown, f: ExactFactor, decimals: number): string | undefined {
  if (typeof amount !== 'string' || amount.length > 25 || !PLAIN_AMOUNT.test(amount)) return undefined
  const point = amount.indexOf('.')
  const places = point < 0 ? 0 : amount.length - point - 1
  const digits = amount.replace('.', '').replace('-', '')
  if (digits === '' || /^0*$/.test(digits)) return undefined
  const sum = BigInt(digits) * (amount[0] === '-' ? -1n : 1n)
  const num = sum * f.times
  if (num >= EXACT_LIMIT || -num >= EXACT_LIMIT) return undefined
  const converted = divRound(num, 10n ** BigInt(places) * f.per)
  // Far below MAX_AMOUNT (10^15); larger results are checked by decimal.js.
  const limit = 10n ** BigInt(15 + decimals)
  return converted < limit && -converted < limit ? formatScaled(converted, decimals) : undefined
}

interface Conversion {
  readonly same: boolean
  readonly target: Rate
  /** Base units per unit of `from` (today's, or the snapshot), or why there is none. */
  readonly perUnit: Result<Dec, RuleError>
}

function prepareConversion(
  from: string,
  to: string,
  currencies: readonly PortalCurrency[],
  options: ConvertMoneyOptions,
): Result<Conversion, RuleError> {
  const target = rateOf(to, currencies)
  if (!target.ok) return target
  const source = rateOf(from, currencies)
  if (!source.ok) return source
  const base = baseCurrency(currencies)
  if (!base.ok) return base
  let perUnit: Result<Dec, RuleError> = ok(source.value.perUnit)
  const exchRate = own(options, 'exchRate')
  if (exchRate !== undefined) {
    const exch = parseDecimal(exchRate, 'exchRate')
    perUnit =
      !exch.ok || !exch.value.isPositive() || exch.value.isZero()
        ? err({ code: 'INVALID_RATE', currency: from, field: 'exchRate', value: exchRate })
        : ok(exch.value)
  }
  return ok({ same: from === to, target: target.value, perUnit })
}

function applyConversion(sum: Dec, c: Conversion): Result<string, RuleError> {
  // A zero amount or one currency is returned as it is, whatever the snapshot rate says.
  if (sum.isZero() || c.same) return ok(sum.toFixed())
  if (!c.perUnit.ok) return c.perUnit
  const converted = phpRound(sum.times(c.perUnit.value).div(c.target.perUnit), c.target.decimals)
  // A valid amount at an extreme rate (1 unit = 10^15 base units) can leave what the portal stores.
  if (!withinAmountLimit(converted)) {
    return err({ code: 'OUT_OF_RANGE', field: 'amount', value: converted.toFixed(), max: MAX_AMOUNT })
  }
  return ok(converted.toFixed(c.target.decimals))
}
