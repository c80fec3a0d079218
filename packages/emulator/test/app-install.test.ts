import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPortal, startServer, type RunningServer } from '../src/index'
import { call } from './rest'

const token = (portal: ReturnType<typeof createPortal>, userId: number) => portal.issueAuth(userId).accessToken

describe('crm.<entity>.userfield.list / add', () => {
  const portal = createPortal({ seed: 'empty', faults: { rateLimit: false } })

  it('adds a list field with labelled items (UF_CRM_ prefixed), lists it by FIELD_NAME, labels with LANG', async () => {
    const add = await call(portal, 'crm.deal.userfield.add', {
      fields: {
        FIELD_NAME: 'SF_TERMS',
        USER_TYPE_ID: 'enumeration',
        EDIT_FORM_LABEL: { ru: 'Условия оплаты', en: 'Payment terms' },
        LIST: [
          { VALUE: 'Оплата в течение 30 дней', XML_ID: 'net30' },
          { VALUE: 'Предоплата 100 %', XML_ID: 'prepay100' },
        ],
      },
    })
    expect(add.status).toBe(200)
    expect(typeof add.body['result']).toBe('number')
    const list = await call(portal, 'crm.deal.userfield.list', {
      filter: { FIELD_NAME: 'UF_CRM_SF_TERMS', LANG: 'ru' },
    })
    const rows = list.body['result'] as Record<string, unknown>[]
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      ENTITY_ID: 'CRM_DEAL',
      FIELD_NAME: 'UF_CRM_SF_TERMS',
      USER_TYPE_ID: 'enumeration',
      MULTIPLE: 'N',
      EDIT_FORM_LABEL: 'Условия оплаты',
    })
    expect(
      (rows[0]!['LIST'] as { VALUE: string; XML_ID: string; ID: string }[]).map((i) => [i.XML_ID, i.VALUE]),
    ).toEqual([
      ['net30', 'Оплата в течение 30 дней'],
      ['prepay100', 'Предоплата 100 %'],
    ])
    expect((await call(portal, 'crm.lead.userfield.list', {})).body['result']).toEqual([])
  })

  it('refuses the same code twice and a user without CRM configuration rights (legacy 400, empty code)', async () => {
    const fields = { FIELD_NAME: 'SF_FLAG', USER_TYPE_ID: 'boolean' }
    expect((await call(portal, 'crm.company.userfield.add', { fields })).status).toBe(200)
    const twice = await call(portal, 'crm.company.userfield.add', { fields })
    expect([twice.status, twice.body['error']]).toEqual([400, ''])
    const manager = await call(
      portal,
      'crm.company.userfield.add',
      { fields: { ...fields, FIELD_NAME: 'X' } },
      { userId: 2 },
    )
    expect([manager.status, manager.body['error']]).toEqual([400, ''])
  })
})

describe('the app’s install state', () => {
  it('app.info says INSTALLED: the demo seed has the app installed, the empty seed and installed:false not', async () => {
    for (const [options, installed] of [
      [{ seed: 'demo' }, true],
      [{ seed: 'empty' }, false],
      [{ seed: 'demo', installed: false }, false],
    ] as const) {
      const portal = createPortal({ ...options, faults: { rateLimit: false } })
      const info = await call(portal, 'app.info', {}, { token: token(portal, 1) })
      expect(info.body['result']).toMatchObject({ INSTALLED: installed })
    }
  })

  it('the demo binds the given placements with LANG_ALL ru/en; reset({installed:false}) leaves data but no app', async () => {
    const portal = createPortal({
      seed: 'demo',
      appPlacements: [
        {
          placement: 'CRM_DEAL_DETAIL_TAB',
          handler: 'https://a.test/widgets/deal/index.html',
          title: { ru: 'Заказ', en: 'Order' },
        },
      ],
      faults: { rateLimit: false },
    })
    const bound = await call(portal, 'placement.get', {}, { token: token(portal, 1) })
    expect(bound.body['result']).toMatchObject([
      { placement: 'CRM_DEAL_DETAIL_TAB', title: 'Заказ', langAll: { ru: { TITLE: 'Заказ' }, en: { TITLE: 'Order' } } },
    ])
    const deals = portal.store.deals.size
    portal.reset({ installed: false })
    expect([portal.store.installed, portal.store.placements, portal.store.appOptions]).toEqual([false, [], {}])
    expect(portal.store.deals.size).toBe(deals)
    expect(portal.store.userFields.length).toBeGreaterThan(0) // fields stay, as after deleting an app
    portal.reset()
    expect([portal.store.installed, portal.store.placements.length]).toEqual([true, 1])
  })
})

