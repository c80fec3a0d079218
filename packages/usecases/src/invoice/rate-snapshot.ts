import type { SmartInvoice } from '@salesflow/portal'
import { storedRateOf } from './generate-preview'

/** The conversion rate an invoice was issued at (the INVOICE_FIELDS rate snapshot written when it was generated). */
export interface RateSnapshot {
  /** `rate` units of `base` for `nominal` units of the invoice's currency (100.25 RUB for 1 EUR). */
  readonly rate: string
  readonly nominal: string
  readonly date: string | null
  readonly source: string | null
  /** The currency the rate converts from: the deal's. */
  readonly base: string | null
}

/**
 * The rate snapshot of an invoice billed in another currency than its deal's (`dealCurrency`), or null: an invoice
 * in the deal's own currency (or without a stored rate) has nothing to show.
 */
export function rateSnapshotOf(invoice: SmartInvoice, dealCurrency: string | null): RateSnapshot | null {
  if (dealCurrency !== null && invoice.currency === dealCurrency) return null
  const stored = storedRateOf(invoice.userFields)
  if (!stored) return null
  return {
    rate: stored.quoted,
    nominal: stored.nominal,
    date: stored.date.slice(0, 10) || null,
    source: stored.source || null,
    base: dealCurrency,
  }
}
