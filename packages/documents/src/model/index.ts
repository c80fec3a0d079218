/**
 * @salesflow/documents/model: the offer data, its validation, the wording helpers. No jsPDF, no docx:
 * the widget builds and stores the offer with this entry and loads the renderers only to export.
 */
export type * from './offer'
export type { DocumentError, DocumentErrorCode } from './errors'
export { buildOfferModel, type BuildOfferInput, type OfferRowSource } from './build-offer-model'
export { validateOffer } from './validate-offer'
export { spellAmount, type SpellAmountOptions } from '../words/spell-amount'
export { CURRENCY_WORDS, type CurrencyWords } from '../words/currency-words'
export { formatAmount, formatMoney, formatNumber, formatPercent, formatDate, NBSP } from '../format/format-values'
export { describeOffer, type OfferView, type ViewColumn, type ViewRow, type ColumnKey } from '../view/describe-offer'
export { offerFileName, invoiceFileName, OFFER_MIME, type OfferFormat } from './offer-file'
export { paymentTermsText, type PaymentTermsCode } from './payment-terms'
export type * from './invoice'
export { buildInvoiceModel, type BuildInvoiceInput } from './build-invoice-model'
export { validateInvoice } from './validate-invoice'
export { describeInvoice, invoicePurpose, type InvoiceView } from '../view/describe-invoice'
export { paymentQrPayload, invoiceQrPayload, kopecks, type PaymentQrFields } from '../qr/payment-qr'