describe('the host page plays a portal with and without the app', () => {
  let server: RunningServer
  let root: string
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sf-install-'))
    mkdirSync(join(root, 'dist', 'widgets', 'deal'), { recursive: true })
    writeFileSync(join(root, 'dist', 'widgets', 'deal', 'index.html'), '<!doctype html><title>deal</title>')
    writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><title>settings</title>')
    writeFileSync(join(root, 'dist', 'install.html'), '<!doctype html><title>install</title>')
    writeFileSync(
      join(root, 'placements.json'),
      JSON.stringify([{ widget: 'deal', placement: 'CRM_DEAL_DETAIL_TAB', title: { ru: 'Заказ', en: 'Order' } }]),
    )
    server = await startServer({
      port: 0,
      staticDir: join(root, 'dist'),
      placementsFile: join(root, 'placements.json'),
      installed: false,
      deliverEvents: false,
    })
  })
  afterAll(() => server.close())

  const config = async (query: string) => {
    const html = await (await fetch(`${server.url}/?${query}`)).text()
    const json = /<script type="application\/json" id="sf-host-config">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}'
    return {
      html,
      config: JSON.parse(json) as {
        frame: { url: string; placement: string } | null
        install: boolean
        firstRun: boolean
      },
    }
  }

  it('not installed: no widget tab; the admin gets install.html (INSTALL, FIRST_RUN), others the notice', async () => {
    const admin = await config('entity=deal&id=4&user=1')
    expect(admin.html).not.toContain('data-testid="tab-w:deal"')
    expect(admin.config.frame).toMatchObject({ url: '/install.html', placement: 'DEFAULT' })
    expect([admin.config.install, admin.config.firstRun]).toEqual([true, true])
    const manager = await config('entity=deal&id=4&user=2')
    expect(manager.config.frame).toBeNull()
    expect(manager.html).toContain('Приложение установлено не полностью')
  })

  it('set_installed needs an administrator’s token; then bound placements become tabs and the app tab its index', async () => {
    const refused = await fetch(`${server.url}/emulator/app/installed`, {
      method: 'POST',
      body: JSON.stringify({ auth: token(server.portal, 2) }),
    })
    expect(refused.status).toBe(403)
    const bind = await call(
      server.portal,
      'placement.bind',
      {
        PLACEMENT: 'CRM_DEAL_DETAIL_TAB',
        HANDLER: `${server.url}/widgets/deal/index.html`,
        LANG_ALL: { ru: { TITLE: 'Заказ' }, en: { TITLE: 'Order' } },
      },
      { token: token(server.portal, 1) },
    )
    expect(bind.status).toBe(200)
    // Bound but not installed yet: the portal still shows no widget.
    expect((await config('entity=deal&id=4&user=2')).html).not.toContain('data-testid="tab-w:deal"')
    const ok = await fetch(`${server.url}/emulator/app/installed`, {
      method: 'POST',
      body: JSON.stringify({ auth: token(server.portal, 1) }),
    })
    expect(ok.status).toBe(200)
    const after = await config('entity=deal&id=4&user=2&lang=en')
    expect(after.html).toContain('data-testid="tab-w:deal"')
    expect(after.html).toContain('>Order<')
    expect(after.config.frame).toMatchObject({ url: '/widgets/deal/index.html', placement: 'CRM_DEAL_DETAIL_TAB' })
    expect((await config('entity=deal&id=4&user=2&tab=app')).config.frame).toMatchObject({ url: '/index.html' })
  })

  it('POST /emulator/reset {"installed": false} makes the running demo a portal without the app again', async () => {
    const res = await fetch(`${server.url}/emulator/reset`, { method: 'POST', body: '{"installed":false}' })
    expect(await res.json()).toEqual({ ok: true, installed: false })
    expect((await config('entity=deal&id=4&user=1')).config.frame).toMatchObject({ url: '/install.html' })
  })
})
