import { afterEach, describe, expect, it } from 'vitest'
import { StateStore } from '../../src/state'
import {
  DeferredError,
  type Delivery,
  type Parked,
  type Queue,
  type QueueHooks,
  type Topology,
} from '../../src/queue/types'
import { waitFor } from './wait'

export interface Made {
  queue: Queue
}

/** Builds a started queue over `keys` with `topology` and `hooks`; each call gets its own exchange. */
export type QueueFactory = (keys: StateStore, topology: Topology, hooks: QueueHooks) => Promise<Queue>

let serial = 0

/** The behaviour both adapters promise (the RabbitMQ one against a real broker). */
export function queueContract(label: string, make: QueueFactory, timeoutMs = 10_000): void {
  describe(`queue contract: ${label}`, () => {
    const open: { queue: Queue; state: StateStore }[] = []
    afterEach(async () => {
      for (const o of open.splice(0)) {
        await o.queue.close()
        o.state.close()
      }
    })

    async function setup(hooks: QueueHooks = {}) {
      const state = new StateStore(':memory:')
      const topology: Topology = {
        exchange: `contract-${process.pid}-${Date.now()}-${++serial}`,
        retryDelaysMs: [60, 240],
        maxAttempts: 3,
      }
      const queue = await make(state, topology, hooks)
      open.push({ queue, state })
      return { queue, state, topology }
    }

    it('routes by topic to every consumer whose pattern matches, with the event key as id', async () => {
      const { queue } = await setup()
      const deals: Delivery[] = []
      const all: Delivery[] = []
      await queue.consume({ name: 'deals', pattern: 'deal.*' }, async (d) => void deals.push(d))
      await queue.consume({ name: 'all', pattern: '#' }, async (d) => void all.push(d))
      await queue.publish('deal.updated', 'ONCRMDEALUPDATE/12/1', { dealId: 12, amount: '10.50' })
      await queue.publish('lead.added', 'ONCRMLEADADD/7/1', { leadId: 7 })
      await waitFor(() => all.length === 2 && deals.length === 1, 'both deliveries', timeoutMs)
      expect(deals).toEqual([
        { id: 'ONCRMDEALUPDATE/12/1', routingKey: 'deal.updated', body: { dealId: 12, amount: '10.50' }, attempt: 1 },
      ])
      expect(all.map((d) => d.id).sort()).toEqual(['ONCRMDEALUPDATE/12/1', 'ONCRMLEADADD/7/1'])
    })

    it('a deferred message comes back without counting an attempt, so waiting never parks it', async () => {
      const parked: Parked[] = []
      const { queue } = await setup({ onParked: (p) => void parked.push(p) })
      const attempts: number[] = []
      await queue.consume({ name: 'waits', pattern: 'deal.#' }, async (d) => {
        attempts.push(d.attempt)
        if (attempts.length <= 5) throw new DeferredError('waiting for an earlier message')
      })
      await queue.publish('deal.updated', 'ONCRMDEALUPDATE/12/defer', { dealId: 12 })
      await waitFor(() => attempts.length === 6, 'five waits and the delivery', timeoutMs)
      expect(attempts).toEqual([1, 1, 1, 1, 1, 1]) // maxAttempts is 3: a count would have parked it
      expect(parked).toEqual([])
    })

    it('retries a failing handler with growing delays and acks once it succeeds', async () => {
      const retries: number[] = []
      const { queue, state } = await setup({ onRetry: (_c, _d, _e, delay) => void retries.push(delay) })
      const seen: { attempt: number; at: number }[] = []
      await queue.consume({ name: 'flaky', pattern: 'deal.#' }, async (d) => {
        seen.push({ attempt: d.attempt, at: Date.now() })
        if (d.attempt < 3) throw new Error('master data is down')
      })
      await queue.publish('deal.updated', 'k-retry', { n: 1 })
      await waitFor(() => state.isProcessed('flaky', 'k-retry'), 'the third attempt', timeoutMs)
      expect(seen.map((s) => s.attempt)).toEqual([1, 2, 3])
      expect(retries).toEqual([60, 240])
      const [a, b, c] = seen.map((s) => s.at) as [number, number, number]
      expect(b - a).toBeGreaterThanOrEqual(55)
      expect(c - b).toBeGreaterThanOrEqual(230)
    })

    it('parks a message after maxAttempts failures and reports it with the error', async () => {
      const parked: Parked[] = []
      const { queue, state } = await setup({ onParked: (p) => void parked.push(p) })
      let calls = 0
      await queue.consume({ name: 'broken', pattern: 'deal.#' }, async () => {
        calls++
        throw new Error('HTTP 500 from master data')
      })
      await queue.publish('deal.updated', 'k-park', { n: 2 })
      await waitFor(() => parked.length === 1, 'the park', timeoutMs)
      expect(calls).toBe(3)
      expect(parked[0]).toMatchObject({ consumer: 'broken', error: 'HTTP 500 from master data' })
      expect(parked[0]?.delivery).toMatchObject({ id: 'k-park', attempt: 3, body: { n: 2 } })
      await waitFor(async () => (await queue.drainParked('broken')).length === 1, 'the parking queue', timeoutMs)
      expect(state.isProcessed('broken', 'k-park')).toBe(false)
    })

    it('drops a second message with a key the consumer already finished', async () => {
      const dups: string[] = []
      const { queue, state } = await setup({ onDuplicate: (_c, d) => void dups.push(d.id) })
      const handled: string[] = []
      await queue.consume({ name: 'once', pattern: '#' }, async (d) => void handled.push(d.id))
      await queue.publish('deal.updated', 'k-dup', { v: 1 })
      await waitFor(() => state.isProcessed('once', 'k-dup'), 'the first copy', timeoutMs)
      await queue.publish('deal.updated', 'k-dup', { v: 1 })
      await waitFor(() => dups.length === 1, 'the duplicate to be dropped', timeoutMs)
      expect(handled).toEqual(['k-dup'])
    })
  })
}
