import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call, createClock, ORIGIN } from './rest'

describe('leaky bucket (standard plan: burst 50, drains 2 per second)', () => {
  it('answers 503 QUERY_LIMIT_EXCEEDED over the burst and recovers as it drains', async () => {
    const clock = createClock()
    const portal = createPortal({ now: clock.now })
    for (let i = 0; i < 50; i++) expect((await call(portal, 'profile')).status).toBe(200)
    const over = await call(portal, 'profile')
    expect(over).toEqual({
      status: 503,
      body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
    })
    clock.advance(1000) // two requests drained
    expect((await call(portal, 'profile')).status).toBe(200)
    expect((await call(portal, 'profile')).status).toBe(200)
    expect((await call(portal, 'profile')).status).toBe(503)
  })

  it('counts a batch of 50 commands as one request', async () => {
    const portal = createPortal({ now: createClock().now })
    for (let i = 0; i < 49; i++) await call(portal, 'profile')
    const r = await call(portal, 'batch', { cmd: Array.from({ length: 50 }, () => 'profile') })
    expect(r.status).toBe(200)
    expect((await call(portal, 'profile')).status).toBe(503)
  })

  it('the enterprise plan allows 250', async () => {
    const portal = createPortal({ now: createClock().now, plan: 'enterprise' })
    for (let i = 0; i < 250; i++) await call(portal, 'profile')
    expect((await call(portal, 'profile')).status).toBe(503)
  })

  it('can be switched off, or forced', async () => {
    const portal = createPortal({ now: createClock().now, faults: { rateLimit: false } })
    for (let i = 0; i < 60; i++) await call(portal, 'profile')
    expect((await call(portal, 'profile')).status).toBe(200)
    portal.setFaults({ forceQueryLimit: true })
    expect((await call(portal, 'profile')).status).toBe(503)
  })
})

describe('tokens', () => {
  it('an access token expires after its TTL (401 expired_token); the refresh token gives a working pair', async () => {
    const clock = createClock()
    const portal = createPortal({ now: clock.now, tokenTtlSeconds: 3600 })
    const grant = portal.issueAuth(2)
    expect(grant).toMatchObject({ expiresIn: 3600, memberId: portal.memberId, userId: 2 })
    expect((await call(portal, 'user.current', {}, { token: grant.accessToken })).body['result']).toMatchObject({
      ID: '2',
    })
    clock.advance(3600_000)
    expect(await call(portal, 'user.current', {}, { token: grant.accessToken })).toEqual({
      status: 401,
      body: { error: 'expired_token', error_description: 'The access token provided has expired.' },
    })
    const renewed = portal.refreshAuth(grant.refreshToken)
    expect(renewed?.accessToken).not.toBe(grant.accessToken)
    expect((await call(portal, 'user.current', {}, { token: renewed?.accessToken ?? '' })).status).toBe(200)
    expect(portal.refreshAuth(grant.refreshToken)).toBeNull() // single use
  })

  it('forceExpiredToken expires the tokens issued so far, not the ones refreshed afterwards', async () => {
    const portal = createPortal({ faults: { rateLimit: false } })
    const grant = portal.issueAuth(1)
    portal.setFaults({ forceExpiredToken: true })
    expect((await call(portal, 'profile', {}, { token: grant.accessToken })).status).toBe(401)
    const renewed = portal.refreshAuth(grant.refreshToken)
    expect((await call(portal, 'profile', {}, { token: renewed?.accessToken ?? '' })).status).toBe(200)
  })

  it('rejects unknown tokens, missing auth and a wrong webhook secret', async () => {
    const portal = createPortal({ faults: { rateLimit: false } })
    expect((await call(portal, 'profile', {}, { token: 'nope' })).body['error']).toBe('invalid_token')
    const none = await portal.handle(new Request(`${ORIGIN}/rest/profile`, { method: 'POST' }))
    expect([none.status, ((await none.json()) as { error: string }).error]).toEqual([401, 'NO_AUTH_FOUND'])
    const wrong = await portal.handle(new Request(`${ORIGIN}/rest/1/wrong/profile`, { method: 'POST' }))
    expect([wrong.status, ((await wrong.json()) as { error: string }).error]).toEqual([403, 'INVALID_CREDENTIALS'])
  })
})

