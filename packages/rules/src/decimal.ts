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
 * The largest amount the portal stores: its money columns are DECIMAL(18,2) (b24-math.md 3.4), so 16 digits
 * before the point. Every amount entering the rules is checked against it, and no result goes beyond it.
 */
export const MAX_AMOUNT = '9999999999999999.99'
const MAX = new Decimal(MAX_AMOUNT)
/** More decimals than this is no amount, rate or quantity anyone typed; it would only make huge strings. */
const MAX_DECIMAL_PLACES = 20
/** Longer numeric text is refused before decimal.js parses it ('1e1000000' stays cheap). */
const MAX_TEXT = 64

/**
 * Parses a number the way REST sends it. Rejects NaN, ±Infinity, '', '1,5', '12abc' and
 * anything that is not a number, naming the field, instead of letting NaN travel on (INVALID_NUMBER).
 * A magnitude beyond `MAX_AMOUNT` or more than 20 decimals is OUT_OF_RANGE: nothing the portal could store.
 */
export function parseDecimal(value: unknown, field: string): Result<Dec, RuleError> {
  let parsed: Dec
  if (typeof value === 'number' && Number.isFinite(value)) parsed = new D(value)
  else if (typeof value === 'string' && value.length <= MAX_TEXT && NUMERIC.test(value)) {
    // Check the exponent before decimal.js builds the digits: '1e1000000' is refused at once.
    const exp = /[eE]([+-]?\d+)/.exec(value)
    if (exp && Math.abs(Number(exp[1])) > 100) return err({ code: 'OUT_OF_RANGE', field, value, max: MAX_AMOUNT })
    parsed = new D(value.trim())
  } else if (Decimal.isDecimal(value) && value.isFinite()) parsed = new D(value)
  else return err({ code: 'INVALID_NUMBER', field, value })
  if (parsed.abs().gt(MAX) || parsed.decimalPlaces() > MAX_DECIMAL_PLACES) {
    return err({ code: 'OUT_OF_RANGE', field, value, max: MAX_AMOUNT })
  }
  return ok(parsed)
}

/** True when `d` fits the portal's DECIMAL(18,2) magnitude (`MAX_AMOUNT`). */
export const withinAmountLimit = (d: Decimal): boolean => d.isFinite() && d.abs().lte(MAX)
