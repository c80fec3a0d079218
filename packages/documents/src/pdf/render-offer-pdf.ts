import type { Result } from '@salesflow/rules'
import type { DocumentError } from '../model/errors'
import type { CommercialOffer, Lang } from '../model/offer'
import type { FontSource } from '../fonts/font-source'
import { describeOffer, type OfferView } from '../view/describe-offer'
import {
  MARGIN,
  PAGE_W,
  drawHeader,
  drawPageNumbers,
  drawRow,
  drawSignature,
  drawTotals,
  finishPdf,
  newPdf,
  paragraph,
  party,
  type Cursor,
  type PdfDoc,
} from './pdf-layout'

export interface RenderPdfOptions {
  readonly lang: Lang
  readonly fonts: FontSource
}

function draw(doc: PdfDoc, view: OfferView): void {
  const c: Cursor = { doc, y: MARGIN }
  doc.setDrawColor(160)
  doc.setLineWidth(0.2)
  party(c, view.seller.heading, view.seller.name, view.seller.lines)
  doc.line(MARGIN, c.y, PAGE_W - MARGIN, c.y)
  c.y += 5
  paragraph(c, view.title, { pt: 14, bold: true, align: 'center', gapAfter: 1 })
  paragraph(c, view.validity, { pt: 9, align: 'center', gapAfter: 5 })
  party(c, view.client.heading, view.client.name, view.client.lines)
  paragraph(c, view.deal, { pt: 9, gapAfter: 3 })
  doc.setLineWidth(0.2)
  drawHeader(c, view.columns)
  for (const row of view.rows) drawRow(c, view.columns, row)
  drawTotals(c, view.totals)
  paragraph(c, view.words, { pt: 9, bold: true, gapAfter: 3 })
  for (const note of view.notes) paragraph(c, note, { pt: 7.5, grey: true, gapAfter: 0.3 })
  if (view.notes.length > 0) c.y += 2.5
  for (const term of view.terms) paragraph(c, `${term.label}: ${term.text}`, { pt: 8.5, gapAfter: 1 })
  c.y += 2
  paragraph(c, `${view.manager.heading}: ${view.manager.lines.join('; ')}`, { pt: 8.5 })
  drawSignature(c, view.signature)
  drawPageNumbers(doc, view.page)
}

/** A one-row page that goes through every drawing path (parties, table, totals, signature, page numbers). */
const WARM_UP: OfferView = {
  lang: 'ru',
  title: 'Счёт № 1',
  validity: '01.01.2026',
  deal: 'Deal',
  seller: { heading: 'Поставщик', name: 'ООО «А»', lines: ['ИНН 0000000000'] },
  client: { heading: 'Покупатель', name: 'B', lines: [] },
  columns: [
    { key: 'position', title: '№', align: 'center', width: 10 },
    { key: 'name', title: 'Наименование', align: 'left', width: 140 },
    { key: 'sum', title: 'Сумма, ₽', align: 'right', width: 30 },
  ],
  rows: [
    {
      cells: {
        position: '1',
        name: 'Товар',
        quantity: '',
        unit: '',
        listPrice: '',
        discount: '',
        price: '',
        vatRate: '',
        sum: '1 234,56',
      },
      article: 'Арт. 1',
    },
  ],
  totals: [{ label: 'Итого', value: '1 234,56 ₽' }],
  words: 'Одна тысяча',
  notes: ['Курс'],
  terms: [{ label: 'Оплата', text: '100 %' }],
  manager: { heading: 'Менеджер', lines: ['A'] },
  signature: { position: 'Директор', name: 'A', caption: 'подпись' },
  page: { word: 'Страница', of: 'из' },
}

/**
 * Loads the fonts and jsPDF and draws one throwaway page, so that the first real export finds the fonts
 * converted and jsPDF's font parser, layout and compressor already compiled by the JS engine. Call it at idle
 * time; it resolves whatever happens (a failed preload is retried and reported by the export itself).
 */
export async function preloadPdf(fonts: FontSource): Promise<void> {
  try {
    const doc = await newPdf(fonts)
    if (doc.ok) finishPdf(doc.value, () => draw(doc.value, WARM_UP))
  } catch {
    // A chunk that did not arrive: the export imports it again and reports CHUNK_LOAD_FAILED to the user.
  }
}

/**
 * The offer as an A4 PDF with DejaVu Sans embedded (Cyrillic and ₽). jsPDF is imported here, on the first
 * export (or by preloadPdf), so the widget's main chunk never carries it. Returns the file's bytes.
 */
export async function renderOfferPdf(
  offer: CommercialOffer,
  options: RenderPdfOptions,
): Promise<Result<Uint8Array, DocumentError>> {
  const view = describeOffer(offer, options.lang)
  if (!view.ok) return view
  const doc = await newPdf(options.fonts)
  if (!doc.ok) return doc
  doc.value.setProperties({ title: view.value.title, subject: view.value.deal, creator: 'salesflow' })
  doc.value.setLanguage(options.lang)
  return finishPdf(doc.value, () => draw(doc.value, view.value))
}
