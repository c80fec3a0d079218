import { DeferredError, errorText, type Delivery, type Handler, type ProcessedKeys } from './types'

export type Outcome =
  | { kind: 'done' }
  | { kind: 'duplicate' }
  | { kind: 'failed'; error: string }
  /** The handler asked to see the message again later, without counting an attempt (DeferredError). */
  | { kind: 'deferred'; error: string }

/**
 * One delivery through one consumer, the same for both adapters: a key already finished is dropped; otherwise the
 * handler runs and, only once it succeeded, the key is recorded. The caller acks after this returns.
 */
export async function handleDelivery(
  consumer: string,
  delivery: Delivery,
  handler: Handler,
  keys: ProcessedKeys,
): Promise<Outcome> {
  if (keys.isProcessed(consumer, delivery.id)) return { kind: 'duplicate' }
  try {
    await handler(delivery)
  } catch (e) {
    return { kind: e instanceof DeferredError ? 'deferred' : 'failed', error: errorText(e) }
  }
  keys.markProcessed(consumer, delivery.id)
  return { kind: 'done' }
}
