import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryQueue } from '../src/queue/memory'
import { OutboxPublisher } from '../src/queue/outbox'
import { StateStore } from '../src/state'
import { postDealsHandler } from '../src/masterdata/client'
import { inDealOrder, releaseParked } from '../src/masterdata/ordered'
import { startMasterDataStandIn, type StandIn } from '../src/masterdata/stand-in'
import type { Parked } from '../src/queue/types'
import { arrivalOrder, publishDealChanges } from './support/ordered'
import { sleep, waitFor } from './support/wait'

let standIn: StandIn
beforeAll(async () => {
  standIn = await startMasterDataStandIn()
})
afterAll(() => standIn.close())

describe('master-data messages in order per deal (in-process queue)', () => {
  it('the system down for a while: messages wait, then arrive in order per deal', async () => {
    const state = new StateStore(':memory:')
    const queue = new MemoryQueue(state, { exchange: 'o', retryDelaysMs: [10, 40, 80], maxAttempts: 100 })
    const publisher = new OutboxPublisher(queue, state)
    await queue.start()
    await queue.consume(
      { name: 'masterdata', pattern: 'masterdata.deal' },
      inDealOrder(state, postDealsHandler(standIn.url)),
    )
    standIn.state.down = true
    try {
      const keys = await publishDealChanges(publisher, state, [12, 13, 14], 10)
      // The first message of each deal fails again and again, with growing delays, while the others wait.
      await waitFor(() => standIn.state.refused >= 12, 'refusals while the system is down')
      await sleep(200)
      standIn.state.down = false
      await waitFor(() => standIn.state.applied.size === keys.length, 'every message', 20_000)
      const order = arrivalOrder(standIn)
      for (const id of [12, 13, 14]) expect(order.get(id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      expect([...standIn.state.applied.keys()].sort()).toEqual([...keys].sort())
    } finally {
      standIn.state.down = false
      await queue.close()
    }
  })

  it("a parked message lets the deal's later messages through", async () => {
    standIn.state.applied.clear()
    const state = new StateStore(':memory:')
    const parked: Parked[] = []
    const queue = new MemoryQueue(
      state,
      { exchange: 'p', retryDelaysMs: [5], maxAttempts: 2 },
      {
        onParked: (p) => {
          parked.push(p)
          releaseParked(state, p)
        },
      },
    )
    const publisher = new OutboxPublisher(queue, state)
    await queue.start()
    const post = postDealsHandler(standIn.url)
    // The system refuses the deal's first message for good (a 400 for it), takes the others.
    await queue.consume(
      { name: 'masterdata', pattern: 'masterdata.deal' },
      inDealOrder(state, async (d) => {
        if (d.id.endsWith('change-0')) throw new Error('POST /deals answered 400')
        await post(d)
      }),
    )
    await publishDealChanges(publisher, state, [21], 3)
    await waitFor(() => standIn.state.applied.size === 2, 'the later messages', 10_000)
    expect(parked.map((p) => p.delivery.id)).toEqual(['ONCRMDEALUPDATE/21/change-0'])
    expect(arrivalOrder(standIn).get(21)).toEqual([2, 3])
    await queue.close()
  })
})
