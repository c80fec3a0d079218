import type { Payment, PaymentProduct } from '@salesflow/portal'
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
}

/** Our receipt marks found in the invoice's timeline, oldest first. */
export function receiptMarks(opened: OpenedInvoice): ReceiptMark[] {
  return opened.card.notes.flatMap((n) => {
    const m = MARK.exec(n.comment)
    return m ? [{ paymentId: Number(m[1]), bankDocumentKey: m[2] ? decodeURIComponent(m[2]) : null }] : []
  })
}

/** A payment of the invoice with its products and, when we recorded it, its bank document. */
export interface ReceiptRecord {
  readonly payment: Payment
  readonly products: readonly PaymentProduct[]
  readonly bankDocumentKey: string | null
}

export function receiptsOf(opened: OpenedInvoice): ReceiptRecord[] {
  const marks = receiptMarks(opened)
  return opened.card.payments.map((payment) => ({
    payment,
    products: opened.card.paymentProducts.filter((p) => p.paymentId === payment.id),
    bankDocumentKey: marks.find((m) => m.paymentId === payment.id)?.bankDocumentKey ?? null,
  }))
}
