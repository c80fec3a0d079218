import { D } from '../decimal'
import { ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import {
  convert,
  creditFor,
  prepare,
  type Allocation,
  type AllocationOptions,
  type AllocationResult,
  type OpenInvoice,
  type Receipt,
} from './open-invoices'

/**
 * Distributes a receipt over open invoices: oldest due date first (no due date = the receipt date; ties by
 * invoice id), within an invoice by `positionPriority`, never paying a position more than it owes.
 *
 * Each allocation's `amount` is in the receipt currency and `invoiceAmount` in the invoice currency. A position
 * in another currency is converted with `convertMoney` at the rates of `options.currencies` (the table valid on
 * the receipt date), rounded to each currency's decimals: a position is closed for its outstanding converted
 * into the receipt currency; a partial payment credits the converted remainder, capped at the outstanding.
 * Exact: Σ amount + unallocated = receipt, to the kopeck. The result does not depend on the invoices' order.
 *
 * Errors: INVALID_NUMBER, NEGATIVE_AMOUNT, INVALID_DATE, DUPLICATE_ID, PAID_EXCEEDS_AMOUNT, UNKNOWN_CURRENCY,
 * NO_BASE_CURRENCY, INVALID_RATE.
 *
 * @example
 * allocateReceipt({ amount: '1500', currency: 'RUB', date: '2026-03-01' }, [
 *   { invoiceId: '7', dueDate: '2026-02-01', currency: 'RUB', positions: [{ positionId: 'a', amount: '1000', paid: '0' }] },
 * ]) // ok({ allocations: [{ invoiceId: '7', positionId: 'a', amount: '1000.00', … }], unallocated: '500.00', … })
 */
export function allocateReceipt(
  receipt: Receipt,
  openInvoices: readonly OpenInvoice[],
  options: AllocationOptions = {},
): Result<AllocationResult, SalesError> {
  const prepared = prepare(receipt, openInvoices, options)
  if (!prepared.ok) return prepared
  const { currency, decimals, invoices } = prepared.value
  let remaining = prepared.value.amount
  const allocations: Allocation[] = []

  for (const inv of invoices) {
    for (const pos of inv.positions) {
      if (remaining.isZero()) break
      if (pos.outstanding.isZero()) continue
      const cost = convert(pos.outstanding, inv.currency, currency, decimals, options)
      if (!cost.ok) return cost
      const amount = D.min(remaining, cost.value)
      const creditResult = creditFor(amount, cost.value, pos, inv, currency, options)
      if (!creditResult.ok) return creditResult
      const credited = creditResult.value
      // Less than one minor unit on either side: leave it for a later position or as unallocated.
      if (amount.isZero() || credited.isZero()) continue
      remaining = remaining.minus(amount)
      allocations.push({
        invoiceId: inv.invoiceId,
        positionId: pos.positionId,
        amount: amount.toFixed(decimals),
        invoiceAmount: credited.toFixed(inv.decimals),
        invoiceCurrency: inv.currency,
      })
    }
  }
  return ok({ allocations, unallocated: remaining.toFixed(decimals), currency })
}
