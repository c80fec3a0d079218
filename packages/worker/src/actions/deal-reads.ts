import type { PortalError } from '@salesflow/portal'
import type { Result } from '@salesflow/rules'
import { openDealCard, type OpenedDeal, type PortalGateway } from '@salesflow/usecases'
import type { StateStore } from '../state'
import type { Delivery } from '../queue/types'

export type DealRead = Result<OpenedDeal, PortalError>

/** The deal card of one deal event (openDealCard: the card, its app options and the settings), shared. */
export type ReadDeal = (d: Delivery, dealId: number) => Promise<DealRead>

interface Kept {
  readonly read: Promise<DealRead>
  /** The deal's revert count when the read began (null: a revert was under way). */
  readonly reverts: number | null
  readonly at: number
}

/**
 * One card read per deal event for the actions that take it (stage guard, publisher, invoice on stage): the first
 * to ask reads, the others get the same answer, as if they had read at that moment. A read is shared only while it
 * can still say what the worker itself did to the deal:
 * - a retry reads again: it waits for something to change (a revert under way, the guard's verdict…);
 * - a read that began before the stage guard claimed a revert of the deal, or while one was under way, is not
 *   shared: it may show the deal where the revert took it from (the count is in SQLite, so another worker's
 *   revert counts too);
 * - a failed read is not kept; at most `keep` reads are, none for longer than `maxAgeMs`.
 * Each worker process shares its own reads: a consumer of another process reads for itself.
 */
export function sharedDealReads(
  gateway: PortalGateway,
  state: Pick<StateStore, 'dealReverts'>,
  keep = 256,
  maxAgeMs = 60_000,
): ReadDeal {
  const kept = new Map<string, Kept>()
  return (d, dealId) => {
    const reverts = state.dealReverts(dealId)
    const had = kept.get(d.id)
    if (d.attempt === 1 && had && had.reverts !== null && had.reverts === reverts && Date.now() - had.at < maxAgeMs)
      return had.read
    const entry: Kept = { read: openDealCard(gateway, { dealId }), reverts, at: Date.now() }
    kept.delete(d.id) // re-inserted as the newest
    kept.set(d.id, entry)
    const forget = () => {
      if (kept.get(d.id) === entry) kept.delete(d.id)
    }
    entry.read.then((r) => (r.ok ? undefined : forget()), forget)
    while (kept.size > keep) kept.delete(kept.keys().next().value!)
    return entry.read
  }
}
