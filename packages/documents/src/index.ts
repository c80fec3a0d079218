/**
 * @salesflow/documents: the commercial offer in PDF (jsPDF + embedded DejaVu Sans) and DOCX (docx).
 * Importing this module has no side effects and loads neither library: each renderer imports its library
 * when first called, so bundlers put jsPDF and docx in chunks of their own.
 */
export * from './model/index'
export { renderOfferPdf, preloadPdf, type RenderPdfOptions } from './pdf/render-offer-pdf'
export { renderOfferDocx, type RenderDocxOptions } from './docx/render-offer-docx'
export { renderInvoicePdf } from './pdf/render-invoice-pdf'
export { renderInvoiceDocx } from './docx/render-invoice-docx'
export { qrMatrix } from './qr/qr-matrix'
export {
  createUrlFontSource,
  createBytesFontSource,
  type FontSource,
  type FontFiles,
  type FontUrls,
} from './fonts/font-source'
