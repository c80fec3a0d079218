/**
 * «Счёт на оплату» (invoice for payment) as plain data, like the offer: decimal strings from @salesflow/rules,
 * ISO dates, portal texts kept verbatim. Our requisites and bank account come from the app's settings.
 */
import type { OfferClient, OfferCurrency, OfferRow, OfferTotals, SellerRequisites, Signer } from './offer'

/**
 * The rate the invoice was converted at, as the portal's currency table has it: `nominal` units of `currency`
 * cost `rate` units of `base`, on `date` (e.g. 10 CNY = 123.4500 RUB). Printed only when the two differ.
 */
export interface InvoiceRate {
  readonly currency: string
  readonly base: string
  readonly nominal: string
  readonly rate: string
  readonly date: string
}

export type InvoiceBuyer = Omit<OfferClient, 'contact'>

export interface Invoice {
  readonly schemaVersion: 1
  readonly number: string
  readonly date: string
  /** «Оплатить до»; absent: not printed. */
  readonly dueDate?: string
  readonly seller: SellerRequisites
  /** Signs beside the head of the company, when the settings name one. */
  readonly accountant?: Signer
  readonly buyer: InvoiceBuyer
  /** «Основание»: the deal or contract the invoice is for. */
  readonly basis?: string
  readonly currency: OfferCurrency
  readonly rows: readonly OfferRow[]
  readonly totals: OfferTotals
  /** The conversion rate snapshot, when the invoice's currency differs from the deal's. */
  readonly rate?: InvoiceRate
  /** The payment purpose for the bank order and the QR code; «Оплата по счёту № … от …» when absent. */
  readonly purpose?: string
}