describe('error bodies where the portal returns them', () => {
  const portal = createPortal({ faults: { rateLimit: false } })

  it.each<[string, string, Record<string, unknown>, number, number, string, string]>([
    ['legacy not found', 'crm.deal.get', { id: 999 }, 1, 400, '', 'Not found'],
    ['legacy bad id', 'crm.deal.get', { id: 'x' }, 1, 400, '', 'ID is not defined or invalid'],
    [
      'legacy access denied (intern writes a deal)',
      'crm.deal.update',
      { id: 1, fields: { TITLE: 'x' } },
      5,
      400,
      '',
      'Access denied',
    ],
    [
      'engine access denied',
      'crm.item.update',
      { entityTypeId: 2, id: 1, fields: { title: 'x' } },
      5,
      400,
      'ACCESS_DENIED',
      'Access denied.',
    ],
    ['engine not found', 'crm.item.get', { entityTypeId: 31, id: 999 }, 1, 400, 'NOT_FOUND', 'Element not found'],
    [
      'unsupported entity type',
      'crm.item.get',
      { entityTypeId: 5, id: 1 },
      1,
      400,
      'ENTITY_TYPE_NOT_SUPPORTED',
      'Entity type 5 is not supported',
    ],
    ['unknown method', 'crm.deal.frobnicate', {}, 1, 404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'],
    ['currency not found', 'crm.currency.get', { id: 'XYZ' }, 1, 400, '', 'Not found'],
    [
      'placement needs an app',
      'placement.bind',
      { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: 'https://a.b/x' },
      1,
      403,
      'WRONG_AUTH_TYPE',
      'Current authorization type is denied for this method Application context required',
    ],
  ])('%s', async (_name, method, params, userId, status, error, description) => {
    expect(await call(portal, method, params, { userId })).toEqual({
      status,
      body: { error, error_description: description },
    })
  })

  it('the intern can still read', async () => {
    expect((await call(portal, 'crm.deal.get', { id: 1 }, { userId: 5 })).status).toBe(200)
  })

  it('catalog errors carry numeric codes', async () => {
    const r = await call(portal, 'catalog.product.list', { filter: {} })
    expect(r.status).toBe(400)
    expect(r.body['error']).toBeTypeOf('number')
  })

  it('an invalid JSON body is a 400', async () => {
    const res = await portal.handle(
      new Request(`${portal.webhookUrl(ORIGIN, 1)}profile`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"a":',
      }),
    )
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toBe('INVALID_REQUEST')
  })
})

describe('request forms', () => {
  const portal = createPortal({ faults: { rateLimit: false } })

  it('reads PHP form bodies merged over the query string, and the .json suffix', async () => {
    const res = await portal.handle(
      new Request(`${portal.webhookUrl(ORIGIN, 1)}crm.deal.list.json?select[]=ID&filter[CATEGORY_ID]=0`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'filter[CATEGORY_ID]=2&order[ID]=DESC',
      }),
    )
    const body = (await res.json()) as { result: { ID: string }[] }
    const want = [...portal.store.deals.values()]
      .filter((d) => d.categoryId === 2)
      .map((d) => String(d.id))
      .reverse()
    expect(body.result.map((r) => r.ID)).toEqual(want)
    expect(Object.keys(body.result[0] ?? {})).toEqual(['ID'])
  })

  it('answers CORS preflights like the real server', async () => {
    const res = await portal.handle(new Request(`${ORIGIN}/rest/crm.deal.get`, { method: 'OPTIONS' }))
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-headers')).toBe('origin, content-type, accept')
  })
})

