import { D, stageForStatus, type Actor, type InvoiceStatus, type Lang, type Result } from '@salesflow/rules'
import type { PortalError, ReceiptWrite, RecordedReceipt } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { openInvoice, type OpenedInvoice } from './open-invoice'
import { previewReceipt, type ReceiptError, type ReceiptInput, type ReceiptPreview } from './receipt-preview'
import { holderOf, marksIn, receiptMark } from './receipt-marks'
import { INVOICE_FIELDS } from '../install/manifest'

export interface ApplyReceiptInput {
  readonly invoiceId: number
  readonly receipt: ReceiptInput
  /** ISO date (this layer has no clock). */
  readonly today: string
  readonly lang: Lang
  /** The preview's revision: the receipt applies only to the invoice as it was previewed (CONFLICT otherwise). */
  readonly revision?: string
  /** The user confirmed that the amount beyond the outstanding becomes a credit on the company. */
  readonly confirmCredit?: boolean
  /** `system` for the worker; people act with the role their settings give them. */
  readonly actor?: Actor
}

export interface AppliedReceipt {
  readonly paymentId: number
  readonly status: InvoiceStatus
  readonly stageId: string
  /** The payment's SUM on the portal (invoice currency). */
  readonly recorded: string
  /** The credit left on the company (receipt currency), '0.00' when none. */
  readonly credit: string
  readonly residue: string
  readonly currency: string
  readonly preview: ReceiptPreview
}

const amountText = (v: string, currency: string) => `${v} ${currency}`

function auditLine(
  preview: ReceiptPreview,
  who: string,
  lang: Lang,
  invoiceCurrency: string,
  endsDispute: boolean,
): string {
  const r = preview.receipt
  const doc = r.documentNumber
    ? lang === 'ru'
      ? `, п/п № ${r.documentNumber}`
      : `, payment order ${r.documentNumber}`
    : ''
  const credit = new D(preview.credit).gt(0)
    ? lang === 'ru'
      ? `; сверх счёта ${amountText(preview.credit, preview.currency)} — аванс (кредит) компании`
      : `; ${amountText(preview.credit, preview.currency)} beyond the invoice is a credit of the company`
    : ''
  const residue = new D(preview.residue).gt(0)
    ? lang === 'ru'
      ? `; не разнесено по позициям (шаг количества 0,0001): ${amountText(preview.residue, invoiceCurrency)}`
      : `; not placed on positions (0.0001 unit step): ${amountText(preview.residue, invoiceCurrency)}`
    : ''
  const head =
    lang === 'ru'
      ? `Оплата {payment}: ${amountText(r.amount, r.currency)} от ${r.date}${doc}, зачтено ${amountText(preview.recorded, invoiceCurrency)}; провёл(а) ${who}`
      : `Payment {payment}: ${amountText(r.amount, r.currency)} of ${r.date}${doc}, ${amountText(preview.recorded, invoiceCurrency)} applied; by ${who}`
  const dispute = endsDispute ? (lang === 'ru' ? '; спор закрыт: счёт оплачен' : '; the dispute is closed: paid') : ''
  return `${head}${credit}${residue}${dispute} ${receiptMark('{payment}', r.bankDocumentKey)}`
}

/** What applying a receipt will write, and what it will be once written (the write's payment id aside). */
export interface PlannedReceipt {
  readonly write: ReceiptWrite
  readonly applied: Omit<AppliedReceipt, 'paymentId'>
}

/**
 * Everything applyReceipt decides, on an invoice already read: the revision still the previewed one, the bank
 * document not recorded on it yet, the preview, the credit confirmed; then the one batch to write (payment, its
 * products, paid mark, audit line with the bank document's key, credit line, stage). Pure: the bank page plans many
 * receipts on invoices read together and writes them in shared batches.
 */
export function planReceipt(
  opened: OpenedInvoice,
  input: Omit<ApplyReceiptInput, 'invoiceId' | 'today'>,
): Result<PlannedReceipt, ReceiptError> {
  if (input.revision !== undefined && input.revision !== opened.revision)
    return { ok: false, error: { code: 'RECEIPT_CONFLICT' } }
  const key = input.receipt.bankDocumentKey
  if (key) {
    const seen = holderOf(
      opened.card.notes,
      opened.card.payments.map((p) => p.id),
      key,
    )
    if (seen) return { ok: false, error: { code: 'BANK_DOCUMENT_APPLIED', key, paymentId: seen.paymentId } }
  }
  const preview = previewReceipt(opened, input.receipt, input.actor ?? opened.role)
  if (!preview.ok) return preview
  const p = preview.value
  if (new D(p.credit).gt(0) && !input.confirmCredit)
    return { ok: false, error: { code: 'CREDIT_NEEDS_CONFIRMATION', credit: p.credit, currency: p.currency } }

  const { invoice, currentUser } = opened.card
  const who = input.actor === 'system' ? 'salesflow' : currentUser.fullName || `#${currentUser.id}`
  const target = stageForStatus(opened.stageMap, p.statusAfter)
  const stageId = target && target !== invoice.stageId ? target : undefined
  const credited = new D(p.credit).gt(0) && invoice.companyId !== null
  // A receipt that settles a disputed invoice ends the dispute: its field is cleared with the stage, as RESOLVE does.
  const endsDispute = opened.status === 'disputed' && p.statusAfter !== 'disputed'
  return {
    ok: true,
    value: {
      write: {
        invoiceId: invoice.id,
        lines: p.lines.map((l) => ({ rowId: l.rowId, quantity: l.quantity })),
        comment: auditLine(p, who, input.lang, invoice.currency, endsDispute),
        ...(endsDispute ? { userFields: { [INVOICE_FIELDS.dispute]: '' } } : {}),
        // Only a bank document can be applied twice by a race: its receipt looks back past what was read.
        ...(key ? { lookBackAfter: newestNoteId(opened) } : {}),
        ...(credited
          ? {
              companyComment: {
                companyId: invoice.companyId!,
                text:
                  input.lang === 'ru'
                    ? `Аванс (кредит) ${amountText(p.credit, p.currency)}: переплата по счёту ${invoice.accountNumber || invoice.id}, оплата {payment}`
                    : `Credit ${amountText(p.credit, p.currency)}: overpayment of invoice ${invoice.accountNumber || invoice.id}, payment {payment}`,
              },
            }
          : {}),
        ...(stageId ? { stageId } : {}),
      },
      applied: {
        status: p.statusAfter,
        stageId: stageId ?? invoice.stageId,
        recorded: p.recorded,
        credit: p.credit,
        residue: p.residue,
        currency: p.currency,
        preview: p,
      },
    },
  }
}

