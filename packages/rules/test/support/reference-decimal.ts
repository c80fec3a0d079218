import Decimal from 'decimal.js'
import type { ProductRowInput } from '../../src'

const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP })

/**
 * The Bitrix24 factory-path formulas (b24-math.md 0) written inline with plain decimal.js: no objects, no
 * validation. The independent reference the fixed-point library is checked against, and the bench baseline.
 * Rows must be valid (numeric strings, discountTypeId 1 or 2, rate below 100 %).
 */
export function baseline(rows: ProductRowInput[]): string {
  const r2 = (x: Decimal) => x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
  const rx2 = (x: Decimal) => x.plus('0.000001').toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
  let total = new D(0)
  let taxTotal = new D(0)
  for (const row of rows) {
    const price = r2(new D(row.price as string))
    const q = new D(row.quantity as string).toDecimalPlaces(4, Decimal.ROUND_HALF_UP)
    const t = row.taxRate == null ? new D(0) : r2(new D(row.taxRate as string))
    const f = t.div(100).plus(1)
    const excl = r2(price.div(f))
    let ds: Decimal
    let rate: Decimal
    if (row.discountTypeId === 2) {
      rate = r2(new D(row.discountRate as string))
      ds = r2(excl.times(100).div(new D(100).minus(rate)).minus(excl))
    } else {
      ds = r2(new D(row.discountSum as string))
      const o = r2(excl.plus(ds))
      rate = o.isZero() ? new D(0) : r2(o.minus(excl).times(100).div(o))
    }
    const netto = r2(excl.plus(ds))
    r2(netto.times(f)) // brutto
    const inc = row.taxIncluded === 'Y'
    const p = rx2(inc ? price : excl)
    const v = t.div(100)
    const gross = p.times(q)
    const tax = v.isZero() ? new D(0) : rx2(inc ? gross.times(v).div(v.plus(1)) : gross.times(v))
    total = total.plus(inc ? rx2(gross) : rx2(gross).plus(tax))
    taxTotal = taxTotal.plus(tax)
  }
  return r2(rx2(total)).toFixed(2) + '/' + r2(rx2(taxTotal)).toFixed(2)
}
