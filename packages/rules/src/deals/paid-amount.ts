import { D, MAX_AMOUNT, parseDecimal, withinAmountLimit } from '../decimal'
import { convertMoney, type PortalCurrency } from '../fx/convert-money'
import { err, ok, type Result } from '../result'
import type { RuleError } from '../errors'
import { isRecord, ownData } from '../input'

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
  if (!Array.isArray(payments)) return err({ code: 'INVALID_INPUT', field: 'payments', value: payments })
  let total = new D(0)
  for (const [i, raw] of payments.entries()) {
    if (!isRecord(raw)) return err({ code: 'INVALID_INPUT', field: `payments[${i}]`, value: raw })
    const p = ownData(raw)
    if (typeof p.paid !== 'boolean') return err({ code: 'INVALID_INPUT', field: `payments[${i}].paid`, value: p.paid })
    if (!p.paid) continue
    const converted = convertMoney(p.sum as string, p.currency as string, currency, currencies)
    if (!converted.ok) return converted
    const value = parseDecimal(converted.value, 'sum')
    if (!value.ok) return value
    total = total.plus(value.value)
  }
  if (!withinAmountLimit(total))
    return err({ code: 'OUT_OF_RANGE', field: 'paid', value: total.toFixed(), max: MAX_AMOUNT })
  return ok(total.toFixed(2))
}
