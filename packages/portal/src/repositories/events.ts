import { err, ok, type Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import type { QueryObject } from '../batch/query-string'
import { portalError, type PortalError } from '../errors'

/** One record of the portal's offline event queue (event.offline.get). */
export interface OfflineEvent {
  readonly id: number
  /** `ONCRMDEALUPDATE`, … */
  readonly name: string
  /** The 32-hex MESSAGE_ID: one per object and event name (the queue merges repeats while pending). */
  readonly messageId: string
  /** TIMESTAMP_X, ISO 8601 with offset: the last change merged into this record. */
  readonly timestamp: string
  /** EVENT_DATA.FIELDS.ID, or null when the event carries none. */
  readonly entityId: number | null
  /** EVENT_DATA.FIELDS.ENTITY_TYPE_ID (smart processes and smart invoices: 31), or null. */
  readonly entityTypeId: number | null
  /** EVENT_ADDITIONAL.user_id: who caused the change, or null. */
  readonly userId: number | null
  readonly data: unknown
}

export interface OfflineBatch {
  /** Null only when the records were fetched with clear=1 (never here). */
  readonly processId: string | null
  readonly events: readonly OfflineEvent[]
}

export interface ReserveOptions {
  readonly limit?: number
  /** Read records marked with event.offline.error (ERROR=1) instead of normal ones. */
  readonly errors?: boolean
  readonly authConnector?: string
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const intOrNull = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN
  return Number.isInteger(n) ? n : null
}

function mapEvent(raw: unknown, method: string, i: number): Result<OfflineEvent, PortalError> {
  const bad = (field: string) => err(portalError('MALFORMED_RESPONSE', { method, field: `events[${i}].${field}` }))
  if (!isRecord(raw)) return bad('')
  const id = intOrNull(raw['ID'])
  if (id === null) return bad('ID')
  if (typeof raw['EVENT_NAME'] !== 'string') return bad('EVENT_NAME')
  if (typeof raw['MESSAGE_ID'] !== 'string') return bad('MESSAGE_ID')
  if (typeof raw['TIMESTAMP_X'] !== 'string') return bad('TIMESTAMP_X')
  const data = raw['EVENT_DATA']
  // CRM events carry FIELDS; task events FIELDS_AFTER (FIELDS_BEFORE for a delete).
  const fields =
    [data].flatMap((d) => (isRecord(d) ? [d['FIELDS'], d['FIELDS_AFTER'], d['FIELDS_BEFORE']] : [])).find(isRecord) ??
    {}
  const additional = isRecord(raw['EVENT_ADDITIONAL']) ? raw['EVENT_ADDITIONAL'] : {}
  return ok({
    id,
    name: raw['EVENT_NAME'].toUpperCase(),
    messageId: raw['MESSAGE_ID'],
    timestamp: raw['TIMESTAMP_X'],
    entityId: intOrNull(fields['ID']),
    entityTypeId: intOrNull(fields['ENTITY_TYPE_ID']),
    userId: intOrNull(additional['user_id']),
    data,
  })
}

function mapBatch(result: unknown, method: string): Result<OfflineBatch, PortalError> {
  if (!isRecord(result)) return err(portalError('MALFORMED_RESPONSE', { method, field: 'result' }))
  const pid = result['process_id']
  const rawEvents = result['events']
  if (!Array.isArray(rawEvents)) return err(portalError('MALFORMED_RESPONSE', { method, field: 'events' }))
  const events: OfflineEvent[] = []
  for (const [i, raw] of rawEvents.entries()) {
    const e = mapEvent(raw, method, i)
    if (!e.ok) return e
    events.push(e.value)
  }
  return ok({ processId: typeof pid === 'string' && pid !== '' ? pid : null, events })
}

/**
 * The app's offline event queue (application auth and an administrator only; integration.md §1). The worker
 * reserves batches (clear=0 → a process_id), clears them once their work is safe, marks failures with
 * event.offline.error, and re-reads a batch by process_id after a crash. Reserving is never retried blindly: a
 * lost answer would leave a reserved batch nobody knows about.
 */
export function createEventRepository(client: PortalClient) {
  const connector = (o: { authConnector?: string }): QueryObject =>
    o.authConnector ? { auth_connector: o.authConnector } : {}
  return {
    /** Reserves up to `limit` unreserved records (disjoint from what other processes reserved). */
    reserve: async (o: ReserveOptions = {}): Promise<Result<OfflineBatch, PortalError>> => {
      const params: QueryObject = { clear: 0, limit: o.limit ?? 50, ...(o.errors ? { error: 1 } : {}), ...connector(o) }
      const res = await client.call('event.offline.get', params, { kind: 'create' })
      return res.ok ? mapBatch(res.value.result, 'event.offline.get') : res
    },
    /** The records still reserved under `processId` (a crashed run's batch); an unknown id gives none. */
    reread: async (processId: string, o: { authConnector?: string } = {}) => {
      const params: QueryObject = { process_id: processId, clear: 0, ...connector(o) }
      const res = await client.call('event.offline.get', params, { kind: 'read' })
      return res.ok ? mapBatch(res.value.result, 'event.offline.get') : res
    },
    /** Deletes the batch's records (all of them, or only `messageIds`). */
    clear: async (processId: string, messageIds?: readonly string[], o: { authConnector?: string } = {}) => {
      const params: QueryObject = {
        process_id: processId,
        ...(messageIds ? { message_id: [...messageIds] } : {}),
        ...connector(o),
      }
      const res = await client.call('event.offline.clear', params, { kind: 'write' })
      return res.ok ? ok(undefined) : res
    },
    /** Marks records as failed: they leave the batch and wait in the error queue (reserve({errors: true})). */
    markError: async (processId: string, messageIds: readonly string[], o: { authConnector?: string } = {}) => {
      const params: QueryObject = { process_id: processId, message_id: [...messageIds], ...connector(o) }
      const res = await client.call('event.offline.error', params, { kind: 'write' })
      return res.ok ? ok(undefined) : res
    },
    /**
     * Clears `processId`'s batch and reserves the next one in one round trip (a batch with halt: nothing is
     * reserved if the clear failed), so a drain costs one request per batch. Like `reserve`, never retried blindly.
     */
    clearAndReserve: async (processId: string, o: ReserveOptions = {}): Promise<Result<OfflineBatch, PortalError>> => {
      const res = await client.batch(
        {
          clear: { method: 'event.offline.clear', params: { process_id: processId, ...connector(o) }, kind: 'write' },
          next: {
            method: 'event.offline.get',
            params: { clear: 0, limit: o.limit ?? 50, ...(o.errors ? { error: 1 } : {}), ...connector(o) },
            kind: 'create',
          },
        },
        { halt: true },
      )
      if (!res.ok) return res
      const { clear, next } = res.value
      if (!clear!.ok) return err(clear!.error)
      if (!next!.ok) return err(next!.error)
      return mapBatch(next!.value.result, 'event.offline.get')
    },
    /** Binds `event` to the offline queue (administrator, application auth). An existing binding is success. */
    bindOffline: async (event: string, o: { authConnector?: string } = {}) => {
      const res = await client.call('event.bind', { event, event_type: 'offline', ...connector(o) }, { kind: 'write' })
      if (res.ok || res.error.restCode === 'ERROR_EVENT_HANDLER_ALREADY_BINDED') return ok(undefined)
      return res
    },
  }
}

export type EventRepository = ReturnType<typeof createEventRepository>
