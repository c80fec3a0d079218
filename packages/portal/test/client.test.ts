import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { connectWebhook, kindOf, type PortalClient } from '../src'

// SDK-level behaviour of PortalClient against hand-written answers (the emulator tests cover whole flows).
const ORIGIN = 'https://unit.bitrix24.test'
const HOOK = `${ORIGIN}/rest/1/secret/`
const calls: string[] = []
const server = setupServer()
const time = {
  start: 1,
  finish: 1.01,
  duration: 0.01,
  processing: 0.01,
  date_start: '',
  date_finish: '',
  operating_reset_at: 0,
  operating: 0,
}

function answer(method: string, respond: () => Response | Promise<Response>) {
  return http.post(`${HOOK}${method}`, () => {
    calls.push(method)
    return respond()
  })
}

const client = (): PortalClient =>
  connectWebhook(HOOK, {
    restrictions: { maxRetries: 2, retryDelay: 1 },
    retryDelayMs: 1,
    limitRetryDelayMs: 1,
    transientRetries: 2,
  })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  calls.length = 0
})
afterAll(() => server.close())

describe('PortalClient.call', () => {
  it('returns result and total', async () => {
    server.use(answer('crm.deal.list', () => HttpResponse.json({ result: [{ ID: '1' }], total: 1, time })))
    expect(await client().call('crm.deal.list')).toEqual({ ok: true, value: { result: [{ ID: '1' }], total: 1 } })
  })

  it('keeps the text of an empty-string error code (crm.deal.*) the SDK drops', async () => {
    server.use(
      answer('crm.deal.get', () => HttpResponse.json({ error: '', error_description: 'Not found' }, { status: 400 })),
    )
    const r = await client().call('crm.deal.get', { id: 9 })
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', restCode: '', description: 'Not found', status: 400 },
    })
    expect(calls).toEqual(['crm.deal.get']) // a 4xx is not retried
  })

  it('classifies a numeric catalog code', async () => {
    server.use(
      answer('catalog.product.get', () =>
        HttpResponse.json({ error: 200040300010, error_description: 'Access denied' }, { status: 400 }),
      ),
    )
    expect(await client().call('catalog.product.get', { id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_DENIED', restCode: '200040300010' },
    })
  })

  it('maps a soft error (returned, not thrown) the same way', async () => {
    server.use(
      answer('crm.item.get', () =>
        HttpResponse.json({ error: 'ERROR_ENTITY_NOT_FOUND', error_description: 'Not found.' }, { status: 400 }),
      ),
    )
    expect(await client().call('crm.item.get', { entityTypeId: 31, id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('retries a read after a network error, then reports NETWORK', async () => {
    server.use(answer('crm.deal.get', () => HttpResponse.error()))
    const r = await client().call('crm.deal.get', { id: 1 })
    expect(r).toMatchObject({ ok: false, error: { code: 'NETWORK', retriable: true } })
    expect(calls).toHaveLength(3)
  })

  it('never repeats an *.add after a network error: one request, UNKNOWN_OUTCOME', async () => {
    server.use(answer('crm.item.add', () => HttpResponse.error()))
    const r = await client().call('crm.item.add', { entityTypeId: 31, fields: { title: 'x' } })
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OUTCOME', restCode: 'NETWORK', retriable: false } })
    expect(calls).toEqual(['crm.item.add'])
  })

  it('recovers from one malformed body on a read', async () => {
    let n = 0
    server.use(
      answer('crm.deal.get', () =>
        n++ === 0
          ? new HttpResponse('{"result":{"ID":"1"', { headers: { 'Content-Type': 'application/json' } })
          : HttpResponse.json({ result: { ID: '1' }, time }),
      ),
    )
    expect(await client().call('crm.deal.get', { id: 1 })).toMatchObject({ ok: true, value: { result: { ID: '1' } } })
    expect(calls).toHaveLength(2)
  })
})

describe('PortalClient.batch', () => {
  it('reads per-command answers, empty-code and numeric sub-errors, and unexecuted commands', async () => {
    server.use(
      answer('batch', () =>
        HttpResponse.json({
          result: {
            result: { a: { ID: '1' } },
            result_error: {
              b: { error: '', error_description: 'Not found' },
              c: { error: 200040300010, error_description: 'Access denied' },
            },
            result_total: [],
            result_next: [],
            result_time: [],
          },
          time,
        }),
      ),
    )
    const r = await client().batch({
      a: { method: 'crm.deal.get', params: { id: 1 } },
      b: { method: 'crm.deal.get', params: { id: 2 } },
      c: { method: 'catalog.product.get', params: { id: 3 } },
      d: { method: 'crm.deal.get', params: { id: 4 } },
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.a).toEqual({ ok: true, value: { result: { ID: '1' }, total: 0 } })
    expect(r.value.b).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', method: 'crm.deal.get' } })
    expect(r.value.c).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED', method: 'catalog.product.get' } })
    expect(r.value.d).toMatchObject({ ok: false, error: { code: 'NOT_EXECUTED' } })
  })

  it('gives a command that referenced a failed answer that failure, not its meaningless success', async () => {
    server.use(
      answer('batch', () =>
        HttpResponse.json({
          result: {
            result: { stages: [], other: [1] },
            result_error: { deal: { error: '', error_description: 'Not found' } },
            result_total: [],
            result_next: [],
            result_time: [],
          },
          time,
        }),
      ),
    )
    const r = await client().batch({
      deal: { method: 'crm.deal.get', params: { id: 1 } },
      stages: { method: 'crm.status.list', params: { filter: { ENTITY_ID: '$result[deal][CATEGORY_ID]' } } },
      other: { method: 'crm.currency.list' },
    })
    expect(r.ok && r.value.stages).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', method: 'crm.deal.get' } })
    expect(r.ok && r.value.other).toMatchObject({ ok: true })
  })

  it('refuses more than 50 commands without a request', async () => {
    const cmds = Object.fromEntries(
      Array.from({ length: 51 }, (_, i) => [`c${i}`, { method: 'crm.deal.get', params: { id: i } }]),
    )
    expect(await client().batch(cmds)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(calls).toEqual([])
  })
})

describe('kindOf', () => {
  it.each([
    ['crm.item.add', 'create'],
    ['tasks.task.add', 'create'],
    ['crm.timeline.comment.add', 'create'],
    ['disk.folder.uploadfile', 'create'],
    ['crm.deal.update', 'write'],
    ['crm.deal.productrows.set', 'write'],
    ['crm.item.payment.pay', 'write'],
    ['app.option.set', 'write'],
    ['crm.deal.get', 'read'],
    ['crm.item.list', 'read'],
    ['batch', 'read'],
  ] as const)('%s is a %s', (method, kind) => expect(kindOf(method)).toBe(kind))
})
