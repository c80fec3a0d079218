import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isoDateTime } from '../core/dates'
import { md5 } from '../core/auth'
import { isRecord, param, toArray, toInt } from '../core/params'
import { argumentError, RestError, wrongAuthType } from '../http/rest-error'
import { nextId } from '../store/store'
import { listRows, orderRows, filterRows } from '../query/list'

/** The events the emulator fires (CRM changes); event.bind rejects anything else. */
export const KNOWN_EVENTS = new Set([
  'ONCRMDEALADD',
  'ONCRMDEALUPDATE',
  'ONCRMDEALDELETE',
  'ONCRMDEALMOVETOCATEGORY',
  'ONCRMLEADADD',
  'ONCRMLEADUPDATE',
  'ONCRMLEADDELETE',
  'ONCRMCOMPANYADD',
  'ONCRMCOMPANYUPDATE',
  'ONCRMCONTACTADD',
  'ONCRMCONTACTUPDATE',
  'ONCRMDYNAMICITEMADD',
  'ONCRMDYNAMICITEMUPDATE',
  'ONCRMDYNAMICITEMDELETE',
  'ONCRMTIMELINECOMMENTADD',
  'ONTASKADD',
  'ONTASKUPDATE',
  'ONOFFLINEEVENT',
  'ONAPPINSTALL',
])

/**
 * A CRM change: queued for every offline binding (merged on MESSAGE_ID while pending, EventOfflineTable::callEvent)
 * except the caller's own app + connector (loop suppression), and recorded for every online binding.
 */
export function emitEvent(ctx: CallContext, eventName: string, data: Record<string, unknown>): void {
  const { store } = ctx
  const timestamp = isoDateTime(ctx.now)
  for (const b of store.eventBindings) {
    if (b.event !== eventName) continue
    if (!b.offline) {
      store.sentEvents.push({ event: eventName, handler: b.handler, data, time: ctx.now })
      continue
    }
    if (ctx.isApp && ctx.authConnector === b.connector) continue
    const messageId = md5(`${eventName}|${JSON.stringify(data)}`)
    const pending = store.offlineEvents.find(
      (e) => e.messageId === messageId && e.connector === b.connector && e.processId === '',
    )
    pingOffline(ctx)
    if (pending) {
      pending.timestamp = timestamp
      pending.eventData = data
      pending.additional = { user_id: String(ctx.user.id) }
      continue
    }
    store.offlineEvents.push({
      id: nextId(store, 'offlineEvent'),
      timestamp,
      eventName,
      eventData: data,
      additional: { user_id: String(ctx.user.id) },
      messageId,
      connector: b.connector,
      processId: '',
      error: false,
    })
  }
}

/** ONOFFLINEEVENT: an online "the queue has new items" ping with empty data, throttled by `minTimeout`. */
function pingOffline(ctx: CallContext): void {
  for (const b of ctx.store.eventBindings) {
    if (b.event !== 'ONOFFLINEEVENT' || b.offline) continue
    const window = (b.minTimeout ?? 1) * 1000
    const recent = ctx.store.sentEvents.some(
      (e) => e.event === 'ONOFFLINEEVENT' && e.handler === b.handler && ctx.now - e.time < window,
    )
    if (!recent) ctx.store.sentEvents.push({ event: 'ONOFFLINEEVENT', handler: b.handler, data: {}, time: ctx.now })
  }
}

function requireApp(ctx: CallContext): void {
  if (!ctx.isApp) throw wrongAuthType()
}

function requireAdmin(ctx: CallContext, what: string): void {
  if (!ctx.user.isAdmin) throw new RestError(403, 'ACCESS_DENIED', `${what} requires administrator access rights`)
}

function offlineRow(e: CallContext['store']['offlineEvents'][number], withProcess: boolean): Record<string, unknown> {
  const row: Record<string, unknown> = {
    ID: String(e.id),
    TIMESTAMP_X: e.timestamp,
    EVENT_NAME: e.eventName,
    EVENT_DATA: e.eventData,
    EVENT_ADDITIONAL: e.additional,
    MESSAGE_ID: e.messageId,
  }
  if (withProcess) {
    row['PROCESS_ID'] = e.processId
    row['ERROR'] = e.error ? '1' : '0'
  }
  return row
}

/** A fresh 32-hex process id (deterministic per portal, unique per call). */
const processIdFrom = (ctx: CallContext): string => md5(`process|${ctx.state.memberId}|${nextId(ctx.store, 'process')}`)

