import { defineStore } from 'pinia'
import { offerAccess } from '@salesflow/rules'
import { currencySymbol, useDocumentExport } from '@salesflow/widget-kit'
import { useDealStore } from './useDealStore'

export type OfferFormat = 'pdf' | 'docx'

/**
 * Exports the deal's commercial offer. jspdf and docx (≈300 kB gzip) load only here, on the first export.
 * The PDF is also attached to the deal's timeline, so the offer that went out stays with the deal.
 */
export const useOfferStore = defineStore('offer', () => {
  const deal = useDealStore()
  const { busy, error, attached, run } = useDocumentExport<OfferFormat>(async (fileName, base64, comment) => {
    const id = deal.card?.deal.id
    if (!deal.session || id === undefined) return { ok: false, error: { code: 'STANDALONE' } }
    return deal.session.repositories.timeline.addComment('deal', id, comment, [[fileName, base64]])
  })

  async function exportOffer(
    format: OfferFormat,
    attach = format === 'pdf' && offerAccess(deal.role).attachToTimeline,
  ): Promise<void> {
    const card = deal.card
    if (!card || !deal.session) return
    await run(format, async () => {
      // The offer model (and its words for amounts) loads with the renderers, on the first export.
      const { buildOffer } = await import('@salesflow/usecases/offer')
      const offer = buildOffer({
        card,
        settings: deal.settings,
        today: new Date().toISOString().slice(0, 10),
        lang: deal.lang,
        currencySymbol: currencySymbol(card.deal.currency, deal.lang),
      })
      if (!offer.ok) return offer
      const docs = await import('@salesflow/documents')
      const { viteFontSource } = await import('@salesflow/documents/vite-fonts')
      const rendered =
        format === 'pdf'
          ? await docs.renderOfferPdf(offer.value, { lang: deal.lang, fonts: viteFontSource })
          : await docs.renderOfferDocx(offer.value, { lang: deal.lang })
      if (!rendered.ok) return rendered
      const comment =
        deal.lang === 'ru'
          ? `Коммерческое предложение № ${offer.value.number}`
          : `Commercial offer No. ${offer.value.number}`
      return {
        ok: true,
        value: {
          bytes: rendered.value,
          fileName: docs.offerFileName(offer.value, format, deal.lang),
          mime: docs.OFFER_MIME[format],
          attachAs: attach ? comment : null,
        },
      }
    })
  }

  return { busy, error, attached, exportOffer }
})
