import type { CommercialOffer, Lang } from './offer'

export type OfferFormat = 'pdf' | 'docx'

export const OFFER_MIME: Readonly<Record<OfferFormat, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

/**
 * A file name for download and for the deal's timeline: 'КП-2026-0042 от 2026-11-25.pdf'. Characters that
 * Windows, macOS or a URL would choke on become '_'; the name stays readable in Cyrillic.
 */
export function offerFileName(
  offer: Pick<CommercialOffer, 'number' | 'date'>,
  format: OfferFormat,
  lang: Lang,
): string {
  return safeFileName(
    lang === 'ru' ? `КП ${offer.number} от ${offer.date}` : `Offer ${offer.number} of ${offer.date}`,
    format,
  )
}

/** 'Счёт 17 от 2026-11-25.pdf' / 'Invoice 17 of 2026-11-25.pdf', made safe as offerFileName's. */
export function invoiceFileName(
  invoice: Pick<CommercialOffer, 'number' | 'date'>,
  format: OfferFormat,
  lang: Lang,
): string {
  const base =
    lang === 'ru' ? `Счёт ${invoice.number} от ${invoice.date}` : `Invoice ${invoice.number} of ${invoice.date}`
  return safeFileName(base, format)
}

function safeFileName(base: string, format: OfferFormat): string {
  const safe = base
    .replace(/[\\/:*?"<>|#%\u0000-\u001f]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
  return `${safe}.${format}`
}
