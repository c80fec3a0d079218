import type { InvoiceCard } from '@salesflow/portal'

/** The conversion rate an invoice was issued at (UF_CRM_SF_RATE* fields, written when it was generated). */
export interface RateSnapshot {
  readonly rate: string
  readonly nominal: string
  readonly date: string | null
  readonly source: string | null
  /** The currency the rate converts from (the deal's), when stored. */
  readonly base: string | null
}

/** `UF_CRM_SF_RATE_NOMINAL` and `ufCrmSfRateNominal` alike → 'nominal'; the bare field is the rate. */
const partOf = (key: string): string =>
  key
    .replace(/^(UF_CRM_SF_RATE|ufCrmSfRate)/, '')
    .replace(/^_/, '')
    .toLowerCase()
    .replaceAll('_', '')

/** The invoice's rate snapshot, or null when it carries none (issued in the deal's currency). */
export function rateSnapshotOf(card: InvoiceCard): RateSnapshot | null {
  const parts = new Map(Object.entries(card.rateSnapshot).map(([k, v]) => [partOf(k), v]))
  const rate = parts.get('') ?? parts.get('value')
  if (!rate) return null
  return {
    rate,
    nominal: parts.get('nominal') ?? '1',
    date: parts.get('date')?.slice(0, 10) ?? null,
    source: parts.get('source') ?? null,
    base: parts.get('base') ?? parts.get('from') ?? parts.get('currency') ?? null,
  }
}
