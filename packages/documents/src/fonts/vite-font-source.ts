import regularUrl from '../../fonts/DejaVuSans-subset.ttf?url'
import boldUrl from '../../fonts/DejaVuSans-Bold-subset.ttf?url'
import { preloadPdf } from '../pdf/render-offer-pdf'
import { createUrlFontSource } from './font-source'

/** The font URLs Vite emits as assets (the committed ~60 kB subsets, see fonts/subset.sh). */
export const viteFontUrls = { regular: regularUrl, bold: boldUrl } as const

export const viteFontSource = createUrlFontSource(viteFontUrls)

/**
 * Fetches the fonts and jsPDF and warms the PDF writer ahead of the first export, so the click only lays out
 * the document. The widget calls it at idle time when its tab opens; it never rejects.
 */
export const preloadDocumentFonts = (): Promise<void> => preloadPdf(viteFontSource)