export const eventMethods: MethodTable = {
  'event.bind': (ctx) => {
    requireApp(ctx)
    const event = String(param(ctx.params, 'event') ?? '').toUpperCase()
    if (!event) throw argumentError('EVENT')
    if (!KNOWN_EVENTS.has(event)) throw new RestError(400, 'ERROR_EVENT_NOT_FOUND', 'Event not found')
    const offline = String(param(ctx.params, 'event_type') ?? 'online').toLowerCase() === 'offline'
    const handler = String(param(ctx.params, 'handler') ?? '')
    if (offline) requireAdmin(ctx, 'Offline events binding')
    else if (!handler) throw argumentError('HANDLER')
    const connector = String(param(ctx.params, 'auth_connector') ?? '')
    const options = param(ctx.params, 'options')
    const minTimeout = isRecord(options) ? toInt(options['minTimeout']) : undefined
    if (event === 'ONOFFLINEEVENT' && offline) throw new RestError(400, 'ERROR_EVENT_NOT_FOUND', 'Event not found')
    const binding = {
      event,
      handler: offline ? '' : handler,
      authType: toInt(param(ctx.params, 'auth_type')) ?? 0,
      offline,
      connector,
      ...(minTimeout !== undefined ? { minTimeout } : {}),
    }
    const exists = ctx.store.eventBindings.some(
      (b) =>
        b.event === binding.event &&
        b.handler === binding.handler &&
        b.offline === offline &&
        b.connector === connector,
    )
    if (exists) throw new RestError(400, 'ERROR_EVENT_HANDLER_ALREADY_BINDED', 'Handler already binded')
    ctx.store.eventBindings.push(binding)
    return out(true)
  },
  'event.unbind': (ctx) => {
    requireApp(ctx)
    const event = String(param(ctx.params, 'event') ?? '').toUpperCase()
    const handler = param(ctx.params, 'handler')
    const offline = String(param(ctx.params, 'event_type') ?? 'online').toLowerCase() === 'offline'
    const before = ctx.store.eventBindings.length
    ctx.store.eventBindings = ctx.store.eventBindings.filter(
      (b) => !(b.event === event && b.offline === offline && (handler === undefined || b.handler === String(handler))),
    )
    return out({ count: before - ctx.store.eventBindings.length })
  },
  'event.get': (ctx) => {
    requireApp(ctx)
    return out(
      ctx.store.eventBindings.map((b) => ({
        event: b.event,
        handler: b.handler,
        auth_type: String(b.authType),
        offline: b.offline ? 1 : 0,
        ...(b.connector ? { connector_id: b.connector } : {}),
      })),
    )
  },
  events: () => out([...KNOWN_EVENTS]),
  'event.offline.get': (ctx) => {
    requireApp(ctx)
    requireAdmin(ctx, 'Offline events')
    const clear = String(param(ctx.params, 'clear') ?? '1') !== '0'
    const error = String(param(ctx.params, 'error') ?? '0') === '1'
    const connector = String(param(ctx.params, 'auth_connector') ?? '')
    const limitRaw = param(ctx.params, 'limit')
    const limit = limitRaw === undefined ? 50 : toInt(limitRaw)
    if (limit === undefined || limit <= 0)
      throw new RestError(400, 'ERROR_ARGUMENT', 'Value must be positive integer', { argument: 'LIMIT' })
    const given = param(ctx.params, 'process_id')
    let processId: string
    if (typeof given === 'string' && given !== '') {
      processId = given
    } else {
      processId = processIdFrom(ctx)
      const order = param(ctx.params, 'order') ?? { TIMESTAMP_X: 'ASC' }
      const candidates = ctx.store.offlineEvents
        .filter((e) => e.connector === connector && e.error === error && e.processId === '')
        .map((e) => ({ row: offlineRow(e, false), e }))
      const filtered = filterRows(
        candidates.map((c) => ({ ...c.row, __ref: c.e })),
        param(ctx.params, 'filter'),
      )
      for (const r of orderRows(filtered, order, 'ID').slice(0, limit))
        (r['__ref'] as (typeof candidates)[number]['e']).processId = processId
    }
    const reserved = ctx.store.offlineEvents.filter((e) => e.processId === processId && e.connector === connector)
    const events = reserved.map((e) => offlineRow(e, false))
    if (clear) ctx.store.offlineEvents = ctx.store.offlineEvents.filter((e) => !reserved.includes(e))
    return out({ process_id: clear && !(typeof given === 'string' && given) ? null : processId, events })
  },
  'event.offline.clear': (ctx) => {
    requireApp(ctx)
    requireAdmin(ctx, 'Offline events')
    const processId = String(param(ctx.params, 'process_id') ?? '')
    if (!processId) throw argumentError('PROCESS_ID')
    const connector = String(param(ctx.params, 'auth_connector') ?? '')
    const ids = toArray(param(ctx.params, 'id')).map(Number)
    const messageIds = toArray(param(ctx.params, 'message_id')).map(String)
    ctx.store.offlineEvents = ctx.store.offlineEvents.filter((e) => {
      if (e.processId !== processId || e.connector !== connector) return true
      if (ids.length > 0) return !ids.includes(e.id)
      if (messageIds.length > 0) return !messageIds.includes(e.messageId)
      return false
    })
    return out(true)
  },
  'event.offline.error': (ctx) => {
    requireApp(ctx)
    requireAdmin(ctx, 'Offline events')
    const processId = String(param(ctx.params, 'process_id') ?? '')
    if (!processId) throw argumentError('PROCESS_ID')
    const raw = param(ctx.params, 'message_id')
    if (!Array.isArray(raw) && !isRecord(raw)) throw argumentError('MESSAGE_ID')
    const messageIds = toArray(raw).map(String)
    const connector = String(param(ctx.params, 'auth_connector') ?? '')
    // Other non-error copies of these messages go; this process's rows become unreserved error rows.
    ctx.store.offlineEvents = ctx.store.offlineEvents.filter(
      (e) => !(messageIds.includes(e.messageId) && e.connector === connector && !e.error && e.processId !== processId),
    )
    for (const e of ctx.store.offlineEvents)
      if (e.processId === processId && e.connector === connector && messageIds.includes(e.messageId)) {
        e.error = true
        e.processId = ''
      }
    return out(true)
  },
  'event.offline.list': (ctx) => {
    requireApp(ctx)
    requireAdmin(ctx, 'Offline events')
    const connector = String(param(ctx.params, 'auth_connector') ?? '')
    const rows = ctx.store.offlineEvents.filter((e) => e.connector === connector).map((e) => offlineRow(e, true))
    const page = listRows(
      rows,
      { filter: param(ctx.params, 'filter'), order: param(ctx.params, 'order'), start: param(ctx.params, 'start') },
      'ID',
    )
    return out(page.rows, page.total, page.next)
  },
}
