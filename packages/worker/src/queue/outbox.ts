import type { StateStore } from '../state'
import { errorText, type Queue } from './types'

/**
 * Publishing that survives a broker restart or a crash: each message is written to the state store's outbox first,
 * published with a confirm, and deleted from the outbox only once confirmed. `flush()` (on every (re)connect and on a
 * timer) republishes what is left. A message may reach the broker twice (its confirm was lost); consumers drop the
 * second copy by its id, which is the event key.
 */
export class OutboxPublisher {
  private readonly inFlight = new Set<string>()
  private flushing: Promise<number> | undefined

  constructor(
    private readonly queue: Queue,
    private readonly state: StateStore,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  /** Resolves true once confirmed, false when it stays in the outbox for a later flush. */
  async publish(routingKey: string, messageId: string, body: unknown): Promise<boolean> {
    this.state.enqueue(messageId, routingKey, body)
    return this.send(routingKey, messageId, body)
  }

  /** Writes the message to the outbox now (durable once this returns) and publishes it in the background. */
  enqueue(routingKey: string, messageId: string, body: unknown): void {
    this.state.enqueue(messageId, routingKey, body)
    void this.send(routingKey, messageId, body)
  }

  /** Republishes every pending message, oldest first, with up to `window` confirms outstanding; returns how many were confirmed. */
  flush(window = 200): Promise<number> {
    this.flushing ??= this.flushAll(window).finally(() => (this.flushing = undefined))
    return this.flushing
  }

  pendingCount(): number {
    return this.state.pendingCount()
  }

  private async flushAll(window: number): Promise<number> {
    let confirmed = 0
    for (;;) {
      const rows = this.state.pending(window).filter((r) => !this.inFlight.has(r.messageId))
      if (rows.length === 0) return confirmed
      const results = await Promise.all(rows.map((r) => this.send(r.routingKey, r.messageId, r.body)))
      const ok = results.filter(Boolean).length
      confirmed += ok
      if (ok < rows.length) return confirmed // the broker is away again; the next (re)connect flushes
    }
  }

  private async send(routingKey: string, messageId: string, body: unknown): Promise<boolean> {
    if (this.inFlight.has(messageId)) return false
    this.inFlight.add(messageId)
    try {
      await this.queue.publish(routingKey, messageId, body)
      this.state.confirmed(messageId)
      return true
    } catch (e) {
      this.onError(`publish ${messageId} not confirmed (kept in the outbox): ${errorText(e)}`)
      return false
    } finally {
      this.inFlight.delete(messageId)
    }
  }
}
