import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
import { err, ok, type Result } from '../result'
import type { RuleError } from '../errors'
import { checkMoney, type Money } from './money'

/**
 * Splits `total` into shares proportional to `ratios` that always add up to `total` exactly.
 * Each share is first truncated to the minor unit; the remainder is then handed out one minor
 * unit at a time, largest ratio first (ties: earlier first), cycling, the dinero.js way.
 * Ratios may be decimals ('33.33'); zero ratios get zero. Empty, negative, non-numeric or all-zero
 * ratios are INVALID_RATIOS; a `total` that is no valid Money (more decimals than its currency, decimals
 * not a whole number 0…8) is INVALID_NUMBER or INVALID_DECIMALS.
 */
export function allocate<C extends string>(
  total: Money<C>,
  ratios: readonly NumericInput[],
): Result<Money<C>[], RuleError> {
  // The remainder loop below ends only on whole minor units: 100.005 RUB or NaN decimals would never reach zero.
  const valid = checkMoney(total, 'total')
  if (!valid.ok) return valid
  if (!Array.isArray(ratios)) return err({ code: 'INVALID_INPUT', field: 'ratios', value: ratios })
  const parsed: Dec[] = []
  for (const r of ratios) {
    const p = parseDecimal(r, 'ratio')
    if (!p.ok || p.value.isNegative()) return err({ code: 'INVALID_RATIOS', ratios })
    parsed.push(p.value)
  }
  const ratioSum = parsed.reduce((s, r) => s.plus(r), new D(0))
  if (parsed.length === 0 || ratioSum.isZero()) return err({ code: 'INVALID_RATIOS', ratios })

  const unit = new D(10).pow(-total.currency.decimals)
  const minor = total.amount.div(unit) // an integer: Money is always quantised
  const shares = parsed.map((r) => minor.times(r).div(ratioSum).truncated())
  let remainder = shares.reduce((rest, s) => rest.minus(s), minor)

  const step = remainder.isNegative() ? -1 : 1
  const order = parsed
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => !r.isZero())
    .sort((a, b) => b.r.comparedTo(a.r) || a.i - b.i)
    .map(({ i }) => i)
  // |remainder| < number of shares (each truncation loses less than one unit): one pass suffices.
  for (let k = 0; !remainder.isZero() && k < order.length; k++) {
    const i = order[k]!
    shares[i] = shares[i]!.plus(step)
    remainder = remainder.minus(step)
  }
  return ok(shares.map((s) => Object.freeze({ amount: s.times(unit), currency: total.currency })))
}
