import { calculationFields, type FunnelConfig, type Result } from '@salesflow/rules'
import { encodeListValues, storedAsWritten, type DealCard, type PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import type { UsecaseError } from '../errors'
import { rowToWrite, type DraftRow } from './order-draft'
import { priceOrder } from './price-order'

export interface SaveOrderInput {
  readonly card: DealCard
  readonly draft: readonly DraftRow[]
  /** The currency the draft is priced in (the deal's, or the one it was switched to). */
  readonly currency: string
  /** Deal fields saved with the rows (the delivery parameters). */
  readonly dealFields: Readonly<Record<string, string>>
  readonly funnels: FunnelConfig
}

/**
 * Writes the priced rows in one round trip that fails with CONFLICT (and the other version) if anybody changed
 * them since the card was read or saved over them at the same moment; the currency (after a switch), the given
 * deal fields, the funnel's "price calculated" fields and an audit line on the deal's timeline go along.
 * A lost answer is settled by re-reading: ok when the rows stored are these, else UNKNOWN_OUTCOME with them.
 * Returns the totals it showed, to compare with what the portal stored.
 */
export async function saveOrder(
  gateway: PortalGateway<'productRows'>,
  input: SaveOrderInput,
): Promise<Result<{ readonly opportunity: string; readonly taxValue: string }, PortalError | UsecaseError>> {
  const order = priceOrder({ storedRows: input.card.productRows, draft: input.draft })
  const bad = order.rows.findIndex((r) => !r.priced.ok)
  if (bad >= 0 || !order.totals) return { ok: false, error: { code: 'ORDER_INVALID', row: bad + 1 } }
  const rows = order.rows.flatMap((r, i) => (r.priced.ok ? [rowToWrite(r.draft, r.priced.value, (i + 1) * 10)] : []))
  const { card } = input
  const currency = input.currency === card.deal.currency ? undefined : input.currency
  const who = card.currentUser.fullName || `#${card.currentUser.id}`
  // Saving the calculation is what "price calculated" means to the funnel guard; list fields go as item IDs.
  const fields = encodeListValues({ ...input.dealFields, ...calculationFields(input.funnels) }, card.dealFields)
  if (!fields.ok) return { ok: false, error: { code: 'LIST_VALUE_UNKNOWN', field: fields.field, value: fields.value } }
  const written = await gateway.repositories.productRows.replaceOfDeal(card.deal.id, card.productRows, rows, {
    currency,
    dealFields: fields.value,
    expectedOpportunity: card.deal.opportunity,
    // The audit line, so a save replaced later is never invisible (the portal stamps the author and the time).
    audit: `Salesflow: ${who}: ${rows.length} rows, ${order.totals.opportunity} ${input.currency}`,
  })
  if (written.ok) return { ok: true, value: order.totals }
  if (written.error.code !== 'UNKNOWN_OUTCOME') return written
  // The answer was lost: the save may have run. Never re-send it; read what is stored and say so.
  const stored = await gateway.repositories.productRows.ofDeal(card.deal.id)
  if (!stored.ok) return written
  if (storedAsWritten(rows, stored.value)) return { ok: true, value: order.totals }
  return { ok: false, error: { ...written.error, actual: stored.value } }
}
