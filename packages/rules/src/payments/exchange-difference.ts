import { MAX_AMOUNT, parseDecimal, withinAmountLimit, type NumericInput } from '../decimal'
import { phpRound } from '../money/rounding'
import { err, ok, type Result } from '../result'
import { own } from '../input'
import type { SalesError } from '../sales-errors'
import type { Allocation } from './open-invoices'

/**
 * The realised exchange difference of one cross-currency allocation, in the receipt currency: what was
 * received minus what the credited invoice amount was worth at the invoice's rate snapshot
 * (`snapshotRate` = receipt-currency units per invoice-currency unit when the invoice was made, e.g.
 * RateSnapshot.rate inverted for a RUB deal billed in USD). Positive is a gain. The booked value is rounded
 * once, half away from zero, to `decimals`, so difference + booked = received exactly. Errors: INVALID_NUMBER,
 * OUT_OF_RANGE, INVALID_RATE (a rate ≤ 0), INVALID_DECIMALS (decimals not a whole number 0…8).
 *
 * @example
 * // 10.00 USD invoiced at 90.00, paid with 925.00 RUB (92.50 on the receipt date): a gain of 25.00 RUB
 * exchangeDifference({ amount: '925.00', invoiceAmount: '10.00', … }, '90', 2) // ok({ booked: '900.00', difference: '25.00' })
 */
export function exchangeDifference(
  allocation: Pick<Allocation, 'amount' | 'invoiceAmount'>,
  snapshotRate: NumericInput,
  decimals = 2,
): Result<{ booked: string; difference: string }, SalesError> {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 8) {
    return err({ code: 'INVALID_DECIMALS', currency: '', value: decimals })
  }
  const received = parseDecimal(own(allocation, 'amount'), 'amount')
  if (!received.ok) return received
  const credited = parseDecimal(own(allocation, 'invoiceAmount'), 'invoiceAmount')
  if (!credited.ok) return credited
  const rate = parseDecimal(snapshotRate, 'snapshotRate')
  if (!rate.ok) return rate
  if (!rate.value.isPositive() || rate.value.isZero()) {
    return err({ code: 'INVALID_RATE', currency: '', field: 'snapshotRate', value: snapshotRate })
  }
  const booked = phpRound(credited.value.times(rate.value), decimals)
  const difference = received.value.minus(booked)
  for (const [field, v] of [
    ['booked', booked],
    ['difference', difference],
  ] as const) {
    if (!withinAmountLimit(v)) return err({ code: 'OUT_OF_RANGE', field, value: v.toFixed(), max: MAX_AMOUNT })
  }
  return ok({ booked: booked.toFixed(decimals), difference: difference.toFixed(decimals) })
}
