import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { offerAccess } from '@salesflow/rules'
import type { CodedError } from '@salesflow/widget-kit'
import { bytesToBase64, currencySymbol, saveBytes } from '@salesflow/widget-kit'
import { useInvoiceStore } from './useInvoiceStore'

export type PrintFormat = 'pdf' | 'docx'

/** A lazily loaded chunk (jspdf, docx, fonts, the QR library) that did not arrive. */
export interface ChunkLoadError {
  readonly code: 'CHUNK_LOAD_FAILED'
  readonly detail: string
}

/**
 * Prints «Счёт на оплату». The document model, jspdf/docx and the QR library load only here, on the first print.
 * The PDF is attached to the invoice's timeline (for roles that write to the card), so what went out stays with it.
 */
export const usePrintStore = defineStore('print', () => {
  const invoice = useInvoiceStore()
  const busy = ref<PrintFormat | null>(null)
  const error = shallowRef<CodedError | ChunkLoadError | null>(null)
  const attached = ref<{ readonly commentId: number; readonly fileName: string } | null>(null)

  async function print(format: PrintFormat): Promise<void> {
    const opened = invoice.opened
    const session = invoice.session
    if (!opened || !session) return
    error.value = null
    busy.value = format
    try {
      const { buildInvoiceDocument } = await import('@salesflow/usecases/invoice-document')
      const doc = buildInvoiceDocument({
        opened,
        lang: invoice.lang,
        currencySymbol: currencySymbol(opened.card.invoice.currency, invoice.lang),
      })
      if (!doc.ok) {
        error.value = doc.error
        return
      }
      const docs = await import('@salesflow/documents')
      const { viteFontSource } = await import('@salesflow/documents/vite-fonts')
      const rendered =
        format === 'pdf'
          ? await docs.renderInvoicePdf(doc.value, { lang: invoice.lang, fonts: viteFontSource })
          : await docs.renderInvoiceDocx(doc.value, { lang: invoice.lang })
      if (!rendered.ok) {
        error.value = rendered.error
        return
      }
      const fileName = docs.invoiceFileName(doc.value, format, invoice.lang)
      saveBytes(rendered.value, fileName, docs.OFFER_MIME[format])
      // Who may write documents to a card's timeline: the same rule as for the offer.
      if (format !== 'pdf' || !offerAccess(opened.role).attachToTimeline) return
      const comment = invoice.lang === 'ru' ? `Счёт на оплату № ${doc.value.number}` : `Invoice No. ${doc.value.number}`
      const added = await session.repositories.timeline.addComment('dynamic_31', opened.card.invoice.id, comment, [
        [fileName, bytesToBase64(rendered.value)],
      ])
      if (added.ok) attached.value = { commentId: added.value, fileName }
      else error.value = added.error
    } catch (e) {
      // Only a failed chunk download lands here (the renderers return Results): say so, keep the page usable.
      error.value = { code: 'CHUNK_LOAD_FAILED', detail: e instanceof Error ? e.message : String(e) }
    } finally {
      busy.value = null
    }
  }

  return { busy, error, attached, print }
})