/**
 * Records a receipt on a smart invoice in two round trips: the invoice re-read (conflict, duplicate bank document,
 * the allocation on fresh data), then one batch: crm.item.payment.add, a crm.item.payment.product.add per
 * position, the paid mark, the audit line (with the bank document's key), a credit line on the company when the
 * receipt exceeds what is owed, and the new stage (partly paid / paid). A failure inside the batch deletes the
 * payment again (one more round trip), so no payment is left without its products. The widget and the worker call
 * this use case; the bank page plans with the same planReceipt and writes many in shared batches.
 */
export async function applyReceipt(
  gateway: PortalGateway<'receipts'>,
  input: ApplyReceiptInput,
): Promise<Result<AppliedReceipt, ReceiptError | PortalError>> {
  const fresh = await openInvoice(gateway, { invoiceId: input.invoiceId, today: input.today })
  if (!fresh.ok) return fresh.error.code === 'NOT_FOUND' ? { ok: false, error: { code: 'RECEIPT_CONFLICT' } } : fresh
  const planned = planReceipt(fresh.value, input)
  if (!planned.ok) return planned
  const written = await gateway.repositories.receipts.record(planned.value.write)
  if (!written.ok) return written
  const kept = await keepBankDocument(gateway, fresh.value, input.receipt.bankDocumentKey, written.value, input.lang)
  if (!kept.ok) return kept
  return { ok: true, value: { paymentId: written.value.paymentId, ...planned.value.applied } }
}

/** The newest comment the invoice had when it was read: marks older than it were checked before writing. */
const newestNoteId = (opened: OpenedInvoice): number => Math.max(0, ...opened.card.notes.map((n) => n.id))

/**
 * Add, then verify: a concurrent call may have applied the same bank document between our read and our write. The
 * first receipt of the document (lowest audit-line id, payment alive) holds it; any other withdraws its own payment
 * with an audit line and answers BANK_DOCUMENT_APPLIED. The invoice panel and the bank page both end with this.
 * The comments are those read before writing and those newer than them read back after; only when a mark of the
 * same document precedes ours (a race, or a receipt undone earlier) are the payments read, one more round trip.
 */
export async function keepBankDocument(
  gateway: PortalGateway<'receipts'>,
  opened: OpenedInvoice,
  key: string | undefined,
  written: RecordedReceipt,
  lang: Lang,
): Promise<Result<void, ReceiptError | PortalError>> {
  if (!key) return { ok: true, value: undefined }
  const invoiceId = opened.card.invoice.id
  const { noteId, paymentId, productIds } = written
  const notes = [...opened.card.notes, ...written.notesAfter]
  const rivals = marksIn(notes).filter(
    (m) => m.bankDocumentKey === key && m.paymentId !== paymentId && m.noteId < noteId,
  )
  if (rivals.length === 0) return { ok: true, value: undefined }
  const live = await gateway.repositories.receipts.paymentIdsOf(invoiceId)
  if (!live.ok) return { ok: false, error: { ...live.error, code: 'UNKNOWN_OUTCOME' } }
  const holder = holderOf(notes, [...live.value, paymentId], key)
  if (!holder || holder.paymentId === paymentId) return { ok: true, value: undefined }
  const withdrawn = await gateway.repositories.receipts.remove({
    invoiceId,
    paymentId,
    productIds,
    comment:
      lang === 'ru'
        ? `Оплата ${paymentId} отозвана: банковский документ уже зачтён оплатой ${holder.paymentId}`
        : `Payment ${paymentId} withdrawn: the bank document was already applied as payment ${holder.paymentId}`,
  })
  if (!withdrawn.ok) return { ok: false, error: { ...withdrawn.error, code: 'UNKNOWN_OUTCOME' } }
  return { ok: false, error: { code: 'BANK_DOCUMENT_APPLIED', key, paymentId: holder.paymentId } }
}
