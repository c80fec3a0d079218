import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url'
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url'
import { createUrlFontSource } from './font-source'

/** The font URLs Vite emits as assets; fetched only when the first PDF is rendered. */
export const viteFontUrls = { regular: regularUrl, bold: boldUrl } as const

export const viteFontSource = createUrlFontSource(viteFontUrls)
