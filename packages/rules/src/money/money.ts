import type Decimal from 'decimal.js'
import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
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

/** Builds Money from REST input, rounding half away from zero to the currency's decimals (PHP round). */
export function money<C extends string>(value: NumericInput, cur: Currency<C>): Result<Money<C>, RuleError> {
  if (!Number.isInteger(cur.decimals) || cur.decimals < 0 || cur.decimals > 8) {
    return err({ code: 'INVALID_DECIMALS', currency: cur.code, value: cur.decimals })
  }
  const parsed = parseDecimal(value, 'amount')
  if (!parsed.ok) return parsed
  return ok(make(parsed.value, cur))
}

function make<C extends string>(amount: Decimal, cur: Currency<C>): Money<C> {
  return Object.freeze({ amount: phpRound(amount, cur.decimals), currency: cur })
}

function sameCurrency(a: Money, b: Money): Result<true, RuleError> {
  return a.currency.code === b.currency.code
    ? ok(true)
    : err({ code: 'CURRENCY_MISMATCH', expected: a.currency.code, actual: b.currency.code })
}

/** `add(rub, usd)` does not compile when both currencies are literal types; at run time it is a CURRENCY_MISMATCH. */
export function add<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): Result<Money<C>, RuleError> {
  const same = sameCurrency(a, b)
  return same.ok ? ok(make(a.amount.plus(b.amount), a.currency)) : same
}

export function subtract<C extends string>(a: Money<C>, b: Money<NoInfer<C>>): Result<Money<C>, RuleError> {
  const same = sameCurrency(a, b)
  return same.ok ? ok(make(a.amount.minus(b.amount), a.currency)) : same
}

/** Sums amounts of one currency; an empty list is zero of `cur`. */
export function sum<C extends string>(
  items: readonly Money<NoInfer<C>>[],
  cur: Currency<C>,
): Result<Money<C>, RuleError> {
  let total: Dec = new D(0)
  for (const m of items) {
    if (m.currency.code !== cur.code)
      return err({ code: 'CURRENCY_MISMATCH', expected: cur.code, actual: m.currency.code })
    total = total.plus(m.amount)
  }
  return ok(make(total, cur))
}

/** Multiplies by a factor (a quantity, a rate) and rounds once, half away from zero. */
export function multiply<C extends string>(a: Money<C>, factor: NumericInput): Result<Money<C>, RuleError> {
  const f = parseDecimal(factor, 'factor')
  return f.ok ? ok(make(a.amount.times(f.value), a.currency)) : f
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
