import { parseDecimal, type NumericInput } from '../decimal'
import { phpRound } from '../money/rounding'
import { ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import type { Allocation } from './open-invoices'

/**
 * The realised exchange difference of one cross-currency allocation, in the receipt currency: what was
 * received minus what the credited invoice amount was worth at the invoice's rate snapshot
 * (`snapshotRate` = receipt-currency units per invoice-currency unit when the invoice was made, e.g.
 * RateSnapshot.rate inverted for a RUB deal billed in USD). Positive is a gain. The booked value is rounded
 * once, half away from zero, to `decimals`, so difference + booked = received exactly. Errors: INVALID_NUMBER.
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
  const received = parseDecimal(allocation.amount, 'amount')
  if (!received.ok) return received
  const credited = parseDecimal(allocation.invoiceAmount, 'invoiceAmount')
  if (!credited.ok) return credited
  const rate = parseDecimal(snapshotRate, 'snapshotRate')
  if (!rate.ok) return rate
  const booked = phpRound(credited.value.times(rate.value), decimals)
  return ok({ booked: booked.toFixed(decimals), difference: received.value.minus(booked).toFixed(decimals) })
}
