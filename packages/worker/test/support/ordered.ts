import type { StateStore } from '../../src/state'
import type { OutboxPublisher } from '../../src/queue/outbox'
import type { StandIn } from '../../src/masterdata/stand-in'
import { sampleDealMessage } from './messages'

/** `perDeal` changes of each deal, interleaved across deals, published through the outbox as publishDeal does. */
export async function publishDealChanges(
  publisher: OutboxPublisher,
  state: StateStore,
  dealIds: readonly number[],
  perDeal: number,
): Promise<string[]> {
  const keys: string[] = []
  for (let i = 0; i < perDeal; i++)
    for (const id of dealIds) {
      const key = `ONCRMDEALUPDATE/${id}/change-${i}`
      const sequence = state.dealSequence(id, key)
      await publisher.publish('masterdata.deal', key, { ...sampleDealMessage(key, id), sequence })
      keys.push(key)
    }
  return keys
}

/** The numbers of each deal's messages in the order the stand-in applied them. */
export function arrivalOrder(standIn: StandIn): Map<number, number[]> {
  const out = new Map<number, number[]>()
  for (const m of standIn.state.applied.values()) out.set(m.deal.id, [...(out.get(m.deal.id) ?? []), m.sequence ?? 0])
  return out
}
