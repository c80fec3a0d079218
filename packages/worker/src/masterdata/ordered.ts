import type { StateStore } from '../state'
import { DeferredError, type Delivery, type Handler, type Parked } from '../queue/types'
import type { DealMessage } from './message'

const placeOf = (body: unknown): { dealId: number; seq: number } | null => {
  const m = body as Partial<DealMessage> | null
  return m && typeof m.sequence === 'number' && typeof m.deal?.id === 'number'
    ? { dealId: m.deal.id, seq: m.sequence }
    : null
}

/**
 * The `masterdata` consumer in order per deal: a deal's messages are numbered when they are published
 * (StateStore.dealSequence) and each one is POSTed only after its predecessor (or the predecessor was parked);
 * until then it is deferred, which never counts as a failed attempt. Retries with delays reorder messages in
 * the broker; this puts them back in order, whichever worker takes them (the numbers live in the shared state).
 * A message without a number (published before numbering) is POSTed as it comes.
 */
export function inDealOrder(state: StateStore, post: Handler): Handler {
  return async (d: Delivery) => {
    const place = placeOf(d.body)
    if (!place) return post(d)
    const delivered = state.deliveredSequence(place.dealId)
    if (place.seq <= delivered) return // already there (a copy)
    if (place.seq > delivered + 1)
      throw new DeferredError(`deal ${place.dealId}: message ${place.seq} waits for ${delivered + 1}`)
    await post(d)
    state.markDelivered(place.dealId, place.seq)
  }
}

/** A parked master-data message no longer holds its deal's later messages back. */
export function releaseParked(state: StateStore, p: Parked): void {
  const place = placeOf(p.delivery.body)
  if (place) state.markDelivered(place.dealId, place.seq)
}
