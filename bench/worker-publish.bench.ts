// Publish throughput to a real RabbitMQ (Debian's rabbitmq-server, started on loopback for the run) with publisher
// confirms: the bare adapter (up to 1,000 confirms outstanding) and through the SQLite outbox (write, publish,
// delete on confirm). Target: ≥ 5,000 confirmed messages/s.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import amqp from 'amqplib'
import { OutboxPublisher, RabbitQueue, StateStore } from '@salesflow/worker'
import { startBroker } from '../packages/worker/test/support/rabbitmq'

const N = 20_000
const WINDOW = 1_000
const TARGET = 5_000

const body = (i: number) => ({ eventKey: `bench/${i}`, deal: { id: i, amounts: { opportunity: '1860700.00' } } })

async function run(label: string, publish: (i: number) => Promise<unknown>): Promise<void> {
  const t0 = performance.now()
  for (let start = 0; start < N; start += WINDOW)
    await Promise.all(Array.from({ length: Math.min(WINDOW, N - start) }, (_, j) => publish(start + j)))
  const s = (performance.now() - t0) / 1000
  const rate = Math.round(N / s)
  console.log(
    `${label.padEnd(34)} ${N} msgs in ${s.toFixed(2)} s = ${rate} msg/s (target ≥ ${TARGET}) ${rate >= TARGET ? 'OK' : 'BELOW'}`,
  )
}

if (!existsSync('/usr/lib/rabbitmq/bin/rabbitmq-server')) {
  console.log('skipped: rabbitmq-server is not installed (bash test/ensure-system-deps.sh installs it)')
} else {
  const dir = mkdtempSync(join(tmpdir(), 'salesflow-bench-'))
  const broker = await startBroker()
  const state = new StateStore(join(dir, 'state.sqlite'))
  const topology = { exchange: 'bench', retryDelaysMs: [1_000], maxAttempts: 3 }
  const queue = new RabbitQueue(state, { url: broker.url, topology })
  try {
    await queue.start()
    // A durable quorum queue bound to everything (no consumer while we measure), so every message is routed and
    // stored before the broker confirms it.
    const conn = await amqp.connect(broker.url)
    const ch = await conn.createChannel()
    await ch.assertQueue('bench.sink', { durable: true, arguments: { 'x-queue-type': 'quorum' } })
    await ch.bindQueue('bench.sink', topology.exchange, '#')
    await conn.close()
    await run('adapter, confirms', (i) => queue.publish('masterdata.deal', `a${i}`, body(i)))
    const outbox = new OutboxPublisher(queue, state)
    await run('outbox (SQLite) + confirms', (i) => outbox.publish('masterdata.deal', `o${i}`, body(i)))
    console.log(`outbox left: ${outbox.pendingCount()}`)
  } finally {
    await queue.close()
    state.close()
    await broker.dispose()
    rmSync(dir, { recursive: true, force: true })
  }
}
