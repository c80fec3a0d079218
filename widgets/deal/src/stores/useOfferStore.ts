import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { offerAccess } from '@salesflow/rules'
import type { CodedError } from '@salesflow/widget-kit'
import { bytesToBase64, currencySymbol, saveBytes } from '@salesflow/widget-kit'
import { useDealStore } from './useDealStore'

export type OfferFormat = 'pdf' | 'docx'

/** A lazily loaded chunk (jspdf, docx, fonts) that did not arrive. */
export interface ChunkLoadError {
  readonly code: 'CHUNK_LOAD_FAILED'
  readonly detail: string
}

/**
 * Exports the deal's commercial offer. jspdf and docx (≈300 kB gzip) load only here, on the first export.
 * The PDF is also attached to the deal's timeline, so the offer that went out stays with the deal.
 */
export const useOfferStore = defineStore('offer', () => {
  const deal = useDealStore()
  const busy = ref<OfferFormat | null>(null)
  const error = shallowRef<CodedError | ChunkLoadError | null>(null)
  const attached = ref<{ readonly commentId: number; readonly fileName: string } | null>(null)

  async function exportOffer(
    format: OfferFormat,
    attach = format === 'pdf' && offerAccess(deal.role).attachToTimeline,
  ): Promise<void> {
    const card = deal.card
    const session = deal.session
    if (!card || !session) return
    error.value = null
    busy.value = format
    try {
      // The offer model (and its words for amounts) loads with the renderers, on the first export.
      const { buildOffer } = await import('@salesflow/usecases/offer')
      const offer = buildOffer({
        card,
        settings: deal.settings,
        today: new Date().toISOString().slice(0, 10),
        lang: deal.lang,
        currencySymbol: currencySymbol(card.deal.currency, deal.lang),
      })
      if (!offer.ok) {
        error.value = offer.error
        return
      }
      const docs = await import('@salesflow/documents')
      const { viteFontSource } = await import('@salesflow/documents/vite-fonts')
      const rendered =
        format === 'pdf'
          ? await docs.renderOfferPdf(offer.value, { lang: deal.lang, fonts: viteFontSource })
          : await docs.renderOfferDocx(offer.value, { lang: deal.lang })
      if (!rendered.ok) {
        error.value = rendered.error
        return
      }
      const fileName = docs.offerFileName(offer.value, format, deal.lang)
      saveBytes(rendered.value, fileName, docs.OFFER_MIME[format])
      if (!attach) return
      const comment =
        deal.lang === 'ru'
          ? `Коммерческое предложение № ${offer.value.number}`
          : `Commercial offer No. ${offer.value.number}`
      const added = await session.repositories.timeline.addComment('deal', card.deal.id, comment, [
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

  return { busy, error, attached, exportOffer }
})
