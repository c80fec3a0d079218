import Decimal from 'decimal.js'
import { D, MAX_AMOUNT, parseDecimal, withinAmountLimit, type Dec, type NumericInput } from '../decimal'
import { isRecord, own } from '../input'
import { err, ok, type Result } from '../result'
import type { RuleError } from '../errors'
import { phpRound } from './rounding'

/** A currency as the portal describes it: its code and how many decimals its amounts carry. */
export interface Currency<C extends string = string> {
  readonly code: C
  readonly decimals: number
}

/**
 * An immutable amount of one currency, quantised to the currency's minor unit.
 * Functions, not methods (dinero.js): `add(a, b)`, so the currency check lives in one place.
 */
export interface Money<C extends string = string> {
  readonly amount: Dec
  readonly currency: Currency<C>
}

export function currency<C extends string>(code: C, decimals = 2): Currency<C> {
  return Object.freeze({ code, decimals })
}

/** A currency whose code is a string and whose decimals are a whole number 0…8 (INVALID_DECIMALS otherwise). */
export function checkCurrency<C extends string>(cur: Currency<C>): Result<Currency<C>, RuleError> {
  const code = own(cur, 'code')
  const decimals = own(cur, 'decimals')
  if (typeof code !== 'string') return err({ code: 'INVALID_INPUT', field: 'currency', value: cur })
  if (typeof decimals !== 'number' || !Number.isInteger(decimals) || decimals < 0 || decimals > 8) {
    return err({ code: 'INVALID_DECIMALS', currency: code, value: decimals })
  }
  return ok(cur)
}

/**
 * A Money the arithmetic can trust: a valid currency and a finite amount within `MAX_AMOUNT` with no more
 * decimals than the currency (what `money()` builds). A hand-made `{ amount: 100.005 RUB }` is INVALID_NUMBER.
 */
export function checkMoney<C extends string>(m: Money<C>, field = 'amount'): Result<Money<C>, RuleError> {
  if (!isRecord(m)) return err({ code: 'INVALID_INPUT', field, value: m })
  const cur = checkCurrency(own(m, 'currency') as Currency<C>)
  if (!cur.ok) return cur
  const amount = own(m, 'amount')
  if (!Decimal.isDecimal(amount) || !amount.isFinite() || amount.decimalPlaces() > cur.value.decimals) {
    return err({ code: 'INVALID_NUMBER', field, value: amount })
  }
  if (!withinAmountLimit(amount)) return err({ code: 'OUT_OF_RANGE', field, value: amount.toString(), max: MAX_AMOUNT })
  return ok(m)
}

/** Builds Money from REST input, rounding half away from zero to the currency's decimals (PHP round). */
export function money<C extends string>(value: NumericInput, cur: Currency<C>): Result<Money<C>, RuleError> {
  const c = checkCurrency(cur)
  if (!c.ok) return c
  const parsed = parseDecimal(value, 'amount')
  if (!parsed.ok) return parsed
  return limited(make(parsed.value, cur), 'amount')
}

/** Rounding 9999999999999999.995 up, or adding two large amounts, can leave the portal's range. */
function limited<C extends string>(m: Money<C>, field: string): Result<Money<C>, RuleError> {
  return withinAmountLimit(m.amount)
    ? ok(m)
    : err({ code: 'OUT_OF_RANGE', field, value: m.amount.toFixed(), max: MAX_AMOUNT })
}

function make<C extends string>(amount: Decimal, cur: Currency<C>): Money<C> {
  return Object.freeze({ amount: phpRound(amount, cur.decimals), currency: cur })
}

/** Both are valid Money of one currency (same code and decimals), else the first problem found. */
function sameCurrency(a: Money, b: Money): Result<true, RuleError> {
  const ca = checkMoney(a, 'a')
  if (!ca.ok) return ca
  const cb = checkMoney(b, 'b')
  if (!cb.ok) return cb
  return a.currency.code === b.currency.code && a.currency.decimals === b.currency.decimals
    ? ok(true)
    : err({ code: 'CURRENCY_MISMATCH', expected: a.currency.code, actual: b.currency.code })
}

/** `add(rub, usd)` does not compile when both currencies are literal types; at run time it is a CURRENCY_MISMATCH. */
export function add<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): Result<Money<C>, RuleError> {
  const same = sameCurrency(a, b)
  return same.ok ? limited(make(a.amount.plus(b.amount), a.currency), 'amount') : same
}

export function subtract<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): Result<Money<C>, RuleError> {
  const same = sameCurrency(a, b)
  return same.ok ? limited(make(a.amount.minus(b.amount), a.currency), 'amount') : same
}

/** Sums amounts of one currency; an empty list is zero of `cur`. */
export function sum<C extends string>(
  items: readonly Money<NoInfer<C>>[],
  cur: Currency<C>,
): Result<Money<C>, RuleError> {
  const c = checkCurrency(cur)
  if (!c.ok) return c
  if (!Array.isArray(items)) return err({ code: 'INVALID_INPUT', field: 'items', value: items })
  let total: Dec = new D(0)
  for (const [i, m] of items.entries()) {
    const valid = checkMoney(m, `items[${i}]`)
    if (!valid.ok) return valid
    if (m.currency.code !== cur.code || m.currency.decimals !== cur.decimals)
      return err({ code: 'CURRENCY_MISMATCH', expected: cur.code, actual: m.currency.code })
    total = total.plus(m.amount)
  }
  return limited(make(total, cur), 'sum')
}

/** Multiplies by a factor (a quantity, a rate) and rounds once, half away from zero. */
export function multiply<C extends string>(a: Money<C>, factor: NumericInput): Result<Money<C>, RuleError> {
  const valid = checkMoney(a, 'a')
  if (!valid.ok) return valid
  const f = parseDecimal(factor, 'factor')
  return f.ok ? limited(make(a.amount.times(f.value), a.currency), 'amount') : f
}

export function compare<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): Result<-1 | 0 | 1, RuleError> {
  const same = sameCurrency(a, b)
  return same.ok ? ok(a.amount.comparedTo(b.amount) as -1 | 0 | 1) : same
}

export const isZero = (m: Money): boolean => m.amount.isZero()
export const isNegative = (m: Money): boolean => m.amount.isNegative() && !m.amount.isZero()

/** The plain, serialisable form: `{ amount: '1234.50', currency: 'RUB' }`. */
export function toSnapshot(m: Money): { amount: string; currency: string } {
  return { amount: m.amount.toFixed(m.currency.decimals), currency: m.currency.code }
}
