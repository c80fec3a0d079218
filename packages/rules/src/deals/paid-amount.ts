import { D, parseDecimal } from '../decimal'
import { convertMoney, type PortalCurrency } from '../fx/convert-money'
import { ok, type Result } from '../result'
import type { RuleError } from '../errors'

export interface PaymentFact {
  readonly paid: boolean
  readonly sum: string
  readonly currency: string
}

/**
 * What was actually received on a deal, in `currency`: the paid payments only, each converted at the portal's
 * rates (rounded per payment, as the portal shows it) and summed exactly. Unpaid payments are promises.
 */
export function paidAmount(
  payments: readonly PaymentFact[],
  currency: string,
  currencies: readonly PortalCurrency[],
): Result<string, RuleError> {
  let total = new D(0)
  for (const p of payments) {
    if (!p.paid) continue
    const converted = convertMoney(p.sum, p.currency, currency, currencies)
    if (!converted.ok) return converted
    const value = parseDecimal(converted.value, 'sum')
    if (!value.ok) return value
    total = total.plus(value.value)
  }
  return ok(total.toFixed(2))
}
