import type { Payment, PaymentProduct, TimelineNote } from '@salesflow/portal'
import type { OpenedInvoice } from './open-invoice'

/**
 * The machine-readable part of our audit line on the invoice's timeline. It ties a payment to the bank document
 * it came from: crm.item.payment.* has no field of its own for it (only paid and paySystemId are writable).
 */
export const receiptMark = (payment: string | number, bankDocumentKey?: string): string =>
  `[sf:receipt payment=${payment}${bankDocumentKey ? ` bank=${encodeURIComponent(bankDocumentKey)}` : ''}]`

const MARK = /\[sf:receipt payment=(\d+)(?: bank=([^\]\s]+))?\]/

export interface ReceiptMark {
  readonly paymentId: number
  readonly bankDocumentKey: string | null
  /** The comment carrying the mark: its id orders concurrent receipts. */
  readonly noteId: number
}

/** Our receipt marks in timeline comments, in the comments' order. */
export function marksIn(notes: readonly TimelineNote[]): ReceiptMark[] {
  return notes.flatMap((n) => {
    const m = MARK.exec(n.comment)
    return m ? [{ paymentId: Number(m[1]), bankDocumentKey: m[2] ? decodeURIComponent(m[2]) : null, noteId: n.id }] : []
  })
}

/** Our receipt marks found in the invoice's timeline, oldest first. */
export const receiptMarks = (opened: OpenedInvoice): ReceiptMark[] => marksIn(opened.card.notes)

/**
 * The payment that holds a bank document: among the marks with `key` whose payment still exists, the one written
 * first (lowest comment id). A comment id is given when the comment is stored, so every caller that wrote a mark
 * and then read the comments sees every earlier mark: all agree on the same first one.
 */
export function holderOf(
  notes: readonly TimelineNote[],
  livePaymentIds: readonly number[],
  key: string,
): ReceiptMark | undefined {
  const live = new Set(livePaymentIds)
  return marksIn(notes)
    .filter((m) => m.bankDocumentKey === key && live.has(m.paymentId))
    .reduce<ReceiptMark | undefined>(
      (first, m) => (first === undefined || m.noteId < first.noteId ? m : first),
      undefined,
    )
}

/** Our refund line's mark: the payment whose money went back to the client (the payment itself is unpaid). */
export const refundMark = (payment: number): string => `[sf:refund payment=${payment}]`
const REFUND = /\[sf:refund payment=(\d+)\]/

/** Ids of the payments our refund lines name, oldest first. */
export const refundedPaymentIds = (notes: readonly TimelineNote[]): number[] =>
  notes.flatMap((n) => {
    const m = REFUND.exec(n.comment)
    return m ? [Number(m[1])] : []
  })

/** A payment of the invoice with its products and, when we recorded it, its bank document. */
export interface ReceiptRecord {
  readonly payment: Payment
  readonly products: readonly PaymentProduct[]
  readonly bankDocumentKey: string | null
  /** Its money went back to the client (our refund line names it). */
  readonly refunded: boolean
}

export function receiptsOf(opened: OpenedInvoice): ReceiptRecord[] {
  const marks = receiptMarks(opened)
  const refunded = new Set(refundedPaymentIds(opened.card.notes))
  return opened.card.payments.map((payment) => ({
    payment,
    products: opened.card.paymentProducts.filter((p) => p.paymentId === payment.id),
    bankDocumentKey: marks.find((m) => m.paymentId === payment.id)?.bankDocumentKey ?? null,
    refunded: refunded.has(payment.id),
  }))
}
