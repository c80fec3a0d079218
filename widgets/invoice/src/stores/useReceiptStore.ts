import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  applyReceipt,
  canRecordReceipt,
  canRefundReceipt,
  canUndoReceipt,
  previewReceipt,
  receiptsOf,
  refundReceipt,
  undoReceipt,
  type AppliedReceipt,
  type ReceiptPreview,
} from '@salesflow/usecases'
import { parseLocaleNumber, type CodedError } from '@salesflow/widget-kit'
import { todayIso, useInvoiceStore } from './useInvoiceStore'

/**
 * Recording a receipt: the form, the preview of its allocation over the positions, applying exactly what was
 * previewed (a changed invoice is a conflict: read again, preview again), and undoing a payment.
 */
export const useReceiptStore = defineStore('receipt', () => {
  const invoice = useInvoiceStore()
  const amount = ref('')
  const date = ref(todayIso())
  const documentNumber = ref('')
  const currency = ref('')
  const confirmCredit = ref(false)
  const preview = shallowRef<ReceiptPreview | null>(null)
  const error = shallowRef<CodedError | null>(null)
  const applied = shallowRef<AppliedReceipt | null>(null)
  const busy = ref<'apply' | 'undo' | 'refund' | null>(null)

  const canRecord = computed(() => (invoice.opened ? canRecordReceipt(invoice.opened) : false))
  const canUndo = computed(() => (invoice.opened ? canUndoReceipt(invoice.opened) : false))
  const canRefund = computed(() => (invoice.opened ? canRefundReceipt(invoice.opened) : false))
  const receipts = computed(() => (invoice.opened ? receiptsOf(invoice.opened) : []))
  const currencyOrInvoice = computed(() => currency.value || invoice.opened?.card.invoice.currency || '')
  const creditToConfirm = computed(() =>
    preview.value && Number(preview.value.credit) > 0 ? preview.value.credit : null,
  )

  /** What was typed, as the use case takes it; null with `error` set when the amount is not a number. */
  function input() {
    const parsed = parseLocaleNumber(amount.value, invoice.lang, 'amount')
    if (!parsed.ok) {
      error.value = parsed.error
      return null
    }
    return {
      amount: parsed.value,
      currency: currencyOrInvoice.value,
      date: date.value,
      ...(documentNumber.value.trim() ? { documentNumber: documentNumber.value.trim() } : {}),
    }
  }

  function showPreview(): void {
    error.value = null
    applied.value = null
    preview.value = null
    confirmCredit.value = false
    const opened = invoice.opened
    const receipt = input()
    if (!opened || !receipt) return
    const p = previewReceipt(opened, receipt)
    if (p.ok) preview.value = p.value
    else error.value = p.error
  }

  /** Any change to the form drops the preview: only what was previewed is applied. */
  function edited(): void {
    preview.value = null
    applied.value = null
  }

  async function apply(): Promise<void> {
    const session = invoice.session
    const p = preview.value
    if (!session || !p || !invoice.opened) return
    busy.value = 'apply'
    error.value = null
    try {
      const r = await applyReceipt(session, {
        invoiceId: invoice.opened.card.invoice.id,
        receipt: p.receipt,
        today: todayIso(),
        lang: invoice.lang,
        revision: p.revision,
        confirmCredit: confirmCredit.value,
      })
      if (!r.ok) {
        error.value = r.error
        if (r.error.code === 'RECEIPT_CONFLICT') {
          // Someone changed the invoice: read it again and show the preview on what is there now.
          await invoice.load()
          const again = invoice.opened ? previewReceipt(invoice.opened, p.receipt) : null
          preview.value = again?.ok ? again.value : null
        }
        return
      }
      applied.value = r.value
      preview.value = null
      amount.value = ''
      documentNumber.value = ''
      await invoice.reloadAll()
    } finally {
      busy.value = null
    }
  }

  /** Undo (a payment entered by mistake) or refund (its money went back): the same form, a different use case. */
  async function correct(kind: 'undo' | 'refund', paymentId: number, reason: string): Promise<boolean> {
    const session = invoice.session
    if (!session || !invoice.opened) return false
    busy.value = kind
    error.value = null
    try {
      const input = {
        invoiceId: invoice.opened.card.invoice.id,
        paymentId,
        reason,
        today: todayIso(),
        lang: invoice.lang,
      }
      const r = kind === 'undo' ? await undoReceipt(session, input) : await refundReceipt(session, input)
      if (!r.ok) {
        error.value = r.error
        return false
      }
      await invoice.reloadAll()
      return true
    } finally {
      busy.value = null
    }
  }

  return {
    amount,
    date,
    documentNumber,
    currency,
    currencyOrInvoice,
    confirmCredit,
    creditToConfirm,
    preview,
    error,
    applied,
    busy,
    canRecord,
    canUndo,
    canRefund,
    receipts,
    showPreview,
    edited,
    apply,
    undo: (paymentId: number, reason: string) => correct('undo', paymentId, reason),
    refund: (paymentId: number, reason: string) => correct('refund', paymentId, reason),
  }
})
