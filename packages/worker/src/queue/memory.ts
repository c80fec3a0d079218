import { handleDelivery } from './handle'
import {
  DEFAULT_TOPOLOGY,
  QueueUnavailableError,
  retryDelay,
  type ConsumerSpec,
  type Delivery,
  type Handler,
  type Parked,
  type ProcessedKeys,
  type Queue,
  type QueueHooks,
  type Topology,
} from './types'

interface Subscriber {
  spec: ConsumerSpec
  handler: Handler
  backlog: Delivery[]
  running: number
  parked: Parked[]
}

/** AMQP topic matching: `*` is exactly one word, `#` zero or more. */
export function topicMatches(pattern: string, routingKey: string): boolean {
  const p = pattern.split('.')
  const k = routingKey.split('.')
  const match = (i: number, j: number): boolean => {
    if (i === p.length) return j === k.length
    if (p[i] === '#') return match(i + 1, j) || (j < k.length && match(i, j + 1))
    return j < k.length && (p[i] === '*' || p[i] === k[j]) && match(i + 1, j + 1)
  }
  return match(0, 0)
}

/**
 * The in-process queue for `npm start` and unit tests: the same topology semantics as RabbitMQ (topic routing,
 * retries with growing delays, parking after N attempts, drop of finished keys), nothing durable.
 */
export class MemoryQueue implements Queue {
  readonly kind = 'memory'
  private readonly subs: Subscriber[] = []
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private readonly inFlight = new Set<Promise<void>>()
  private open = false

  constructor(
    private readonly keys: ProcessedKeys,
    private readonly topology: Topology = DEFAULT_TOPOLOGY,
    private readonly hooks: QueueHooks = {},
  ) {}

  async start(): Promise<void> {
    this.open = true
    this.hooks.onReady?.()
  }

  async publish(routingKey: string, messageId: string, body: unknown): Promise<void> {
    if (!this.open) throw new QueueUnavailableError('the in-process queue is closed')
    const copy = JSON.parse(JSON.stringify(body)) as unknown
    for (const s of this.subs)
      if (topicMatches(s.spec.pattern, routingKey)) this.push(s, { id: messageId, routingKey, body: copy, attempt: 1 })
  }

  async consume(spec: ConsumerSpec, handler: Handler): Promise<void> {
    this.subs.push({ spec, handler, backlog: [], running: 0, parked: [] })
  }

  async drainParked(consumer: string): Promise<Parked[]> {
    const s = this.subs.find((x) => x.spec.name === consumer)
    return s ? s.parked.splice(0) : []
  }

  async close(): Promise<void> {
    this.open = false
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    // Let handlers already running finish (and record their keys) before the caller closes the state store.
    await Promise.all([...this.inFlight])
  }

  private push(s: Subscriber, d: Delivery): void {
    s.backlog.push(d)
    this.pump(s)
  }

  private pump(s: Subscriber): void {
    const limit = s.spec.concurrency ?? 10
    while (this.open && s.running < limit && s.backlog.length > 0) {
      const d = s.backlog.shift()!
      s.running++
      const p: Promise<void> = this.run(s, d).finally(() => {
        this.inFlight.delete(p)
        s.running--
        this.pump(s)
      })
      this.inFlight.add(p)
    }
  }

  private async run(s: Subscriber, d: Delivery): Promise<void> {
    const name = s.spec.name
    const outcome = await handleDelivery(name, d, s.handler, this.keys)
    if (outcome.kind === 'duplicate') this.hooks.onDuplicate?.(name, d)
    if (outcome.kind === 'deferred') return this.later(s, d, retryDelay(this.topology, 0))
    if (outcome.kind !== 'failed') return
    if (d.attempt >= this.topology.maxAttempts) {
      const parked = { consumer: name, delivery: d, error: outcome.error }
      s.parked.push(parked)
      this.hooks.onParked?.(parked)
      return
    }
    const delayMs = retryDelay(this.topology, d.attempt - 1)
    this.hooks.onRetry?.(name, d, outcome.error, delayMs)
    this.later(s, { ...d, attempt: d.attempt + 1 }, delayMs)
  }

  private later(s: Subscriber, d: Delivery, delayMs: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t)
      if (this.open) this.push(s, d)
    }, delayMs)
    this.timers.add(t)
  }
}
