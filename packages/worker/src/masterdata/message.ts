import type { DealCard } from '@salesflow/portal'

/**
 * The message the master-data system receives for every deal add/update and stage change (`POST /deals`,
 * masterdata.openapi.json `DealMessage`). Money is a decimal string, never a JSON number.
 */
export interface DealMessage {
  readonly eventKey: string
  /** The message's number among this deal's messages (1, 2, …): they reach the system in this order. */
  readonly sequence?: number
  /** When the change happened on the portal (the offline event's TIMESTAMP_X), ISO 8601. */
  readonly occurredAt: string
  readonly deal: {
    readonly id: number
    readonly title: string
    readonly funnel: { readonly id: number; readonly name: string }
    readonly stage: { readonly id: string; readonly name: string | null; readonly semantics: string }
    readonly currency: string
    readonly amounts: { readonly opportunity: string; readonly tax: string }
    readonly company: { readonly id: number; readonly inn: string | null; readonly kpp: string | null } | null
    readonly rows: readonly {
      readonly productId: number
      readonly name: string
      readonly price: string
      readonly quantity: string
      readonly discountSum: string
      readonly taxRate: string | null
      readonly taxIncluded: boolean
    }[]
  }
}

/** The message for a deal as read in one round trip by loadDealCard. */
export function dealMessage(card: DealCard, eventKey: string, occurredAt: string, sequence?: number): DealMessage {
  const { deal } = card
  return {
    eventKey,
    ...(sequence === undefined ? {} : { sequence }),
    occurredAt,
    deal: {
      id: deal.id,
      title: deal.title,
      funnel: { id: card.category.id, name: card.category.name },
      stage: { id: deal.stageId, name: card.stage?.name ?? null, semantics: deal.stageSemantics },
      currency: deal.currency,
      amounts: { opportunity: deal.opportunity, tax: deal.taxValue },
      company: card.company ? { id: card.company.id, inn: card.company.inn, kpp: card.company.kpp } : null,
      rows: card.productRows.map((r) => ({
        productId: r.productId,
        name: r.productName,
        price: r.price,
        quantity: r.quantity,
        discountSum: r.discountSum,
        taxRate: r.taxRate,
        taxIncluded: r.taxIncluded === 'Y',
      })),
    },
  }
}

const DECIMAL = /^-?\d+(\.\d+)?$/

/** Problems of a message against the contract (the stand-in answers 400 with them); empty when valid. */
export function dealMessageProblems(m: unknown): string[] {
  const p: string[] = []
  const rec = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!rec(m)) return ['body must be an object']
  if (typeof m['eventKey'] !== 'string' || m['eventKey'] === '') p.push('eventKey')
  if (m['sequence'] !== undefined && !(Number.isInteger(m['sequence']) && (m['sequence'] as number) >= 1))
    p.push('sequence')
  if (typeof m['occurredAt'] !== 'string' || Number.isNaN(Date.parse(m['occurredAt']))) p.push('occurredAt')
  const d = m['deal']
  if (!rec(d)) return [...p, 'deal']
  if (!Number.isInteger(d['id'])) p.push('deal.id')
  if (!rec(d['funnel']) || !Number.isInteger(d['funnel']['id'])) p.push('deal.funnel')
  if (!rec(d['stage']) || typeof d['stage']['id'] !== 'string') p.push('deal.stage')
  if (typeof d['currency'] !== 'string') p.push('deal.currency')
  const a = d['amounts']
  if (!rec(a) || !DECIMAL.test(String(a['opportunity'])) || typeof a['opportunity'] !== 'string')
    p.push('deal.amounts.opportunity')
  if (!rec(a) || typeof a['tax'] !== 'string' || !DECIMAL.test(a['tax'])) p.push('deal.amounts.tax')
  const c = d['company']
  if (c !== null && (!rec(c) || (c['inn'] !== null && !/^\d{10}(\d{2})?$/.test(String(c['inn'])))))
    p.push('deal.company.inn')
  if (!Array.isArray(d['rows'])) p.push('deal.rows')
  else
    d['rows'].forEach((r: unknown, i) => {
      if (!rec(r) || typeof r['price'] !== 'string' || !DECIMAL.test(r['price'])) p.push(`deal.rows[${i}].price`)
      if (!rec(r) || typeof r['quantity'] !== 'string' || !DECIMAL.test(r['quantity']))
        p.push(`deal.rows[${i}].quantity`)
    })
  return p
}
