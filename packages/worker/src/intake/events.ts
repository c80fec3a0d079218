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
  /** Unique per change: the same change always gets the same key, a later change of the object a new one. */
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

/** The message for an event, or null when the worker does not handle it or it names no object. */
export function eventMessage(e: PortalEvent): EventMessage | null {
  const routingKey = routingKeyOf(e)
  if (routingKey === null || e.entityId === null) return null
  const type = e.entityTypeId === null ? '' : `:${e.entityTypeId}`
  return { key: `${e.name}/${e.entityId}${type}/${e.occurredAt}`, routingKey, body: e }
}
