import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { seedDeals, type Portal } from '@salesflow/emulator'
import { createEventRepository, type EventRepository, type PortalClient } from '@salesflow/portal'
import { ok } from '@salesflow/rules'
import { drainOffline, toPortalEvent } from '../src/intake/offline'
import { eventMessage, offlineChange, type EventMessage } from '../src/intake/events'
import { StateStore } from '../src/state'
import { appClient, webhookClient, startPortal } from './support/portal'

let env: ReturnType<typeof startPortal>
let portal: Portal
let app: PortalClient
let events: EventRepository

/** The portal's clock when a test stops it (null: the real one). */
let frozen: number | null = null

beforeAll(() => {
  env = startPortal({ now: () => frozen ?? Date.now() })
  portal = env.portal
})
afterAll(() => env.stop())
beforeEach(async () => {
  frozen = null
  portal.reset()
  app = await appClient(portal)
  events = createEventRepository(app)
  for (const e of ['ONCRMDEALUPDATE', 'ONCRMLEADADD', 'ONCRMDYNAMICITEMUPDATE'])
    expect((await events.bindOffline(e)).ok).toBe(true)
})

const intake = (state: StateStore, out: EventMessage[], limit = 50) => ({
  events,
  state,
  enqueue: (m: EventMessage) => void out.push(m),
  log: () => undefined,
  limit,
})

async function touchDeals(ids: readonly number[]): Promise<void> {
  const admin = webhookClient(portal, 1)
  for (const id of ids)
    expect((await admin.call('crm.deal.update', { id, fields: { COMMENTS: `c${id}` } })).ok).toBe(true)
}

const queueLength = async () => {
  const r = await app.call<unknown[]>('event.offline.list', {})
  return r.ok ? r.value.total : -1
}

describe('offline event intake (event.offline.get with a process_id, then clear)', () => {
  it('turns each queued change into one message with a per-change key, then clears the batch', async () => {
    await touchDeals([3, 4])
    await webhookClient(portal).call('crm.lead.add', { fields: { TITLE: 'Новый лид' } })
    await webhookClient(portal).call('crm.item.update', { entityTypeId: 31, id: 1, fields: { title: 'счёт' } })
    const state = new StateStore(':memory:')
    const out: EventMessage[] = []
    const r = await drainOffline(intake(state, out))
    expect(r).toEqual({ queued: 4, failed: 0 })
    expect(out.map((m) => m.routingKey).sort()).toEqual([
      'b24.deal.update',
      'b24.deal.update',
      'b24.invoice.update',
      'b24.lead.add',
    ])
    const deal3 = out.find((m) => m.body.entityId === 3 && m.routingKey === 'b24.deal.update')
    // The offline record's ID (with its TIMESTAMP_X) tells this change of deal 3 from the next one.
    expect(deal3?.key).toMatch(/^ONCRMDEALUPDATE\/3\/#\d+@\d{4}-\d\d-\d\dT[\d:]+\+03:00$/)
    expect(deal3?.body.userId).toEqual(expect.any(Number))
    expect(await queueLength()).toBe(0)
    expect(state.reservedBatches()).toEqual([])
  })

  it('three workers draining in parallel queue every change exactly once', async () => {
    const ids = seedDeals(portal, 90)
    await touchDeals(ids)
    const out: EventMessage[] = []
    const states = [0, 1, 2].map(() => new StateStore(':memory:'))
    const results = await Promise.all(states.map((s) => drainOffline(intake(s, out, 7))))
    expect(results.map((r) => r.error?.code)).toEqual([undefined, undefined, undefined])
    expect(results.map((r) => r.queued).reduce((a, b) => a + b)).toBe(90)
    const keys = out.map((m) => m.key)
    expect(new Set(keys).size).toBe(90)
    expect(new Set(out.map((m) => m.body.entityId))).toEqual(new Set(ids))
    expect(await queueLength()).toBe(0)
  }, 60_000) // 90 portal writes and the drains: seconds on a loaded machine

  it('a batch reserved by a run that crashed before clearing is re-read by process_id on the next start', async () => {
    await touchDeals([5, 6, 7])
    const state = new StateStore(':memory:')
    const crashed = await events.reserve({ limit: 2 })
    expect(crashed.ok && crashed.value.events.length).toBe(2)
    if (!crashed.ok || crashed.value.processId === null) return
    state.batchReserved(crashed.value.processId, false) // …and then the process died
    const crashedKeys = crashed.value.events.map((e) => eventMessage(toPortalEvent(e), offlineChange(e))?.key)
    await touchDeals([5]) // a change while the batch is reserved: a record of its own, not merged into the batch
    const out: EventMessage[] = []
    const r = await drainOffline(intake(state, out))
    expect(r).toEqual({ queued: 4, failed: 0 })
    expect(out.map((m) => m.body.entityId).sort()).toEqual([5, 5, 6, 7])
    // The re-read batch keeps its keys (consumers drop what they already finished); the later change has its own.
    expect(out.slice(0, 2).map((m) => m.key)).toEqual(crashedKeys)
    expect(new Set(out.map((m) => m.key)).size).toBe(4)
    expect(await queueLength()).toBe(0)
  })

  it('two changes of one deal in the same second are two messages (the second came after a reservation)', async () => {
    const state = new StateStore(':memory:')
    const out: EventMessage[] = []
    frozen = Date.now()
    await touchDeals([8])
    expect(await drainOffline(intake(state, out))).toEqual({ queued: 1, failed: 0 })
    await touchDeals([8])
    expect(await drainOffline(intake(state, out))).toEqual({ queued: 1, failed: 0 })
    const [a, b] = out
    expect([a!.body.entityId, b!.body.entityId]).toEqual([8, 8])
    expect(b!.body.occurredAt).toBe(a!.body.occurredAt) // one TIMESTAMP_X…
    expect(b!.key).not.toBe(a!.key) // …two changes
  })

  it('records the worker does not handle are marked with event.offline.error, the rest cleared', async () => {
    const calls: string[] = []
    const fake: EventRepository = {
      ...events,
      reserve: async () =>
        calls.push('reserve') === 1
          ? ok({
              processId: 'p1',
              events: [
                {
                  id: 1,
                  name: 'ONCRMDEALUPDATE',
                  messageId: 'm1',
                  timestamp: '2026-11-25T10:00:00+03:00',
                  entityId: 9,
                  entityTypeId: null,
                  userId: 2,
                  data: {},
                },
                {
                  id: 2,
                  name: 'ONCRMDYNAMICITEMUPDATE',
                  messageId: 'm2',
                  timestamp: '2026-11-25T10:00:00+03:00',
                  entityId: 4,
                  entityTypeId: 1038,
                  userId: 2,
                  data: {},
                },
              ],
            })
          : ok({ processId: 'p2', events: [] }),
      markError: async (pid, ids) => (calls.push(`error ${pid} ${ids.join(',')}`), ok(undefined)),
      clear: async (pid) => (calls.push(`clear ${pid}`), ok(undefined)),
      clearAndReserve: async (pid) => (calls.push(`clear ${pid} + reserve`), ok({ processId: 'p2', events: [] })),
    }
    const out: EventMessage[] = []
    const r = await drainOffline({ ...intake(new StateStore(':memory:'), out), events: fake })
    expect(r).toEqual({ queued: 1, failed: 1 })
    expect(calls).toEqual(['reserve', 'error p1 m2', 'clear p1 + reserve'])
  })
})
