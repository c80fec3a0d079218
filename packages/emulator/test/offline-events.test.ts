import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal, type Portal } from '../src/index'
import { call } from './rest'

let portal: Portal
let admin: string

interface OfflineGet {
  process_id: string | null
  events: { ID: string; EVENT_NAME: string; EVENT_DATA: { FIELDS: Record<string, unknown> }; MESSAGE_ID: string }[]
}
const get = async (params: Record<string, unknown> = {}): Promise<OfflineGet> =>
  (await call(portal, 'event.offline.get', params, { token: admin })).body['result'] as OfflineGet

beforeEach(async () => {
  portal = createPortal({ faults: { rateLimit: false } })
  admin = portal.issueAuth(1).accessToken
  for (const event of ['ONCRMDEALUPDATE', 'ONCRMDYNAMICITEMUPDATE'])
    expect((await call(portal, 'event.bind', { event, event_type: 'offline' }, { token: admin })).body['result']).toBe(
      true,
    )
})

describe('offline event queue', () => {
  it('records changes made elsewhere (a webhook), one record per object: repeated changes merge', async () => {
    await call(portal, 'crm.deal.update', { id: 3, fields: { TITLE: 'a' } }, { userId: 2 })
    await call(portal, 'crm.deal.update', { id: 3, fields: { TITLE: 'b' } }, { userId: 2 })
    await call(portal, 'crm.deal.update', { id: 4, fields: { TITLE: 'c' } }, { userId: 2 })
    await call(portal, 'crm.item.update', { entityTypeId: 31, id: 1, fields: { title: 'invoice' } }, { userId: 3 })
    const r = await get()
    expect(r.process_id).toBeNull()
    expect(r.events.map((e) => [e.EVENT_NAME, e.EVENT_DATA.FIELDS])).toEqual([
      ['ONCRMDEALUPDATE', { ID: 3 }],
      ['ONCRMDEALUPDATE', { ID: 4 }],
      ['ONCRMDYNAMICITEMUPDATE', { ID: 1, ENTITY_TYPE_ID: 31 }],
    ])
    expect(r.events[0]?.MESSAGE_ID).toMatch(/^[0-9a-f]{32}$/)
    expect((await get()).events).toEqual([]) // clear=1 deleted them
  })

  it("does not queue the app's own changes back to it (same app, same auth_connector)", async () => {
    await call(portal, 'crm.deal.update', { id: 3, fields: { TITLE: 'mine' } }, { token: admin })
    expect((await get()).events).toEqual([])
  })

  it('reserves a batch with clear=0 and a process_id, then clear / error release it', async () => {
    for (const id of [3, 4, 5])
      await call(portal, 'crm.deal.update', { id, fields: { TITLE: `t${id}` } }, { userId: 2 })
    const first = await get({ clear: 0, limit: 2 })
    expect(first.process_id).toMatch(/^[0-9a-f]{32}$/)
    expect(first.events.map((e) => e.EVENT_DATA.FIELDS['ID'])).toEqual([3, 4])
    const second = await get({ clear: 0 })
    expect(second.events.map((e) => e.EVENT_DATA.FIELDS['ID'])).toEqual([5]) // disjoint batches
    // A change while deal 3 is reserved makes a new pending record: nothing is lost.
    await call(portal, 'crm.deal.update', { id: 3, fields: { TITLE: 'again' } }, { userId: 2 })
    expect((await get({ process_id: first.process_id, clear: 0 })).events).toHaveLength(2) // re-read
    const msg3 = first.events[0]?.MESSAGE_ID
    await call(portal, 'event.offline.error', { process_id: first.process_id, message_id: [msg3] }, { token: admin })
    await call(portal, 'event.offline.clear', { process_id: first.process_id }, { token: admin })
    const errors = await get({ error: 1 })
    expect(errors.events.map((e) => e.EVENT_DATA.FIELDS['ID'])).toEqual([3])
    const list = (await call(portal, 'event.offline.list', {}, { token: admin })).body
    expect((list['result'] as { PROCESS_ID: string }[]).map((r) => r.PROCESS_ID)).toEqual([second.process_id])
    expect(list['total']).toBe(1)
  })

  it('a record keeps its ID while repeats merge into it; a change after the reservation is a new ID (same second)', async () => {
    let clock = Date.parse('2026-11-25T09:00:00.100Z')
    portal = createPortal({ faults: { rateLimit: false }, now: () => clock })
    admin = portal.issueAuth(1).accessToken
    await call(portal, 'event.bind', { event: 'ONCRMDEALUPDATE', event_type: 'offline' }, { token: admin })
    const rows = async (params: Record<string, unknown>) =>
      ((await get(params)).events as unknown as { ID: string; TIMESTAMP_X: string; MESSAGE_ID: string }[]).map((e) => [
        e.ID,
        e.TIMESTAMP_X,
        e.MESSAGE_ID,
      ])
    await call(portal, 'crm.deal.update', { id: 3, fields: { TITLE: 'a' } }, { userId: 2 })
    const [merged] = (await call(portal, 'event.offline.list', {}, { token: admin })).body['result'] as { ID: string }[]
    clock += 1_000
    await call(portal, 'crm.deal.update', { id: 3, fields: { TITLE: 'b' } }, { userId: 2 })
    const reserved = await get({ clear: 0 })
    const first = await rows({ process_id: reserved.process_id, clear: 0 })
    expect(first).toEqual([[merged?.ID, '2026-11-25T12:00:01+03:00', expect.stringMatching(/^[0-9a-f]{32}$/)]])
    clock += 200 // the same second: TIMESTAMP_X alone cannot tell the two changes apart
    await call(portal, 'crm.deal.update', { id: 3, fields: { TITLE: 'c' } }, { userId: 2 })
    expect(await rows({ process_id: reserved.process_id, clear: 0 })).toEqual(first) // the reserved record stays
    await call(portal, 'event.offline.clear', { process_id: reserved.process_id }, { token: admin })
    const next = await rows({ clear: 0 })
    expect(next).toEqual([[expect.any(String), first[0]![1], first[0]![2]]])
    expect(next[0]![0]).not.toBe(first[0]![0])
  })

  it('is admin-only and app-only', async () => {
    const manager = portal.issueAuth(2).accessToken
    expect((await call(portal, 'event.offline.get', {}, { token: manager })).body['error']).toBe('ACCESS_DENIED')
    expect((await call(portal, 'event.offline.get', {}, { userId: 1 })).body['error']).toBe('WRONG_AUTH_TYPE')
    expect(
      (await call(portal, 'event.bind', { event: 'ONCRMDEALADD', event_type: 'offline' }, { token: manager })).status,
    ).toBe(403)
    expect(
      (await call(portal, 'event.bind', { event: 'ONNOTHING', event_type: 'offline' }, { token: admin })).body['error'],
    ).toBe('ERROR_EVENT_NOT_FOUND')
  })

  it('records online events for bound handlers instead of posting them', async () => {
    await call(portal, 'event.bind', { event: 'ONCRMLEADADD', handler: 'https://app.example.com/h' }, { token: admin })
    await call(portal, 'crm.lead.add', { fields: { TITLE: 'Новый лид' } }, { userId: 2 })
    expect(portal.store.sentEvents.map((e) => [e.event, e.handler])).toEqual([
      ['ONCRMLEADADD', 'https://app.example.com/h'],
    ])
  })
})
