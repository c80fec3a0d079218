import type { Result } from '@salesflow/rules'
import type { DocumentError } from '../model/errors'
import type { Invoice } from '../model/invoice'
import { describeInvoice, type InvoiceView } from '../view/describe-invoice'
import { invoiceQrPayload } from '../qr/payment-qr'
import { qrMatrix } from '../qr/qr-matrix'
import type { RenderPdfOptions } from './render-offer-pdf'
import {
  CONTENT_W,
  MARGIN,
  PAGE_W,
  drawHeader,
  drawPageNumbers,
  drawRow,
  drawSignature,
  drawTotals,
  finishPdf,
  lineHeight,
  newPdf,
  paragraph,
  party,
  setFont,
  split,
  type Cursor,
  type PdfDoc,
} from './pdf-layout'

/** The QR code's side in millimetres: bank apps read it from a printed page or a screen. */
const QR_MM = 34
const QR_GAP = 5

/** Dark modules as filled rectangles, one per horizontal run, so the code stays vector and small. */
function drawQr(doc: PdfDoc, matrix: readonly (readonly boolean[])[], x: number, y: number): void {
  const module = QR_MM / matrix.length
  doc.setFillColor(0, 0, 0)
  matrix.forEach((row, r) => {
    let start = -1
    for (let col = 0; col <= row.length; col++) {
      if (row[col] && start < 0) start = col
      if (!row[col] && start >= 0) {
        doc.rect(x + start * module, y + r * module, (col - start) * module, module, 'F')
        start = -1
      }
    }
  })
}

/** The bank block beside the QR code: what a payment order needs, in a box. */
function drawBank(c: Cursor, view: InvoiceView, matrix: readonly (readonly boolean[])[] | null): void {
  const { doc } = c
  const width = matrix ? CONTENT_W - QR_MM - QR_GAP : CONTENT_W
  const top = c.y
  setFont(doc, 8.5)
  const lh = lineHeight(8.5)
  let y = top + 2
  view.bank.forEach((line, i) => {
    setFont(doc, 8.5, i === 2)
    for (const part of split(doc, line, width - 4)) {
      doc.text(part, MARGIN + 2, y, { baseline: 'top' })
      y += lh
    }
  })
  let bottom = y + 1.5
  if (matrix) {
    const x = PAGE_W - MARGIN - QR_MM
    drawQr(doc, matrix, x, top)
    setFont(doc, 6, false, true)
    const caption = split(doc, view.qrCaption, QR_MM)
    doc.text(caption, x + QR_MM / 2, top + QR_MM + 1, { align: 'center', baseline: 'top', lineHeightFactor: 1.2 })
    bottom = Math.max(bottom, top + QR_MM + 1 + caption.length * lineHeight(6))
  }
  doc.setDrawColor(160)
  doc.setLineWidth(0.2)
  doc.rect(MARGIN, top, width, y + 1.5 - top, 'S')
  c.y = bottom + 5
}

function draw(doc: PdfDoc, view: InvoiceView, matrix: readonly (readonly boolean[])[] | null): void {
  const c: Cursor = { doc, y: MARGIN }
  drawBank(c, view, matrix)
  paragraph(c, view.title, { pt: 14, bold: true, gapAfter: 1 })
  if (view.due) paragraph(c, view.due, { pt: 9, gapAfter: 1 })
  doc.setLineWidth(0.5)
  doc.line(MARGIN, c.y + 1, PAGE_W - MARGIN, c.y + 1)
  c.y += 4
  party(c, view.seller.heading, view.seller.name, view.seller.lines)
  party(c, view.buyer.heading, view.buyer.name, view.buyer.lines)
  if (view.basis) paragraph(c, view.basis, { pt: 9, gapAfter: 3 })
  doc.setLineWidth(0.2)
  drawHeader(c, view.columns)
  for (const row of view.rows) drawRow(c, view.columns, row)
  drawTotals(c, view.totals)
  paragraph(c, view.count, { pt: 9, gapAfter: 0.5 })
  paragraph(c, view.words, { pt: 9, bold: true, gapAfter: 2 })
  if (view.rate) paragraph(c, view.rate, { pt: 8, grey: true, gapAfter: 1 })
  paragraph(c, view.purpose, { pt: 8.5, gapAfter: 2 })
  for (const signature of view.signatures) drawSignature(c, signature)
  drawPageNumbers(doc, view.page)
}

/**
 * «Счёт на оплату» as an A4 PDF: the bank block with the GOST R 56042-2014 payment QR code (rouble invoices;
 * the standard pays in roubles), requisites, rows, VAT per rate, the total in words, the conversion rate when
 * the invoice was converted. jsPDF and the QR library load on the first call.
 */
export async function renderInvoicePdf(
  invoice: Invoice,
  options: RenderPdfOptions,
): Promise<Result<Uint8Array, DocumentError>> {
  const view = describeInvoice(invoice, options.lang)
  if (!view.ok) return view
  const payload = invoiceQrPayload(invoice)
  if (!payload.ok && payload.error.code !== 'QR_NOT_RUB') return payload
  const matrix = payload.ok ? await qrMatrix(payload.value) : null
  const doc = await newPdf(options.fonts)
  if (!doc.ok) return doc
  doc.value.setProperties({ title: view.value.title, creator: 'salesflow' })
  doc.value.setLanguage(options.lang)
  return finishPdf(doc.value, () => draw(doc.value, view.value, matrix))
}
