import type Decimal from 'decimal.js'
import { D, type Dec } from '../decimal'

/**
 * PHP `round($x, $places)`: half away from zero. On exact decimals this is what PHP ≤ 8.3
 * computes after its 15-digit pre-rounding (b24-math.md 2.2). Negative zero is normalised to 0.
 */
export function phpRound(x: Decimal, places: number): Dec {
  const r = new D(x).toDecimalPlaces(places, D.ROUND_HALF_UP)
  return r.isZero() ? new D(0) : r
}

/**
 * Bitrix `roundEx($x, $places)` = `round($x + 10^-(places+4), places)`. The epsilon makes
 * x.xx4999 round up and biases negative ties towards zero: roundEx(-0.125, 2) = -0.12.
 */
export function roundEx(x: Decimal, places: number): Dec {
  return phpRound(new D(x).plus(new D(10).pow(-(places + 4))), places)
}
