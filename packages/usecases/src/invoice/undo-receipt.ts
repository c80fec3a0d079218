import {
  invoicePositions,
  positionTotals,
  stageForStatus,
  type InvoiceStatus,
  type Lang,
  type Result,
  type SalesError,
} from '@salesflow/rules'
import type { PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import type { UsecaseError } from '../errors'
import { openInvoice, type OpenedInvoice } from './open-invoice'

/** Who may take a receipt back: the finance roles (the lifecycle's own). */
const UNDO_ROLES = ['accountant', 'admin'] as const

/** Whether this user may undo receipts (the panel shows the button only then; the use case checks again). */
export const canUndoReceipt = (opened: OpenedInvoice): boolean =>
  (UNDO_ROLES as readonly string[]).includes(opened.role)

/** What the status becomes once the money of a payment is gone (a correction, not a lifecycle event). */
function statusWithout(status: InvoiceStatus, somethingPaid: boolean): InvoiceStatus {
  if (!['paid', 'partiallyPaid', 'overdue'].includes(status)) return status
  return somethingPaid ? 'partiallyPaid' : 'sent'
}

/**
 * Takes a receipt back: re-reads the invoice, then one batch deletes the payment's products and the payment,
 * writes the audit line (who, why) and moves the stage back when the invoice is no longer (fully) paid.
 */
export async function undoReceipt(
  gateway: PortalGateway<'receipts'>,
  input: {
    readonly invoiceId: number
    readonly paymentId: number
    readonly reason: string
    readonly today: string
    readonly lang: Lang
  },
): Promise<
  Result<{ readonly status: InvoiceStatus; readonly stageId: string }, UsecaseError | SalesError | PortalError>
> {
  const reason = input.reason.trim()
  const fresh = await openInvoice(gateway, { invoiceId: input.invoiceId, today: input.today })
  if (!fresh.ok) return fresh
  const opened = fresh.value
  if (!canUndoReceipt(opened))
    return { ok: false, error: { code: 'ROLE_NOT_ALLOWED', actor: opened.role, allowed: UNDO_ROLES } }
  if (!reason) return { ok: false, error: { code: 'REASON_REQUIRED' } }
  const { card } = opened
  const payment = card.payments.find((p) => p.id === input.paymentId)
  if (!payment) return { ok: false, error: { code: 'RECEIPT_NOT_FOUND', paymentId: input.paymentId } }
  const products = card.paymentProducts.filter((p) => p.paymentId === payment.id)
  const paidIds = new Set(card.payments.filter((p) => p.paid && p.id !== payment.id).map((p) => p.id))
  const after = invoicePositions(
    card.productRows,
    card.paymentProducts.filter((p) => paidIds.has(p.paymentId)),
  )
  if (!after.ok) return after
  const totals = positionTotals(card.invoice.opportunity, after.value)
  if (!totals.ok) return totals
  const status = statusWithout(opened.status, totals.value.paid !== '0.00')
  const target = stageForStatus(opened.stageMap, status)
  const stageId = target && target !== card.invoice.stageId ? target : undefined
  const who = card.currentUser.fullName || `#${card.currentUser.id}`
  const comment =
    input.lang === 'ru'
      ? `Оплата ${payment.accountNumber || payment.id} на ${payment.sum} ${payment.currency} отменена: ${who}. Причина: ${reason}`
      : `Payment ${payment.accountNumber || payment.id} of ${payment.sum} ${payment.currency} undone by ${who}. Reason: ${reason}`
  const removed = await gateway.repositories.receipts.remove({
    invoiceId: card.invoice.id,
    paymentId: payment.id,
    productIds: products.map((p) => p.id),
    comment,
    ...(stageId ? { stageId } : {}),
  })
  if (!removed.ok) return removed
  return { ok: true, value: { status, stageId: stageId ?? card.invoice.stageId } }
}
