import Decimal from 'decimal.js'
import { err, ok, type Result } from './result'
import type { RuleError } from './errors'

/**
 * The package's private decimal constructor. 50 significant digits keep 1e15 amounts with
 * 6-decimal intermediates exact; never call Decimal.set() on the shared global.
 */
export const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 })
export type Dec = InstanceType<typeof D>

/** What REST and forms hand us: numbers, numeric strings, or decimals we made ourselves. */
export type NumericInput = number | string | Decimal

const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/

/**
 * Parses a number the way REST sends it. Rejects NaN, ±Infinity, '', '1,5', '12abc' and
 * anything that is not a number, naming the field, instead of letting NaN travel on.
 */
export function parseDecimal(value: unknown, field: string): Result<Dec, RuleError> {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? ok(new D(value)) : err({ code: 'INVALID_NUMBER', field, value })
  }
  if (typeof value === 'string') {
    return NUMERIC.test(value) ? ok(new D(value.trim())) : err({ code: 'INVALID_NUMBER', field, value })
  }
  if (Decimal.isDecimal(value)) {
    return value.isFinite() ? ok(new D(value)) : err({ code: 'INVALID_NUMBER', field, value })
  }
  return err({ code: 'INVALID_NUMBER', field, value })
}