describe('forced faults', () => {
  it('500, 429, malformed JSON and wrong field types for the chosen methods only', async () => {
    const portal = createPortal({ faults: { rateLimit: false } })
    portal.setFaults({ forceStatus500: 'crm.deal.get', forceOperatingLimit: ['crm.item.list'] })
    expect((await call(portal, 'crm.deal.get', { id: 1 })).status).toBe(500)
    expect((await call(portal, 'crm.item.list', { entityTypeId: 2 })).body['error']).toBe('OPERATION_TIME_LIMIT')
    expect((await call(portal, 'crm.lead.get', { id: 1 })).status).toBe(200)
    portal.setFaults({
      forceStatus500: null,
      forceOperatingLimit: null,
      forceMalformedJson: 'crm.deal.get',
      forceWrongFieldType: 'crm.item.get',
    })
    const broken = await portal.handle(
      new Request(`${portal.webhookUrl(ORIGIN, 1)}crm.deal.get?id=1`, { method: 'POST' }),
    )
    expect(broken.status).toBe(200)
    await expect(broken.clone().json()).rejects.toThrow()
    const item = (
      (await call(portal, 'crm.item.get', { entityTypeId: 2, id: 12 })).body['result'] as {
        item: Record<string, unknown>
      }
    ).item
    expect(item['opportunity']).toEqual({ value: Number(portal.store.deals.get(12)?.opportunity) })
  })

  it('holds the answer of a timed-out method for timeoutDelayMs', async () => {
    const portal = createPortal({ faults: { rateLimit: false, forceTimeout: 'profile', timeoutDelayMs: 60 } })
    const started = performance.now()
    const r = await call(portal, 'profile')
    expect(r.status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(55)
  })
})

describe('operating limit', () => {
  it('answers 429 OPERATION_TIME_LIMIT once a method used its seconds within the 10-minute window', async () => {
    const clock = createClock()
    // Each call accounts 0.002 s: a 0.005 s limit is reached after three calls (a real portal: 480 s).
    const portal = createPortal({ now: clock.now, faults: { rateLimit: false }, operatingLimitSeconds: 0.005 })
    const first = await call(portal, 'crm.deal.list', { select: ['ID'] })
    const time = first.body['time'] as { operating: number; operating_reset_at: number }
    expect(time.operating_reset_at).toBe(Math.floor(clock.now() / 1000) + 600)
    expect(time.operating).toBe(0.002)
    await call(portal, 'crm.deal.list', { select: ['ID'] })
    await call(portal, 'crm.deal.list', { select: ['ID'] })
    expect(await call(portal, 'crm.deal.list', { select: ['ID'] })).toEqual({
      status: 429,
      body: { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit.' },
    })
    expect((await call(portal, 'crm.lead.list', { select: ['ID'] })).status).toBe(200) // per method
    clock.advance(600_000)
    expect((await call(portal, 'crm.deal.list', { select: ['ID'] })).status).toBe(200)
  })
})

describe('forced faults inside a batch', () => {
  it('hit the sub-commands they name: 500 lands in result_error, wrong types in result, a hold delays the batch', async () => {
    const portal = createPortal({ faults: { rateLimit: false } })
    portal.setFaults({
      forceStatus500: 'crm.deal.get',
      forceWrongFieldType: 'crm.item.get',
      forceTimeout: 'profile',
      timeoutDelayMs: 60,
    })
    const started = performance.now()
    const r = await call(portal, 'batch', {
      halt: 0,
      cmd: { deal: 'crm.deal.get?id=1', item: 'crm.item.get?entityTypeId=2&id=12', me: 'profile' },
    })
    expect(performance.now() - started).toBeGreaterThanOrEqual(55)
    const body = r.body['result'] as {
      result: Record<string, { item?: { opportunity: unknown } }>
      result_error: Record<string, { error: string }>
    }
    expect(r.status).toBe(200)
    expect(body.result_error['deal']?.error).toBe('INTERNAL_SERVER_ERROR')
    expect(body.result['item']?.item?.opportunity).toEqual({ value: Number(portal.store.deals.get(12)?.opportunity) })
    expect(Object.keys(body.result)).toEqual(['item', 'me'])
  })
})

describe('forced faults on the /batch request itself', () => {
  const writeRows = 'crm.deal.productrows.set?id=3&rows[0][PRICE]=777&rows[0][QUANTITY]=1'
  const rowsOf3 = (portal: ReturnType<typeof createPortal>) =>
    [...portal.store.productRows.values()].filter((r) => r.ownerType === 'D' && r.ownerId === 3).map((r) => r.price)

  it.each([
    ['forceStatus500', 500, 'INTERNAL_SERVER_ERROR'],
    ['forceOperatingLimit', 429, 'OPERATION_TIME_LIMIT'],
  ] as const)('%s: "batch" answers %i %s and runs none of its commands', async (fault, status, code) => {
    const portal = createPortal({ faults: { rateLimit: false, [fault]: 'batch' } })
    const before = rowsOf3(portal)
    portal.log.length = 0
    const r = await call(portal, 'batch', { halt: 1, cmd: { write: writeRows, me: 'profile' } })
    expect([r.status, r.body['error']]).toEqual([status, code])
    expect(rowsOf3(portal)).toEqual(before)
    expect(portal.log.map((l) => [l.method, l.transport, l.status])).toEqual([['batch', 'http', status]])
    // A single call of the same method is untouched: the fault names the batch request only.
    expect((await call(portal, 'profile')).status).toBe(200)
  })

  it('forceTimeout: "batch" holds the answer; the commands still run (the write is applied, its answer lost)', async () => {
    const portal = createPortal({ faults: { rateLimit: false, forceTimeout: 'batch', timeoutDelayMs: 5_000 } })
    const abort = new AbortController()
    const url = `${portal.webhookUrl(ORIGIN, 1)}batch`
    const pending = portal.handle(
      new Request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ cmd: { write: writeRows } }),
        signal: abort.signal,
      }),
    )
    await new Promise((r) => setTimeout(r, 50))
    expect(rowsOf3(portal)).not.toEqual(['777.00']) // still held
    const started = performance.now()
    abort.abort() // the client's timeout
    await pending
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(rowsOf3(portal)).toEqual(['777.00'])
  })

  it('forceMalformedJson: "batch" answers 200 with a body that is not JSON, after running the commands', async () => {
    const portal = createPortal({ faults: { rateLimit: false, forceMalformedJson: 'batch' } })
    const res = await portal.handle(
      new Request(`${portal.webhookUrl(ORIGIN, 1)}batch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ cmd: { write: writeRows } }),
      }),
    )
    expect(res.status).toBe(200)
    await expect(res.clone().json()).rejects.toThrow()
    expect(rowsOf3(portal)).toEqual(['777.00'])
  })
})

describe('forced faults on single sub-commands', () => {
  it('"cmd:<key>" fails one command and not another of the same method; halt stops there', async () => {
    const portal = createPortal({ faults: { rateLimit: false, forceStatus500: 'cmd:again' } })
    const cmd = { first: 'crm.deal.get?id=1', again: 'crm.deal.get?id=2', after: 'profile' }
    const all = (await call(portal, 'batch', { halt: 0, cmd })).body['result'] as {
      result: Record<string, unknown>
      result_error: Record<string, { error: string }>
    }
    expect(Object.keys(all.result)).toEqual(['first', 'after'])
    expect(all.result_error).toEqual({
      again: { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' },
    })
    const halted = (await call(portal, 'batch', { halt: 1, cmd })).body['result'] as { result: Record<string, unknown> }
    expect(Object.keys(halted.result)).toEqual(['first'])
  })

  it('a 429 on one sub-command lands in result_error while the batch answers 200', async () => {
    const portal = createPortal({ faults: { rateLimit: false, forceOperatingLimit: 'crm.item.list' } })
    const r = await call(portal, 'batch', {
      halt: 0,
      cmd: { items: 'crm.item.list?entityTypeId=31', deal: 'crm.deal.get?id=1' },
    })
    expect(r.status).toBe(200)
    const body = r.body['result'] as { result: Record<string, unknown>; result_error: Record<string, unknown> }
    expect(body.result_error['items']).toEqual({
      error: 'OPERATION_TIME_LIMIT',
      error_description: 'Method is blocked due to operation time limit.',
    })
    expect(Object.keys(body.result)).toEqual(['deal'])
  })
})

describe('error codes as the reference gives them', () => {
  const portal = createPortal({ faults: { rateLimit: false } })

  it.each(['app.option.get', 'app.option.set'])(
    '%s through a webhook: 400 AccessException (app context only)',
    async (m) => {
      const r = await call(portal, m, { options: { a: 1 } })
      expect(r).toEqual({
        status: 400,
        body: { error: 'AccessException', error_description: 'Application context required' },
      })
    },
  )

  it('crm.item.* refuses old invoices (type 5) and payments exist for deals and invoices only', async () => {
    expect((await call(portal, 'crm.item.get', { entityTypeId: 5, id: 1 })).body['error']).toBe(
      'ENTITY_TYPE_NOT_SUPPORTED',
    )
    expect((await call(portal, 'crm.item.payment.add', { entityTypeId: 1, entityId: 1 })).body['error']).toBe(
      'ENTITY_TYPE_NOT_SUPPORTED',
    )
  })
})
