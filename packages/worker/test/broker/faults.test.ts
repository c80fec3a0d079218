import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RabbitQueue } from '../../src/queue/rabbitmq'
import { OutboxPublisher } from '../../src/queue/outbox'
import { StateStore } from '../../src/state'
import { postDealsHandler } from '../../src/masterdata/client'
import { startMasterDataStandIn, type StandIn } from '../../src/masterdata/stand-in'
import type { Parked } from '../../src/queue/types'
import { startBroker, type Broker } from '../support/rabbitmq'
import { sampleDealMessage } from '../support/messages'
import { sleep, waitFor } from '../support/wait'
import { inDealOrder } from '../../src/masterdata/ordered'
import { arrivalOrder, publishDealChanges } from '../support/ordered'

let broker: Broker
let standIn: StandIn
let dir: string
beforeAll(async () => {
  broker = await startBroker()
  standIn = await startMasterDataStandIn()
  dir = mkdtempSync(join(tmpdir(), 'salesflow-worker-'))
})
afterAll(async () => {
  await standIn?.close()
  await broker?.dispose()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const reset = () => {
  standIn.state.applied.clear()
  standIn.state.duplicates = 0
  standIn.state.refused = 0
  standIn.state.down = false
  standIn.state.delayMs = 0
}
const keys = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`)

describe('faults against a real RabbitMQ', () => {
  it('a master-data system that keeps failing: the message is retried, parked after N attempts and logged', async () => {
    reset()
    const state = new StateStore(join(dir, 'park.sqlite'))
    const log: string[] = []
    const queue = new RabbitQueue(state, {
      url: broker.url,
      topology: { exchange: 'park', retryDelaysMs: [50, 100], maxAttempts: 3 },
      hooks: {
        onParked: (p: Parked) => void log.push(`parked ${p.delivery.id} after ${p.delivery.attempt}: ${p.error}`),
      },
    })
    await queue.start()
    await queue.consume({ name: 'masterdata', pattern: 'masterdata.deal' }, postDealsHandler(standIn.url))
    standIn.state.down = true
    await queue.publish('masterdata.deal', 'p1', sampleDealMessage('p1'))
    await waitFor(() => log.length === 1, 'the park', 20_000)
    expect(standIn.state.refused).toBe(3)
    expect(log[0]).toMatch(/^parked p1 after 3: POST \/deals answered 503/)
    const parked = await queue.drainParked('masterdata')
    expect(parked.map((p) => [p.delivery.id, p.delivery.attempt])).toEqual([['p1', 3]])
    await queue.close()
    state.close()
  })

  it('the master-data system down for a while: messages wait in the broker, then arrive in order per deal', async () => {
    reset()
    const state = new StateStore(join(dir, 'order.sqlite'))
    const queue = new RabbitQueue(state, {
      url: broker.url,
      topology: { exchange: 'order', retryDelaysMs: [50, 150, 400], maxAttempts: 30 },
    })
    const publisher = new OutboxPublisher(queue, state)
    await queue.start()
    await queue.consume(
      { name: 'masterdata', pattern: 'masterdata.deal', concurrency: 10 },
      inDealOrder(state, postDealsHandler(standIn.url)),
    )
    try {
      standIn.state.down = true
      const keys = await publishDealChanges(publisher, state, [31, 32, 33, 34], 15)
      await waitFor(() => standIn.state.refused >= 20, 'the refusals while it is down', 20_000)
      await sleep(1_000)
      standIn.state.down = false
      await waitFor(() => standIn.state.applied.size === keys.length, 'every message after it is back', 60_000)
      const order = arrivalOrder(standIn)
      const numbers = Array.from({ length: 15 }, (_, i) => i + 1)
      for (const id of [31, 32, 33, 34]) expect(order.get(id)).toEqual(numbers)
      expect(await queue.drainParked('masterdata')).toEqual([])
    } finally {
      await queue.close()
      state.close()
    }
  })

  it('restarting RabbitMQ while publishing loses no message (confirms + outbox); every duplicate is ignored', async () => {
    reset()
    const state = new StateStore(join(dir, 'restart.sqlite'))
    const late: { publisher?: OutboxPublisher } = {}
    const queue = new RabbitQueue(state, {
      url: broker.url,
      topology: { exchange: 'restart', retryDelaysMs: [100, 500], maxAttempts: 10 },
      hooks: { onReady: () => void late.publisher?.flush() },
      reconnectDelayMs: 200,
      maxReconnectDelayMs: 1_000,
    })
    const publisher = (late.publisher = new OutboxPublisher(queue, state))
    await queue.start()
    await queue.consume({ name: 'masterdata', pattern: 'masterdata.deal' }, postDealsHandler(standIn.url))
    const all = keys(400, 'r')
    const send = async (batch: readonly string[]) => {
      for (const k of batch) {
        await publisher.publish('masterdata.deal', k, sampleDealMessage(k))
        await sleep(2)
      }
    }
    try {
      // The first half goes out on a live broker; the second half is published while RabbitMQ stops and restarts,
      // so the restart falls in the middle of publishing by construction, not by the machine's speed.
      await send(all.slice(0, 200))
      await waitFor(() => standIn.state.applied.size >= 50, 'the first deliveries', 20_000)
      const stopping = broker.stop()
      const publishing = send(all.slice(200))
      await stopping
      await broker.start()
      await publishing
      await waitFor(() => state.pendingCount() === 0, 'the outbox to drain', 60_000)
      await waitFor(() => standIn.state.applied.size === all.length, 'every message at the stand-in', 60_000)
      expect([...standIn.state.applied.keys()].sort()).toEqual([...all].sort())
    } finally {
      await queue.close()
      state.close()
    }
  })

  it('SIGKILL of a worker in the middle of a batch of 50, then a restart: nothing lost, nothing applied twice', async () => {
    reset()
    standIn.state.delayMs = 30
    const statePath = join(dir, 'kill.sqlite')
    const env = { ...process.env, STATE_PATH: statePath, AMQP_URL: broker.url, MD_URL: standIn.url, EXCHANGE: 'kill' }
    const startChild = async (): Promise<ChildProcess> => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, '../support/worker-child.ts')],
        {
          env,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (b: Buffer) => b.toString().includes('ready') && resolve())
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)))
      })
      return child
    }
    const first = await startChild()
    const producerState = new StateStore(':memory:')
    const producer = new RabbitQueue(producerState, {
      url: broker.url,
      topology: { exchange: 'kill', retryDelaysMs: [100], maxAttempts: 5 },
    })
    await producer.start()
    const batch = keys(50, 'k')
    await Promise.all(batch.map((k) => producer.publish('masterdata.deal', k, sampleDealMessage(k))))
    await waitFor(() => standIn.state.applied.size >= 15, 'part of the batch', 20_000)
    first.kill('SIGKILL')
    await new Promise((r) => first.once('exit', r))
    const doneBeforeKill = standIn.state.applied.size
    expect(doneBeforeKill).toBeLessThan(50)
    const second = await startChild()
    try {
      await waitFor(() => standIn.state.applied.size === 50, 'the rest of the batch after the restart', 30_000)
      await sleep(300) // let any redelivery land
      expect([...standIn.state.applied.keys()].sort()).toEqual([...batch].sort())
      // Only messages in flight at the kill (prefetch 5) may be POSTed twice; the stand-in ignored those.
      expect(standIn.state.duplicates).toBeLessThanOrEqual(5)
      const finished = new StateStore(statePath)
      expect(batch.filter((k) => finished.isProcessed('masterdata', k))).toHaveLength(50)
      finished.close()
    } finally {
      second.kill('SIGTERM')
      await producer.close()
      producerState.close()
    }
  })
})
