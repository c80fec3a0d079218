import type { Handler } from '../queue/types'
import type { PortalEvent } from '../intake/events'
import { dealMessage } from '../masterdata/message'
import type { ActionContext } from './table'

/**
 * deal add/update → the master-data message built from the deal as it is now (re-read in one round trip, shared
 * with the other deal actions; never trusted from the event), into the outbox with the event key as its id and its number among the deal's messages
 * (the masterdata consumer delivers them in that order).
 */
export function publishDeal({ readDeal, state, publisher, log }: ActionContext): Handler {
  return async (d) => {
    const e = d.body as PortalEvent
    if (d.routingKey === 'b24.deal.delete' || e.entityId === null) return
    const opened = await readDeal(d, e.entityId)
    if (!opened.ok) {
      if (opened.error.code === 'NOT_FOUND') return log(`deal ${e.entityId} is gone; nothing to publish for ${d.id}`)
      throw new Error(`reading deal ${e.entityId}: ${opened.error.code}`)
    }
    const { card } = opened.value
    const seq = state.dealSequence(card.deal.id, d.id) // the same number if this event is handled again
    publisher.enqueue('masterdata.deal', d.id, dealMessage(card, d.id, e.occurredAt, seq))
  }
}
