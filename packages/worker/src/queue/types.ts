/** One message as a consumer sees it. `id` is the event key: the same event always has the same id. */
export interface Delivery {
  readonly id: string
  readonly routingKey: string
  readonly body: unknown
  /** 1 on the first delivery, 2 on the first retry, … */
  readonly attempt: number
}

export type Handler = (delivery: Delivery) => Promise<void>

export interface ConsumerSpec {
  /** Names the consumer's queues (`<exchange>.<name>`, `.retry.<i>`, `.parking`) and its processed-keys scope. */
  readonly name: string
  /** Topic binding, e.g. `deal.#`. */
  readonly pattern: string
  /** Messages handled at once (the channel's prefetch). */
  readonly concurrency?: number
}

export interface Topology {
  /** The topic exchange everything is published to. */
  readonly exchange: string
  /** Delay before retry i (growing); the last one repeats when there are more retries than delays. */
  readonly retryDelaysMs: readonly number[]
  /** Attempts before a message is parked (dead-lettered to `<name>.parking`). */
  readonly maxAttempts: number
}

export const DEFAULT_TOPOLOGY: Topology = {
  exchange: 'salesflow',
  retryDelaysMs: [1_000, 5_000, 30_000],
  maxAttempts: 4,
}

export interface Parked {
  readonly consumer: string
  readonly delivery: Delivery
  readonly error: string
}

export interface QueueHooks {
  /** A message failed its last attempt and went to the parking queue. */
  readonly onParked?: (p: Parked) => void
  /** A message failed and will be retried after `delayMs`. */
  readonly onRetry?: (consumer: string, delivery: Delivery, error: string, delayMs: number) => void
  /** A delivery whose key the consumer had already finished was dropped. */
  readonly onDuplicate?: (consumer: string, delivery: Delivery) => void
  /** The adapter is (re)connected and its topology declared: time to flush the outbox. */
  readonly onReady?: () => void
  /** Connection trouble (the adapter keeps reconnecting). */
  readonly onConnectionError?: (error: string) => void
}

/** Which keys a consumer has finished (the state store in production). */
export interface ProcessedKeys {
  isProcessed(consumer: string, key: string): boolean
  markProcessed(consumer: string, key: string): boolean
}

/**
 * The queue both adapters implement (RabbitMQ for production and tests, in-process for `npm start`).
 * Delivery is at least once; a handler's message is acknowledged only after the handler resolved and its key was
 * recorded, so a duplicate (a republished or redelivered message) is dropped by key.
 */
export interface Queue {
  readonly kind: 'rabbitmq' | 'memory'
  /** Connects and declares the exchanges. */
  start(): Promise<void>
  /** Resolves once the broker has confirmed the message (publisher confirms); rejects if it could not. */
  publish(routingKey: string, messageId: string, body: unknown): Promise<void>
  /** Declares the consumer's queues and starts delivering to `handler`. */
  consume(spec: ConsumerSpec, handler: Handler): Promise<void>
  /** Removes and returns what is in a consumer's parking queue (for an operator, or a test). */
  drainParked(consumer: string): Promise<Parked[]>
  close(): Promise<void>
}

/**
 * Thrown by a handler whose message must wait for another one (a later change of a deal whose earlier one has not
 * been delivered yet): the message comes back after the first retry delay without counting an attempt, so
 * waiting never parks it.
 */
export class DeferredError extends Error {
  readonly code = 'DEFERRED'
}

export class QueueUnavailableError extends Error {
  readonly code = 'QUEUE_UNAVAILABLE'
}

export const retryDelay = (t: Topology, retry: number): number =>
  t.retryDelaysMs[Math.min(retry, t.retryDelaysMs.length - 1)] ?? 0

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e))
