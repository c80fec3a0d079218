import { err, ok, type Result } from '@salesflow/rules'
import type { DocumentError } from '../model/errors'
import type { Invoice } from '../model/invoice'
import { describeInvoice, type InvoiceView } from '../view/describe-invoice'
import { invoiceQrPayload } from '../qr/payment-qr'
import { qrGif } from '../qr/qr-matrix'
import { docxKit, type Docx, type RenderDocxOptions } from './render-offer-docx'

/** Side of the QR image in pixels at 96 dpi: about 34 mm, as in the PDF. */
const QR_PX = 130

function build(d: Docx, view: InvoiceView, qr: Uint8Array | null) {
  const { Paragraph, TextRun, ImageRun, Table, TableRow, TableCell, WidthType, BorderStyle, AlignmentType } = d
  const { p, party, table, totals, signature, footer, styles, page } = docxKit(d)
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
  const line = { style: BorderStyle.SINGLE, size: 4, color: 'A0A0A0' }
  const bankCell = new TableCell({
    width: { size: 70, type: WidthType.PERCENTAGE },
    borders: { top: line, bottom: line, left: line, right: line },
    children: view.bank.map(
      (text, i) => new Paragraph({ style: 'Requisites', children: [new TextRun({ text, bold: i === 2 })] }),
    ),
  })
  const qrCell = new TableCell({
    width: { size: 30, type: WidthType.PERCENTAGE },
    borders: { top: none, bottom: none, left: none, right: none },
    children: qr
      ? [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new ImageRun({ type: 'gif', data: qr, transformation: { width: QR_PX, height: QR_PX } })],
          }),
          new Paragraph({ style: 'Note', alignment: AlignmentType.RIGHT, children: [new TextRun(view.qrCaption)] }),
        ]
      : [new Paragraph('')],
  })
  const bank = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [new TableRow({ children: [bankCell, qrCell] })],
  })
  return new d.Document({
    creator: 'salesflow',
    title: view.title,
    styles,
    sections: [
      {
        properties: { page },
        footers: { default: footer(view.page) },
        children: [
          bank,
          p(view.title, 'OfferTitle'),
          ...(view.due ? [p(view.due, 'Validity')] : []),
          ...party(view.seller.heading, view.seller.name, view.seller.lines),
          ...party(view.buyer.heading, view.buyer.name, view.buyer.lines),
          ...(view.basis ? [p(view.basis, 'Party')] : []),
          table(view.columns, view.rows),
          ...totals(view.totals),
          p(view.count, 'Terms'),
          p(view.words, 'Words'),
          ...(view.rate ? [p(view.rate, 'Note')] : []),
          p(view.purpose, 'Terms'),
          ...view.signatures.flatMap(signature),
        ],
      },
    ],
  })
}

/**
 * The invoice as an editable Word document: the same content as the PDF (describeInvoice), the payment QR code
 * as a GIF image. docx and the QR library load on the first call.
 */
export async function renderInvoiceDocx(
  invoice: Invoice,
  options: RenderDocxOptions,
): Promise<Result<Uint8Array, DocumentError>> {
  const view = describeInvoice(invoice, options.lang)
  if (!view.ok) return view
  const payload = invoiceQrPayload(invoice)
  if (!payload.ok && payload.error.code !== 'QR_NOT_RUB') return payload
  const qr = payload.ok ? await qrGif(payload.value) : null
  const d = await import('docx')
  try {
    return ok(new Uint8Array(await d.Packer.toArrayBuffer(build(d, view.value, qr))))
  } catch (e) {
    return err({ code: 'RENDER_FAILED', format: 'docx', message: e instanceof Error ? e.message : String(e) })
  }
}
