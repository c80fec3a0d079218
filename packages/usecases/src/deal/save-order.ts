import { calculationFields, type FunnelConfig, type Result } from '@salesflow/rules'
import type { DealCard, PortalError } from '@salesflow/portal'
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
 * Writes the priced rows in one call that fails with CONFLICT if anybody changed them since the card was read;
 * the currency (after a switch), the given deal fields and the funnel's "price calculated" fields go along.
 * Returns the totals it showed, to compare with what the portal stored.
 */
export async function saveOrder(
  gateway: PortalGateway,
  input: SaveOrderInput,
): Promise<Result<{ readonly opportunity: string; readonly taxValue: string }, PortalError | UsecaseError>> {
  const order = priceOrder({ storedRows: input.card.productRows, draft: input.draft })
  const bad = order.rows.findIndex((r) => !r.priced.ok)
  if (bad >= 0 || !order.totals) return { ok: false, error: { code: 'ORDER_INVALID', row: bad + 1 } }
  const rows = order.rows.flatMap((r, i) => (r.priced.ok ? [rowToWrite(r.draft, r.priced.value, (i + 1) * 10)] : []))
  const { card } = input
  const written = await gateway.repositories.productRows.replaceOfDeal(card.deal.id, card.productRows, rows, {
    currency: input.currency === card.deal.currency ? undefined : input.currency,
    // Saving the calculation is what "price calculated" means to the funnel guard.
    dealFields: { ...input.dealFields, ...calculationFields(input.funnels) },
  })
  return written.ok ? { ok: true, value: order.totals } : written
}
