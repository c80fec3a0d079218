import { parseDecimal, type Dec, type NumericInput } from '../decimal'
import { err, ok, type Result } from '../result'
import type { RuleError } from '../errors'
import { phpRound } from '../money/rounding'

/** One row of `crm.currency.list`, as REST sends it (every number a string). */
export interface PortalCurrency {
  readonly CURRENCY: string
  readonly AMOUNT: string | number
  readonly AMOUNT_CNT: string | number
  readonly BASE: 'Y' | 'N' | string
  readonly DECIMALS?: string | number
}

interface Rate {
  readonly perUnit: Dec // base-currency units for one unit of this currency
  readonly decimals: number
}

function findCurrency(code: string, currencies: readonly PortalCurrency[]): Result<PortalCurrency, RuleError> {
  const row = currencies.find((c) => c.CURRENCY === code)
  return row ? ok(row) : err({ code: 'UNKNOWN_CURRENCY', currency: code })
}

/**
 * Decimals of `code` per the table: its DECIMALS when that is a whole number ≥ 0, else `fallback`
 * (currency absent, DECIMALS missing, '' or garbage), so callers never hand NaN to toFixed.
 */
export function currencyDecimals(code: string, currencies: readonly PortalCurrency[], fallback = 2): number {
  const raw = currencies.find((c) => c.CURRENCY === code)?.DECIMALS
  const d = raw === undefined || raw === '' ? undefined : Number(raw)
  return d !== undefined && Number.isInteger(d) && d >= 0 ? d : fallback
}

function rateOf(code: string, currencies: readonly PortalCurrency[]): Result<Rate, RuleError> {
  const row = findCurrency(code, currencies)
  if (!row.ok) return row
  const c = row.value
  const amount = parseDecimal(c.AMOUNT, 'AMOUNT')
  if (!amount.ok || !amount.value.isPositive() || amount.value.isZero()) {
    return err({ code: 'INVALID_RATE', currency: code, field: 'AMOUNT', value: c.AMOUNT })
  }
  const cnt = parseDecimal(c.AMOUNT_CNT, 'AMOUNT_CNT')
  if (!cnt.ok || !cnt.value.isPositive() || cnt.value.isZero()) {
    return err({ code: 'INVALID_RATE', currency: code, field: 'AMOUNT_CNT', value: c.AMOUNT_CNT })
  }
  const decimals = c.DECIMALS === undefined || c.DECIMALS === '' ? 2 : Number(c.DECIMALS)
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 8) {
    return err({ code: 'INVALID_DECIMALS', currency: code, value: c.DECIMALS })
  }
  return ok({ perUnit: amount.value.div(cnt.value), decimals })
}

/** The portal's base currency code (the one BASE row), or null when there is none or more than one. */
export function baseCurrencyCode(currencies: readonly PortalCurrency[]): string | null {
  const base = baseCurrency(currencies)
  return base.ok ? base.value.CURRENCY : null
}

function baseCurrency(currencies: readonly PortalCurrency[]): Result<PortalCurrency, RuleError> {
  const base = currencies.filter((c) => c.BASE === 'Y')
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
  return ok(f.value.perUnit.div(t.value.perUnit))
}

/** `GetExchangeRate`: base-currency units for one unit of `code` (0.6123 for JPY quoted per 100). */
export function exchangeRate(code: string, currencies: readonly PortalCurrency[]): Result<Dec, RuleError> {
  const base = baseCurrency(currencies)
  if (!base.ok) return base
  const r = rateOf(code, currencies)
  return r.ok ? ok(r.value.perUnit) : r
}

export interface ConvertMoneyOptions {
  /** The item's stored EXCH_RATE (base units per one unit of `from`): converts at that snapshot instead of today's rate. */
  readonly exchRate?: NumericInput
}

/**
 * `CCrmCurrency::ConvertMoney`: converts at portal rates and rounds once, half away from zero, to the
 * target currency's DECIMALS. Like the portal, a zero amount or a same-currency call returns the amount
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
  const target = rateOf(to, currencies)
  if (!target.ok) return target
  const source = rateOf(from, currencies)
  if (!source.ok) return source
  const base = baseCurrency(currencies)
  if (!base.ok) return base
  if (sum.value.isZero() || from === to) return ok(sum.value.toFixed())

  let perUnit = source.value.perUnit
  if (options.exchRate !== undefined) {
    const exch = parseDecimal(options.exchRate, 'exchRate')
    if (!exch.ok || !exch.value.isPositive() || exch.value.isZero()) {
      return err({ code: 'INVALID_RATE', currency: from, field: 'exchRate', value: options.exchRate })
    }
    perUnit = exch.value
  }
  const converted = sum.value.times(perUnit).div(target.value.perUnit)
  return ok(phpRound(converted, target.value.decimals).toFixed(target.value.decimals))
}
