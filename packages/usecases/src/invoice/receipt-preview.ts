import {
  allocateReceipt,
  canInvoice,
  parseDecimal,
  parseIsoDate,
  paymentLines,
  positionsAfterLines,
  positionTotals,
  transitionInvoice as nextStatus,
  type Actor,
  type Allocation,
  type InvoicePosition,
  type InvoiceStatus,
  type PaymentLine,
  type Result,
  type SalesError,
} from '@salesflow/rules'
import type { UsecaseError } from '../errors'
import type { OpenedInvoice } from './open-invoice'

/** A receipt as a person (or a bank statement) gives it; `amount` is a plain decimal string ('1500.50'). */
export interface ReceiptInput {
  readonly amount: string
  readonly currency: string
  /** ISO date the money arrived. */
  readonly date: string
  /** The payment order's number («п/п №»), for the audit line. */
  readonly documentNumber?: string
  /** A bank statement's document key: the same document is never applied twice to the invoice. */
  readonly bankDocumentKey?: string
}

export interface ReceiptPreview {
  readonly receipt: ReceiptInput
  /** The allocation over positions (positionId = row id), oldest due first, by position order. */
  readonly allocations: readonly Allocation[]
  /** The payment products to write and what the portal will count for each (invoice currency). */
  readonly lines: readonly PaymentLine[]
  /** The payment's SUM as the portal will have it (invoice currency). */
  readonly recorded: string
  /** Allocated but below one unit step of a row (invoice currency): reported, stays with the receipt. */
  readonly residue: string
  /** More than the invoice owes, in the receipt currency: a credit on the company, after confirmation. */
  readonly credit: string
  readonly currency: string
  /** Each position after the receipt. */
  readonly positionsAfter: readonly InvoicePosition[]
  readonly outstandingAfter: string
  readonly statusAfter: InvoiceStatus
  /** The invoice state this preview was made on: applying it elsewhere is a conflict. */
  readonly revision: string
}

export type ReceiptError = UsecaseError | SalesError

const refuse = (error: ReceiptError): Result<never, ReceiptError> => ({ ok: false, error })

/**
 * Checks a receipt and shows what applying it would do: allocation over the positions, the payment products, the
 * status after, and any credit. Pure: the same preview the widget shows is what `applyReceipt` writes.
 */
export function previewReceipt(
  opened: OpenedInvoice,
  receipt: ReceiptInput,
  actor: Actor = opened.role,
): Result<ReceiptPreview, ReceiptError> {
  const { card } = opened
  const amount = parseDecimal(receipt.amount, 'amount')
  if (!amount.ok) return refuse({ code: 'RECEIPT_AMOUNT_INVALID', value: String(receipt.amount) })
  if (amount.value.lte(0)) return refuse({ code: 'RECEIPT_AMOUNT_NOT_POSITIVE', value: amount.value.toFixed() })
  if (!card.currencies.some((c) => c.CURRENCY === receipt.currency))
    return refuse({ code: 'UNKNOWN_CURRENCY', currency: String(receipt.currency) })
  const date = parseIsoDate(receipt.date, 'date')
  if (!date.ok) return date
  if (card.invoice.issueDate && receipt.date < card.invoice.issueDate)
    return refuse({ code: 'PAYMENT_BEFORE_INVOICE', date: receipt.date, invoiceDate: card.invoice.issueDate })
  if (card.productRows.length === 0) return refuse({ code: 'INVOICE_NO_ROWS' })
  // Who may record money, and on which statuses: the lifecycle's PAYMENT_APPLIED.
  const probe = nextStatus(opened.status, { type: 'PAYMENT_APPLIED', outstanding: '1' }, actor)
  if (!probe.ok)
    return probe.error.code === 'TRANSITION_NOT_ALLOWED'
      ? refuse({ code: 'INVOICE_CLOSED', status: opened.status })
      : probe

  const invoiceId = String(card.invoice.id)
  const allocated = allocateReceipt(
    { amount: amount.value.toFixed(), currency: receipt.currency, date: receipt.date },
    [
      {
        invoiceId,
        dueDate: card.invoice.dueDate,
        currency: card.invoice.currency,
        positions: opened.positions.map((p) => ({ positionId: String(p.rowId), amount: p.amount, paid: p.paid })),
      },
    ],
    { currencies: card.currencies },
  )
  if (!allocated.ok) return allocated
  const written = paymentLines(card.productRows, opened.positions, allocated.value.allocations)
  if (!written.ok) return written

  const after = positionsAfterLines(opened.positions, written.value.lines)
  if (!after.ok) return after
  const totals = positionTotals(card.invoice.opportunity, after.value)
  if (!totals.ok) return totals
  const outstandingAfter = totals.value.outstanding
  const status = nextStatus(opened.status, { type: 'PAYMENT_APPLIED', outstanding: outstandingAfter }, actor)
  if (!status.ok) return status
  return {
    ok: true,
    value: {
      receipt: { ...receipt, amount: amount.value.toFixed() },
      allocations: allocated.value.allocations,
      lines: written.value.lines,
      recorded: written.value.recorded,
      residue: written.value.residue,
      credit: allocated.value.unallocated,
      currency: allocated.value.currency,
      positionsAfter: after.value,
      outstandingAfter,
      statusAfter: status.value,
      revision: opened.revision,
    },
  }
}

/** Whether this user may record receipts on the invoice now (the panel shows the form only then). */
export const canRecordReceipt = (opened: OpenedInvoice): boolean =>
  canInvoice(opened.status, { type: 'PAYMENT_APPLIED', outstanding: '1' }, opened.role)
