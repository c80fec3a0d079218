import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toPhpQuery } from '@salesflow/emulator'
import { onlineEventHandler } from '../src/intake/online'
import { parsePhpForm } from '../src/intake/form'
import type { EventMessage } from '../src/intake/events'
import { StateStore } from '../src/state'

const state = new StateStore(':memory:')
const queued: EventMessage[] = []
let server: Server
let url: string

beforeAll(async () => {
  state.saveTokens({
    memberId: 'member-1',
    domain: 'demo.bitrix24.test',
    clientEndpoint: 'https://demo.bitrix24.test/rest/',
    accessToken: 'a',
    refreshToken: 'r',
    expiresAt: Date.now() + 3_600_000,
    applicationToken: '0123456789abcdef0123456789abcdef',
  })
  const handle = onlineEventHandler({ state, enqueue: (m) => void queued.push(m), log: () => undefined })
  server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/events`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

/** A POST shaped like the emulator's (and Bitrix24's) event delivery. */
const post = (auth: Record<string, string>, event = 'ONCRMDEALUPDATE', id = 759) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: toPhpQuery({
      event,
      event_handler_id: 3,
      data: { FIELDS: { ID: id } },
      ts: 1764000000,
      auth: { domain: 'demo.bitrix24.test', access_token: 'x', ...auth },
    }),
  })

describe('online event handler', () => {
  it('queues an event whose application_token matches the one stored for its member', async () => {
    const res = await post({ member_id: 'member-1', application_token: '0123456789abcdef0123456789abcdef' })
    expect(res.status).toBe(200)
    expect(queued.map((m) => [m.key, m.routingKey])).toEqual([
      [expect.stringMatching(/^ONCRMDEALUPDATE\/759\/online:[0-9a-f-]{36}$/), 'b24.deal.update'],
    ])
    expect(queued[0]?.body.occurredAt).toBe('2025-11-24T16:00:00.000Z')
  })

  it('two changes of one object in the same second (the same POST twice) are two events', async () => {
    const before = queued.length
    const auth = { member_id: 'member-1', application_token: '0123456789abcdef0123456789abcdef' }
    expect((await post(auth, 'ONCRMDEALUPDATE', 760)).status).toBe(200)
    expect((await post(auth, 'ONCRMDEALUPDATE', 760)).status).toBe(200)
    const [a, b] = queued.slice(before)
    expect(a?.body).toEqual(b?.body)
    expect(a?.key).not.toBe(b?.key)
  })

  it.each([
    ['a forged token', { member_id: 'member-1', application_token: 'ffffffffffffffffffffffffffffffff' }],
    ['a token of another length', { member_id: 'member-1', application_token: 'short' }],
    ['no token', { member_id: 'member-1' }],
    ['an unknown portal', { member_id: 'member-2', application_token: '0123456789abcdef0123456789abcdef' }],
  ])('answers 401 to %s and queues nothing', async (_label, auth) => {
    const before = queued.length
    const res = await post(auth)
    expect(res.status).toBe(401)
    expect(((await res.json()) as { error: string }).error).toBe('UNAUTHORIZED')
    expect(queued.length).toBe(before)
  })

  it('parses nested PHP form keys the way the emulator (http_build_query) writes them', () => {
    const body = toPhpQuery({
      data: { FIELDS: { ID: 5, ENTITY_TYPE_ID: 31 } },
      list: ['a', 'b'],
      auth: { member_id: 'm' },
    })
    expect(parsePhpForm(body)).toEqual({
      data: { FIELDS: { ID: '5', ENTITY_TYPE_ID: '31' } },
      list: { '0': 'a', '1': 'b' },
      auth: { member_id: 'm' },
    })
  })
})
