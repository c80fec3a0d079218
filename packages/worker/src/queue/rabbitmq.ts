import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib'
import { handleDelivery } from './handle'
import {
  DEFAULT_TOPOLOGY,
  QueueUnavailableError,
  errorText,
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

const ATTEMPT = 'x-salesflow-attempt'
const ROUTING_KEY = 'x-salesflow-routing-key'
const ERROR = 'x-salesflow-error'

/** Queue names of one consumer; everything is durable (quorum queues) and dead-letters at least once. */
export const queueNames = (t: Topology, consumer: string) => ({
  main: `${t.exchange}.${consumer}`,
  retry: (i: number) => `${t.exchange}.${consumer}.retry.${i}`,
  parking: `${t.exchange}.${consumer}.parking`,
  retryExchange: `${t.exchange}.retry`,
  deadLetterExchange: `${t.exchange}.dlx`,
})

const QUORUM = {
  'x-queue-type': 'quorum',
  'x-dead-letter-strategy': 'at-least-once',
  'x-overflow': 'reject-publish',
} as const

export interface RabbitOptions {
  readonly url: string
  readonly topology?: Topology
  readonly hooks?: QueueHooks
  /** Reconnect back-off: first delay, doubled up to `maxReconnectDelayMs`. */
  readonly reconnectDelayMs?: number
  readonly maxReconnectDelayMs?: number
  /** A publish the broker has not confirmed after this long is failed (it stays in the caller's outbox). */
  readonly confirmTimeoutMs?: number
}

/**
 * RabbitMQ through amqplib. Topology (declared on start and after every reconnect):
 * - `<exchange>` (topic): everything is published here with the event key as message id, persistent.
 * - per consumer `<exchange>.<name>` (quorum) bound with its pattern; its dead letters go to `<exchange>.dlx`.
 * - retry i: `<exchange>.<name>.retry.<i>` (quorum, message TTL = delay i) bound to `<exchange>.retry` with
 *   `<name>.<i>`; expired messages dead-letter back to the consumer's queue (default exchange). Growing delays.
 * - `<exchange>.<name>.parking` bound to `<exchange>.dlx` with `<name>`: messages that failed maxAttempts times.
 * Publishes wait for the broker's confirm; a retry or a park is published (confirmed) before the original is acked,
 * and the original is acked only after the handler's side effect is done.
 */
export class RabbitQueue implements Queue {
  readonly kind = 'rabbitmq'
  private readonly topology: Topology
  private readonly hooks: QueueHooks
  private model: ChannelModel | undefined
  private confirm: ConfirmChannel | undefined
  private readonly consumers: { spec: ConsumerSpec; handler: Handler; channel?: Channel }[] = []
  private closing = false
  private connecting: Promise<void> | undefined
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined
  private failures = 0

  constructor(
    private readonly keys: ProcessedKeys,
    private readonly options: RabbitOptions,
  ) {
    this.topology = options.topology ?? DEFAULT_TOPOLOGY
    this.hooks = options.hooks ?? {}
  }

  get connected(): boolean {
    return this.confirm !== undefined
  }

  async start(): Promise<void> {
    this.closing = false
    await this.connect()
  }

  async publish(routingKey: string, messageId: string, body: unknown): Promise<void> {
    const ch = this.confirm
    if (!ch) throw new QueueUnavailableError('not connected to RabbitMQ')
    await this.confirmedPublish(ch, this.topology.exchange, routingKey, Buffer.from(JSON.stringify(body)), {
      messageId,
      headers: { [ATTEMPT]: 1, [ROUTING_KEY]: routingKey },
    })
  }

  async consume(spec: ConsumerSpec, handler: Handler): Promise<void> {
    const entry: (typeof this.consumers)[number] = { spec, handler }
    this.consumers.push(entry)
    if (this.model) await this.subscribe(this.model, entry)
  }

  async drainParked(consumer: string): Promise<Parked[]> {
    const model = this.model
    if (!model) throw new QueueUnavailableError('not connected to RabbitMQ')
    const ch = await model.createChannel()
    const out: Parked[] = []
    try {
      for (;;) {
        const m = await ch.get(queueNames(this.topology, consumer).parking, { noAck: true })
        if (!m) break
        out.push({ consumer, delivery: toDelivery(m), error: String(m.properties.headers?.[ERROR] ?? 'rejected') })
      }
    } finally {
      await ch.close().catch(() => undefined)
    }
    return out
  }

  async close(): Promise<void> {
    this.closing = true
    clearTimeout(this.reconnectTimer)
    const model = this.model
    this.model = undefined
    this.confirm = undefined
    if (model) await model.close().catch(() => undefined)
  }

  private connect(): Promise<void> {
    this.connecting ??= this.open().finally(() => (this.connecting = undefined))
    return this.connecting
  }

  private async open(): Promise<void> {
    const model = await amqp.connect(this.options.url)
    try {
      model.on('error', (e: Error) => this.hooks.onConnectionError?.(e.message))
      model.on('close', () => this.lost(model))
      const confirm = await model.createConfirmChannel()
      confirm.on('error', (e: Error) => this.hooks.onConnectionError?.(e.message))
      await this.declareExchanges(confirm)
      this.model = model
      this.confirm = confirm
      for (const c of this.consumers) await this.subscribe(model, c)
    } catch (e) {
      await model.close().catch(() => undefined)
      throw e
    }
    this.failures = 0
    this.hooks.onReady?.()
  }

  /** The connection dropped (broker restart, network): forget it and reconnect with back-off. */
  private lost(model: ChannelModel): void {
    if (this.model !== model && this.model !== undefined) return
    this.model = undefined
    this.confirm = undefined
    if (this.closing) return
    this.hooks.onConnectionError?.('connection to RabbitMQ lost; reconnecting')
    this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return
    const first = this.options.reconnectDelayMs ?? 200
    const delay = Math.min(first * 2 ** this.failures, this.options.maxReconnectDelayMs ?? 5_000)
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined
      this.connect().catch((e: unknown) => {
        this.failures++
        this.hooks.onConnectionError?.(errorText(e))
        this.scheduleReconnect()
      })
    }, delay)
  }

  private async declareExchanges(ch: Channel): Promise<void> {
    const t = this.topology
    await ch.assertExchange(t.exchange, 'topic', { durable: true })
    await ch.assertExchange(`${t.exchange}.retry`, 'direct', { durable: true })
    await ch.assertExchange(`${t.exchange}.dlx`, 'direct', { durable: true })
  }

  private async declareConsumer(ch: Channel, spec: ConsumerSpec): Promise<void> {
    const t = this.topology
    const n = queueNames(t, spec.name)
    await ch.assertQueue(n.main, {
      durable: true,
      arguments: { ...QUORUM, 'x-dead-letter-exchange': n.deadLetterExchange, 'x-dead-letter-routing-key': spec.name },
    })
    await ch.bindQueue(n.main, t.exchange, spec.pattern)
    for (let i = 0; i < t.maxAttempts - 1; i++) {
      await ch.assertQueue(n.retry(i), {
        durable: true,
        arguments: {
          ...QUORUM,
          'x-message-ttl': retryDelay(t, i),
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': n.main,
        },
      })
      await ch.bindQueue(n.retry(i), n.retryExchange, `${spec.name}.${i}`)
    }
    await ch.assertQueue(n.parking, { durable: true, arguments: { 'x-queue-type': 'quorum' } })
    await ch.bindQueue(n.parking, n.deadLetterExchange, spec.name)
  }

  private async subscribe(model: ChannelModel, entry: (typeof this.consumers)[number]): Promise<void> {
    const ch = await model.createChannel()
    ch.on('error', (e: Error) => this.hooks.onConnectionError?.(e.message))
    await this.declareConsumer(ch, entry.spec)
    await ch.prefetch(entry.spec.concurrency ?? 10)
    entry.channel = ch
    await ch.consume(queueNames(this.topology, entry.spec.name).main, (m) => {
      if (m) void this.onMessage(ch, entry, m)
    })
  }

  private async onMessage(ch: Channel, entry: (typeof this.consumers)[number], m: ConsumeMessage): Promise<void> {
    const name = entry.spec.name
    const d = toDelivery(m)
    try {
      const outcome = await handleDelivery(name, d, entry.handler, this.keys)
      if (outcome.kind === 'duplicate') this.hooks.onDuplicate?.(name, d)
      if (outcome.kind === 'failed') await this.retryOrPark(name, d, m, outcome.error)
      if (outcome.kind === 'deferred') await this.defer(name, d, m)
      ch.ack(m)
    } catch (e) {
      // The retry/park copy was not confirmed or the key not recorded (connection lost, shutting down): leave the
      // original unacked; the broker redelivers it once we are back, and its attempt count is unchanged.
      this.hooks.onConnectionError?.(errorText(e))
    }
  }

  private async retryOrPark(name: string, d: Delivery, m: ConsumeMessage, error: string): Promise<void> {
    const ch = this.confirm
    if (!ch) throw new QueueUnavailableError('not connected to RabbitMQ')
    const n = queueNames(this.topology, name)
    const props = { messageId: d.id, persistent: true, contentType: 'application/json' }
    if (d.attempt >= this.topology.maxAttempts) {
      await this.confirmedPublish(ch, n.deadLetterExchange, name, m.content, {
        ...props,
        headers: { [ATTEMPT]: d.attempt, [ROUTING_KEY]: d.routingKey, [ERROR]: error.slice(0, 1000) },
      })
      this.hooks.onParked?.({ consumer: name, delivery: d, error })
      return
    }
    const retry = d.attempt - 1
    await this.confirmedPublish(ch, n.retryExchange, `${name}.${retry}`, m.content, {
      ...props,
      headers: { [ATTEMPT]: d.attempt + 1, [ROUTING_KEY]: d.routingKey },
    })
    this.hooks.onRetry?.(name, d, error, retryDelay(this.topology, retry))
  }

  /** Back after the first retry delay, with the same attempt count (a wait is not a failure). */
  private async defer(name: string, d: Delivery, m: ConsumeMessage): Promise<void> {
    const ch = this.confirm
    if (!ch) throw new QueueUnavailableError('not connected to RabbitMQ')
    await this.confirmedPublish(ch, queueNames(this.topology, name).retryExchange, `${name}.0`, m.content, {
      messageId: d.id,
      headers: { [ATTEMPT]: d.attempt, [ROUTING_KEY]: d.routingKey },
    })
  }

  private confirmedPublish(
    ch: ConfirmChannel,
    exchange: string,
    routingKey: string,
    content: Buffer,
    props: { messageId: string; headers: Record<string, unknown> },
  ): Promise<void> {
    const timeoutMs = this.options.confirmTimeoutMs ?? 10_000
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new QueueUnavailableError('RabbitMQ did not confirm in time')), timeoutMs)
      try {
        ch.publish(
          exchange,
          routingKey,
          content,
          { ...props, persistent: true, contentType: 'application/json', mandatory: false },
          (e: unknown) => {
            clearTimeout(timer)
            if (e) reject(new QueueUnavailableError(`RabbitMQ refused the message: ${errorText(e)}`))
            else resolve()
          },
        )
      } catch (e) {
        clearTimeout(timer)
        reject(new QueueUnavailableError(errorText(e)))
      }
    })
  }
}

function toDelivery(m: {
  content: Buffer
  fields: { routingKey: string }
  properties: ConsumeMessage['properties']
}): Delivery {
  const h = m.properties.headers ?? {}
  return {
    id: String(m.properties.messageId ?? ''),
    routingKey: String(h[ROUTING_KEY] ?? m.fields.routingKey),
    body: JSON.parse(m.content.toString('utf8')) as unknown,
    attempt: Number(h[ATTEMPT] ?? 1),
  }
}
