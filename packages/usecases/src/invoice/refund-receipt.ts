import {
  invoiceEventsFor,
  invoicePositions,
  positionTotals,
  stageForStatus,
  transitionInvoice as nextStatus,
  type InvoiceStatus,
  type Lang,
  type ProcessError,
  type Result,
  type SalesError,
} from '@salesflow/rules'
import type { PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import type { UsecaseError } from '../errors'
import { openInvoice, type OpenedInvoice } from './open-invoice'
import { refundMark } from './receipt-marks'

/** Whether this user may refund payments of this invoice now (the lifecycle's REFUND: finance, paid or partly paid). */
export const canRefundReceipt = (opened: OpenedInvoice): boolean =>
  invoiceEventsFor(opened.status, opened.role).includes('REFUND')

/**
 * Returns a payment's money to the client: re-reads the invoice, the rules decide (role, status, what stays paid:
 * nothing → refunded, closed and out of the client's credit exposure; something → partly paid), then one batch
 * unpays the payment (it stays as the record), writes the audit line (who, how much, why, with our refund mark)
 * and the stage. Unlike undo, which erases a payment entered by mistake, a refund is money that really moved.
 */
export async function refundReceipt(
  gateway: PortalGateway<'receipts'>,
  input: {
    readonly invoiceId: number
    readonly paymentId: number
    readonly reason: string
    readonly today: string
    readonly lang: Lang
  },
): Promise<
  Result<
    { readonly status: InvoiceStatus; readonly stageId: string },
    UsecaseError | SalesError | ProcessError | PortalError
  >
> {
  const reason = input.reason.trim()
  const fresh = await openInvoice(gateway, { invoiceId: input.invoiceId, today: input.today })
  if (!fresh.ok) return fresh
  const opened = fresh.value
  const { card } = opened
  const payment = card.payments.find((p) => p.id === input.paymentId && p.paid)
  if (!payment) return { ok: false, error: { code: 'RECEIPT_NOT_FOUND', paymentId: input.paymentId } }
  // What stays paid once this payment's money is gone, by the portal's own arithmetic over the other payments.
  const otherPaid = new Set(card.payments.filter((p) => p.paid && p.id !== payment.id).map((p) => p.id))
  const after = invoicePositions(
    card.productRows,
    card.paymentProducts.filter((p) => otherPaid.has(p.paymentId)),
  )
  if (!after.ok) return after
  const totals = positionTotals(card.invoice.opportunity, after.value)
  if (!totals.ok) return totals
  const to = nextStatus(
    opened.status,
    { type: 'REFUND', refunded: payment.sum, remaining: totals.value.paid },
    opened.role,
  )
  if (!to.ok) return to
  if (!reason) return { ok: false, error: { code: 'REASON_REQUIRED' } }
  const target = stageForStatus(opened.stageMap, to.value)
  if (!target) return { ok: false, error: { code: 'UNKNOWN_STAGE', stageId: to.value } }
  const stageId = target !== card.invoice.stageId ? target : undefined
  const who = card.currentUser.fullName || `#${card.currentUser.id}`
  const amount = `${payment.sum} ${payment.currency}`
  const comment =
    input.lang === 'ru'
      ? `Возврат клиенту по оплате ${payment.accountNumber || payment.id}: ${amount}; провёл(а) ${who}. Причина: ${reason} ${refundMark(payment.id)}`
      : `Refund to the client of payment ${payment.accountNumber || payment.id}: ${amount}; by ${who}. Reason: ${reason} ${refundMark(payment.id)}`
  const written = await gateway.repositories.receipts.refund({
    invoiceId: card.invoice.id,
    paymentId: payment.id,
    comment,
    ...(stageId ? { stageId } : {}),
    fromStageId: card.invoice.stageId,
  })
  if (!written.ok) return written
  return { ok: true, value: { status: to.value, stageId: target } }
}
