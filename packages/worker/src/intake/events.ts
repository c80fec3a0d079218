import { randomUUID } from 'node:crypto'

/** A portal event the worker acts on, whichever way it arrived (offline queue or online handler). */
export interface PortalEvent {
  readonly name: string
  readonly entityId: number | null
  readonly entityTypeId: number | null
  /** When the change happened (offline: TIMESTAMP_X; online: `ts`), ISO 8601. */
  readonly occurredAt: string
  readonly userId: number | null
}

/** The queue message for one portal event. */
export interface EventMessage {
  /** `<EVENT_NAME>/<object>/<change>`: the same change always gets the same key, a later change of the object a new one. */
  readonly key: string
  readonly routingKey: string
  readonly body: PortalEvent
}

const SMART_INVOICE = 31

/** `b24.<entity>.<action>` for the events the worker handles; null for anything else. */
export function routingKeyOf(e: Pick<PortalEvent, 'name' | 'entityTypeId'>): string | null {
  const m = /^ONCRM(DEAL|LEAD)(ADD|UPDATE|DELETE)$/.exec(e.name)
  if (m) return `b24.${m[1]!.toLowerCase()}.${m[2]!.toLowerCase()}`
  if (e.name === 'ONCRMDEALMOVETOCATEGORY') return 'b24.deal.update'
  const dyn = /^ONCRMDYNAMICITEM(ADD|UPDATE|DELETE)$/.exec(e.name)
  if (dyn && e.entityTypeId === SMART_INVOICE) return `b24.invoice.${dyn[1]!.toLowerCase()}`
  const task = /^ONTASK(ADD|UPDATE)$/.exec(e.name)
  if (task) return `b24.task.${task[1]!.toLowerCase()}`
  return null
}

/**
 * What tells one change of an object from another in an event key:
 * - offline: the queue record's own ID. The portal keeps one pending record per object and event name (MESSAGE_ID)
 *   and merges repeats into it while nobody has reserved it (its ID stays, TIMESTAMP_X moves on); a change that
 *   arrives once the record is reserved gets a new record with a new ID, and a reserved record never changes, so a
 *   re-read of the batch by its process_id gives the same ID (integration.md §1.4). TIMESTAMP_X rides along only
 *   against an ID the portal's counter might hand out again after the queue was emptied.
 * - online: nothing in the POST tells two changes apart (`ts` is the send time in seconds, `data` the object id)
 *   and the portal never sends an event twice (integration.md §2: no retries), so each accepted POST is a change
 *   of its own and gets a key minted on receipt.
 */
export const offlineChange = (record: { readonly id: number; readonly timestamp: string }): string =>
  `#${record.id}@${record.timestamp}`
export const onlineChange = (): string => `online:${randomUUID()}`

/** The message for an event, or null when the worker does not handle it or it names no object. */
export function eventMessage(e: PortalEvent, change: string): EventMessage | null {
  const routingKey = routingKeyOf(e)
  if (routingKey === null || e.entityId === null) return null
  const type = e.entityTypeId === null ? '' : `:${e.entityTypeId}`
  return { key: `${e.name}/${e.entityId}${type}/${change}`, routingKey, body: e }
}
