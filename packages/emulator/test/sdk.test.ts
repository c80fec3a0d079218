import { AjaxError, B24Hook, B24OAuth, LoggerFactory } from '@bitrix24/b24jssdk'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPortal, seedDeals } from '../src/index'
import { ORIGIN } from './rest'

// The real SDK against the handlers: the wire format the gateway will see (toolchain.md 9.1).
let clock = Date.now()
const portal = createPortal({ faults: { rateLimit: false }, now: () => clock })
seedDeals(portal, 70)
const server = setupServer(...portal.handlers)

function hook(userId = 1): B24Hook {
  const h = B24Hook.fromWebhookUrl(portal.webhookUrl(ORIGIN, userId), {
    restrictionParams: { maxRetries: 1, retryDelay: 10 },
  })
  h.offClientSideWarning()
  h.setLogger(LoggerFactory.createNullLogger())
  return h
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
beforeEach(() => {
  portal.log.length = 0
})

describe('@bitrix24/b24jssdk B24Hook against the emulator', () => {
  it('calls crm.deal.get and gets the legacy shape', async () => {
    const res = await hook().actions.v2.call.make<{ ID: string; OPPORTUNITY: string }>({
      method: 'crm.deal.get',
      params: { id: 12 },
    })
    expect(res.isSuccess).toBe(true)
    expect(res.getData()?.result).toMatchObject({ ID: '12', OPPORTUNITY: portal.store.deals.get(12)?.opportunity })
    expect(portal.log).toMatchObject([{ method: 'crm.deal.get', transport: 'http', status: 200, userId: 1 }])
  })

  it('callList walks crm.item.list with the "id >" cursor and start=-1', async () => {
    const res = await hook().actions.v2.callList.make<{ id: number }>({
      method: 'crm.item.list',
      params: { entityTypeId: 2, select: ['id'] },
      idKey: 'id',
      customKeyForResult: 'items',
    })
    expect(res.isSuccess).toBe(true)
    expect(res.getData()?.map((i) => i.id)).toEqual([...portal.store.deals.keys()].sort((a, b) => a - b))
    expect(portal.log.every((l) => l.params['start'] === undefined || l.params['start'] === -1)).toBe(true)
    expect(portal.log).toHaveLength(Math.ceil(100 / 50) + (100 % 50 === 0 ? 1 : 0))
  })

  it('batches with the SDK and maps the per-command results', async () => {
    const res = await hook().actions.v2.batch.make({
      calls: {
        base: ['crm.currency.base.get', {}],
        stages: ['crm.status.list', { filter: { ENTITY_ID: 'SMART_INVOICE_STAGE_2' } }],
      },
      options: { isHaltOnError: true },
    })
    expect(res.isSuccess).toBe(true)
    const data = res.getData() as Record<string, unknown>
    expect(data['base']).toBe('RUB')
    expect((data['stages'] as { STATUS_ID: string }[]).map((s) => s.STATUS_ID)).toEqual([
      'DT31_2:N',
      'DT31_2:S',
      'DT31_2:UC_PARTIAL',
      'DT31_2:P',
      'DT31_2:D',
    ])
    expect(portal.log.filter((l) => l.transport === 'http')).toHaveLength(1)
  })

  it('throws AjaxError NOT_FOUND for a missing smart invoice, and an ACCESS_DENIED for the intern', async () => {
    await expect(
      hook().actions.v2.call.make({ method: 'crm.item.get', params: { entityTypeId: 31, id: 999 } }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      status: 400,
    })
    const denied = hook(5).actions.v2.call.make({
      method: 'crm.item.update',
      params: { entityTypeId: 2, id: 1, fields: { title: 'x' } },
    })
    await expect(denied).rejects.toBeInstanceOf(AjaxError)
    await expect(denied).rejects.toMatchObject({ code: 'ACCESS_DENIED' })
  })
})

describe('@bitrix24/b24jssdk B24OAuth against the emulator', () => {
  it('refreshes an expired token through oauth.bitrix.info and repeats the call', async () => {
    const grant = portal.issueAuth(3)
    const oauth = new B24OAuth(
      {
        applicationToken: 'app-token',
        userId: 3,
        memberId: grant.memberId,
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        expires: Math.floor(Date.now() / 1000) + grant.expiresIn,
        expiresIn: grant.expiresIn,
        scope: 'crm',
        domain: 'demo.bitrix24.test',
        clientEndpoint: `${ORIGIN}/rest/`,
        serverEndpoint: 'https://oauth.bitrix.info/rest/',
        status: 'L',
      },
      { clientId: 'local.salesflow', clientSecret: 'secret' },
    )
    oauth.setLogger(LoggerFactory.createNullLogger())
    clock += 3601_000 // the portal's clock passes the token's hour; the SDK still thinks it is valid
    const res = await oauth.actions.v2.call.make<{ ID: string }>({ method: 'user.current' })
    expect(res.getData()?.result.ID).toBe('3')
    expect(portal.log.map((l) => [l.method, l.status, l.error])).toEqual([
      ['user.current', 401, 'expired_token'],
      ['user.current', 200, undefined],
    ])
  })
})
