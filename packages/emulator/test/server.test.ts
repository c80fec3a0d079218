import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePhpQuery, startServer, type RunningServer } from '../src/index'

let server: RunningServer
let restOnly: RunningServer

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'sf-server-'))
  mkdirSync(join(root, 'dist', 'widgets', 'deal'), { recursive: true })
  writeFileSync(join(root, 'dist', 'widgets', 'deal', 'index.html'), '<!doctype html><title>deal</title>')
  writeFileSync(join(root, 'secret.txt'), 'outside dist')
  writeFileSync(
    join(root, 'placements.json'),
    JSON.stringify([{ widget: 'deal', placement: 'CRM_DEAL_DETAIL_TAB', title: { ru: 'Заказ', en: 'Order' } }]),
  )
  server = await startServer({
    port: 0,
    staticDir: join(root, 'dist'),
    placementsFile: join(root, 'placements.json'),
    webhookSecret: 's3cret',
  })
  restOnly = await startServer({ port: 0, site: false, seed: 'empty' })
})
afterAll(async () => {
  await server.close()
  await restOnly.close()
})

describe('startServer', () => {
  it('serves REST on the webhook URL it reports', async () => {
    expect(server.webhookUrl).toBe(`${server.url}/rest/1/s3cret/`)
    const res = await fetch(`${server.webhookUrl}crm.deal.get`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"id":12}',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(((await res.json()) as { result: { ID: string } }).result.ID).toBe('12')
  })

  it('answers a widget page on POST as on GET (Bitrix24 opens handlers with a form POST)', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await fetch(`${server.url}/widgets/deal/index.html?DOMAIN=x&APP_SID=y`, {
        method,
        body: method === 'POST' ? 'AUTH_ID=a&PLACEMENT=CRM_DEAL_DETAIL_TAB' : null,
        headers: method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
      })
      expect([method, res.status, res.headers.get('content-type')]).toEqual([method, 200, 'text/html; charset=utf-8'])
      expect(await res.text()).toContain('<title>deal</title>')
    }
  })

  it('serves the host page with the built widget as a tab, and nothing outside dist/', async () => {
    const page = await (await fetch(`${server.url}/?entity=deal&id=12`)).text()
    expect(page).toContain('data-testid="tab-w:deal"')
    expect((await fetch(`${server.url}/..%2Fsecret.txt`)).status).toBe(404)
    expect((await fetch(`${server.url}/emulator/vendor/b24jssdk.js`)).headers.get('content-type')).toContain(
      'javascript',
    )
  })

  it('REST-only mode has no host page', async () => {
    expect((await fetch(`${restOnly.url}/`)).status).toBe(404)
    const res = await fetch(`${restOnly.webhookUrl}crm.deal.list`, { method: 'POST' })
    expect(((await res.json()) as { result: unknown[] }).result).toEqual([])
  })
})

describe('online event delivery', () => {
  it('POSTs bound events form-encoded (data[FIELDS][ID], auth[...]) and pings ONOFFLINEEVENT once per minTimeout', async () => {
    const received: Record<string, unknown>[] = []
    const receiver = createHttpServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        received.push(parsePhpQuery(body))
        res.end('ok')
      })
    })
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok))
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
    const portal = server.portal
    const admin = portal.issueAuth(1).accessToken
    const rest = (method: string, params: Record<string, unknown>, auth?: string): Promise<Response> =>
      fetch(auth ? `${server.url}/rest/${method}` : `${server.webhookUrl}${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(auth ? { ...params, auth } : params),
      })
    await rest('event.bind', { event: 'ONCRMDEALUPDATE', handler: hook }, admin)
    await rest('event.bind', { event: 'ONCRMLEADUPDATE', event_type: 'offline' }, admin)
    await rest('event.bind', { event: 'ONOFFLINEEVENT', handler: hook, options: { minTimeout: 60 } }, admin)
    await rest('crm.deal.update', { id: 3, fields: { TITLE: 'a' } })
    await rest('crm.lead.update', { id: 3, fields: { TITLE: 'b' } })
    await rest('crm.lead.update', { id: 4, fields: { TITLE: 'c' } })
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(2)
    receiver.close()
    const byEvent = Object.fromEntries(received.map((r) => [r['event'], r]))
    expect(byEvent['ONCRMDEALUPDATE']).toMatchObject({
      data: { FIELDS: { ID: '3' } },
      auth: { member_id: portal.memberId, domain: new URL(server.url).host },
    })
    expect(byEvent['ONOFFLINEEVENT']).toMatchObject({ auth: { client_endpoint: `${server.url}/rest/` } })
    expect((byEvent['ONOFFLINEEVENT']?.['auth'] as Record<string, string>)['refresh_token']).toBeTypeOf('string')
  })
})
