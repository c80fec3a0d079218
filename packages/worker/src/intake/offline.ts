import type { EventRepository, OfflineBatch, OfflineEvent, PortalError } from '@salesflow/portal'
import type { StateStore } from '../state'
import { eventMessage, offlineChange, type EventMessage, type PortalEvent } from './events'

export interface OfflineIntakeDeps {
  readonly events: EventRepository
  readonly state: StateStore
  /** Durably queues a message (the outbox); it reaches the broker later if it is away now. */
  readonly enqueue: (m: EventMessage) => void
  readonly log: (line: string) => void
  readonly limit?: number
}

export interface DrainResult {
  readonly queued: number
  /** Records the worker cannot act on, marked with event.offline.error. */
  readonly failed: number
  /** Set when the portal refused a call; the batch stays reserved and is re-read on the next run. */
  readonly error?: PortalError
}

/** The event an offline record tells of. */
export const toPortalEvent = (e: OfflineEvent): PortalEvent => ({
  name: e.name,
  entityId: e.entityId,
  entityTypeId: e.entityTypeId,
  occurredAt: e.timestamp,
  userId: e.userId,
})

/**
 * Works one reserved batch: every record becomes a message in the outbox (durable, so it is safe to clear the
 * portal's copy before the broker confirms), records the worker cannot act on are marked with event.offline.error,
 * then the batch is cleared. The process_id was written to the state store before the work started, so a crash at
 * any point is recovered by re-reading the batch (`reread`) on the next start; a record queued twice that way keeps
 * its event key and the consumers drop the copy.
 */
async function workBatch(deps: OfflineIntakeDeps, batch: OfflineBatch, clear = true): Promise<DrainResult> {
  const processId = batch.processId
  if (processId === null || batch.events.length === 0) {
    if (processId !== null) deps.state.batchCleared(processId)
    return { queued: 0, failed: 0 }
  }
  const failed: string[] = []
  let queued = 0
  for (const e of batch.events) {
    const m = eventMessage(toPortalEvent(e), offlineChange(e))
    if (!m) {
      failed.push(e.messageId)
      continue
    }
    deps.enqueue(m)
    queued++
    deps.log(`event ${m.key} → ${m.routingKey}`)
  }
  if (failed.length > 0) {
    const marked = await deps.events.markError(processId, failed)
    if (!marked.ok) return { queued, failed: 0, error: marked.error }
    deps.log(`event.offline.error for ${failed.length} record(s) the worker does not handle`)
  }
  if (!clear) return { queued, failed: failed.length }
  const cleared = await deps.events.clear(processId)
  if (!cleared.ok) return { queued, failed: failed.length, error: cleared.error }
  deps.state.batchCleared(processId)
  return { queued, failed: failed.length }
}

/** Re-reads and finishes the batches a previous run reserved but did not clear (crash, portal error). */
export async function reclaimBatches(deps: OfflineIntakeDeps): Promise<DrainResult> {
  let queued = 0
  let failed = 0
  for (const { processId } of deps.state.reservedBatches()) {
    const batch = await deps.events.reread(processId)
    if (!batch.ok) return { queued, failed, error: batch.error }
    const r = await workBatch(deps, { processId, events: batch.value.events })
    queued += r.queued
    failed += r.failed
    if (r.error) return { queued, failed, error: r.error }
  }
  return { queued, failed }
}

/**
 * One pass: finish reclaimed batches, then reserve and work new ones until the queue is empty, each batch's clear
 * riding with the next reservation (one request per batch of `limit`). Several worker processes may run this at
 * once: the portal gives each reservation a disjoint set of records.
 *
 * Records marked with event.offline.error are not drained back (error=1): the only records marked are events the
 * worker does not handle, and mapping depends on the event name alone, so they would fail again.
 */
export async function drainOffline(deps: OfflineIntakeDeps): Promise<DrainResult> {
  const reclaimed = await reclaimBatches(deps)
  if (reclaimed.error) return reclaimed
  let queued = reclaimed.queued
  let failed = reclaimed.failed
  const limit = deps.limit ?? 50
  let batch = await deps.events.reserve({ limit })
  for (;;) {
    if (!batch.ok) return { queued, failed, error: batch.error }
    const processId = batch.value.processId
    if (processId === null || batch.value.events.length === 0) return { queued, failed }
    deps.state.batchReserved(processId, false)
    const r = await workBatch(deps, batch.value, false)
    queued += r.queued
    failed += r.failed
    if (r.error) return { queued, failed, error: r.error }
    // Its messages are in the outbox: clear it and reserve the next in one request (one per batch).
    batch = await deps.events.clearAndReserve(processId, { limit })
    if (batch.ok) deps.state.batchCleared(processId)
  }
}
