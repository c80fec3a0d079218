import { defineStore } from 'pinia'
import { offerAccess } from '@salesflow/rules'
import { currencySymbol, useDocumentExport } from '@salesflow/widget-kit'
import { useInvoiceStore } from './useInvoiceStore'

export type PrintFormat = 'pdf' | 'docx'

/**
 * Prints «Счёт на оплату». The document model, jspdf/docx and the QR library load only here, on the first print.
 * The PDF is attached to the invoice's timeline (for roles that write to the card), so what went out stays with it.
 */
export const usePrintStore = defineStore('print', () => {
  const invoice = useInvoiceStore()
  const { busy, error, attached, run } = useDocumentExport<PrintFormat>(async (fileName, base64, comment) => {
    const id = invoice.opened?.card.invoice.id
    if (!invoice.session || id === undefined) return { ok: false, error: { code: 'STANDALONE' } }
    return invoice.session.repositories.timeline.addComment('dynamic_31', id, comment, [[fileName, base64]])
  })

  async function print(format: PrintFormat): Promise<void> {
    const opened = invoice.opened
    if (!opened || !invoice.session) return
    await run(format, async () => {
      const { buildInvoiceDocument } = await import('@salesflow/usecases/invoice-document')
      const doc = buildInvoiceDocument({
        opened,
        lang: invoice.lang,
        currencySymbol: currencySymbol(opened.card.invoice.currency, invoice.lang),
      })
      if (!doc.ok) return doc
      const docs = await import('@salesflow/documents')
      const { viteFontSource } = await import('@salesflow/documents/vite-fonts')
      const rendered =
        format === 'pdf'
          ? await docs.renderInvoicePdf(doc.value, { lang: invoice.lang, fonts: viteFontSource })
          : await docs.renderInvoiceDocx(doc.value, { lang: invoice.lang })
      if (!rendered.ok) return rendered
      // Who may write documents to a card's timeline: the same rule as for the offer.
      const attach = format === 'pdf' && offerAccess(opened.role).attachToTimeline
      const comment = invoice.lang === 'ru' ? `Счёт на оплату № ${doc.value.number}` : `Invoice No. ${doc.value.number}`
      return {
        ok: true,
        value: {
          bytes: rendered.value,
          fileName: docs.invoiceFileName(doc.value, format, invoice.lang),
          mime: docs.OFFER_MIME[format],
          attachAs: attach ? comment : null,
        },
      }
    })
  }

  return { busy, error, attached, print }
})
