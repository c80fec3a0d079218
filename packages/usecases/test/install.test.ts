import { readFileSync } from 'node:fs'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRepositories } from '@salesflow/portal'
import { ok, parseCatalogProperties } from '@salesflow/rules'
import { createPortal } from '@salesflow/emulator'
import {
  CATALOG_PROPERTIES,
  installApp,
  uninstallApp,
  INVOICE_FIELDS,
  USER_FIELDS,
  WORKER_EVENTS,
  type PortalGateway,
  type StepProgress,
} from '../src'
import { appClient, startPortal } from '../../portal/test/support/harness'

const APP = 'https://app.salesflow.test/local/salesflow/'
/** The app's real table plus rows of the widgets being built beside it: four placements to bind. */
const TABLE = [
  ...(JSON.parse(readFileSync(new URL('../../../widgets/placements.json', import.meta.url), 'utf8')) as unknown[]),
  { widget: 'x-lead', placement: 'CRM_LEAD_DETAIL_TAB', title: { ru: 'Квалификация', en: 'Qualification' } },
  { widget: 'x-invoice', placement: 'CRM_SMART_INVOICE_DETAIL_TAB', title: { ru: 'Счёт', en: 'Invoice' } },
  { widget: 'x-toolbar', placement: 'CRM_DEAL_DETAIL_TOOLBAR', title: { ru: 'Конфигуратор', en: 'Configurator' } },
].slice(0, 4)

const fresh = startPortal('empty')
const demo = { portal: createPortal({ seed: 'demo' }) }
afterEach(() => {
  fresh.portal.setFaults({ forceStatus500: null })
  fresh.portal.reset()
})
afterAll(() => fresh.stop())

const gateway = async (userId = 1) => {
  const { client } = await appClient(fresh.portal, userId)
  return { client, repositories: createRepositories(client) } satisfies PortalGateway
}

/** installFinish as the frame would do it, counted. */
function finisher() {
  const calls = { count: 0 }
  return { calls, finish: async () => (calls.count++, ok(undefined)) }
}

const WRITES = ['placement.bind', 'crm.deal.userfield.add', 'userfieldconfig.add', 'app.option.set', 'event.bind']
const writesIn = (log: readonly { method: string }[]) => log.filter((l) => WRITES.includes(l.method))

describe('installApp on a fresh portal', () => {
  it('binds every table row, creates the typed user fields, writes defaults and binds the offline events: 2 round trips + installFinish', async () => {
    const gw = await gateway(1)
    const { calls, finish } = finisher()
    const steps: StepProgress[] = []
    const r = await installApp(gw, { table: TABLE, appUrl: APP, lang: 'ru', finish, onProgress: (p) => steps.push(p) })
    expect(r).toEqual({
      ok: true,
      value: {
        created: {
          placements: 4,
          // the user fields, the catalog properties and the option with their ids
          fields: USER_FIELDS.length + CATALOG_PROPERTIES.length + 1,
          settings: 1,
          events: WORKER_EVENTS.length,
        },
      },
    })
    expect(gw.client.stats.roundTrips).toBe(2)
    expect(calls.count).toBe(1)
    const store = fresh.portal.store
    expect(store.placements.map((p) => [p.placement, p.handler, p.title])).toEqual(
      TABLE.map((row) => {
        const r = row as { widget: string; placement: string; title: { ru: string } }
        return [r.placement, `${APP}widgets/${r.widget}/index.html`, r.title.ru]
      }),
    )
    expect(store.placements[0]?.langAll).toEqual({ ru: { TITLE: 'Заказ и КП' }, en: { TITLE: 'Order & offer' } })
    const terms = store.userFields.find((f) => f.entityId === 'CRM_DEAL' && f.fieldName === 'UF_CRM_SF_PAY_TERMS')
    expect(terms?.userTypeId).toBe('enumeration')
    expect(terms?.list.map((i) => [i.XML_ID, i.VALUE])).toContainEqual(['net30', 'Оплата в течение 30 дней'])
    expect(store.userFields.find((f) => f.fieldName === 'UF_CRM_SF_SIGNED')?.userTypeId).toBe('boolean')
    // The smart invoice's issue key and rate snapshot (userfieldconfig), in the same write batch.
    expect(
      store.userFields
        .filter((f) => f.entityId === 'CRM_SMART_INVOICE')
        .map((f) => [f.entityId, f.fieldName, f.userTypeId, f.label['en']]),
    ).toEqual([
      ['CRM_SMART_INVOICE', INVOICE_FIELDS.idempotencyKey, 'string', 'Issue key'],
      ['CRM_SMART_INVOICE', INVOICE_FIELDS.rate, 'string', 'Rate'],
      ['CRM_SMART_INVOICE', INVOICE_FIELDS.rateNominal, 'string', 'Rate nominal'],
      ['CRM_SMART_INVOICE', INVOICE_FIELDS.rateDate, 'string', 'Rate date'],
      ['CRM_SMART_INVOICE', INVOICE_FIELDS.rateSource, 'string', 'Rate source'],
      ['CRM_SMART_INVOICE', INVOICE_FIELDS.dispute, 'string', 'Invoice dispute'],
    ])
    expect(Object.keys(store.appOptions).sort()).toEqual(
      [
        'salesflow.catalogProperties',
        'salesflow.delivery',
        'salesflow.funnels',
        'salesflow.leadRules',
        'salesflow.policy',
        'salesflow.roles',
      ].sort(),
    )
    // The configurator's properties exist in the product catalog, and the option holds the ids the portal gave.
    const ids = store.appOptions['salesflow.catalogProperties'] as Record<string, unknown>
    expect(Object.keys(ids).sort()).toEqual(['approval', 'components', 'reason', 'task'])
    for (const spec of CATALOG_PROPERTIES) {
      const created = store.productProperties.get(Number(ids[spec.key]))
      expect(created).toMatchObject({ code: spec.code, iblockId: store.catalogIblockId, propertyType: 'S' })
    }
    expect(parseCatalogProperties(ids).ok).toBe(true)
    expect(store.eventBindings.filter((b) => b.offline).map((b) => b.event)).toEqual(WORKER_EVENTS)
    expect(steps.filter((s) => s.status === 'done').map((s) => s.step)).toEqual([
      'check',
      'placements',
      'fields',
      'settings',
      'events',
      'finish',
    ])
  })

  it('is idempotent: a second run writes nothing and never overwrites settings an administrator changed', async () => {
    await installApp(await gateway(1), { table: TABLE, appUrl: APP, lang: 'en', ...finisher() })
    fresh.portal.store.appOptions['salesflow.roles'] = { users: { '2': 'manager' }, fallback: 'viewer' }
    fresh.portal.log.length = 0
    const gw = await gateway(1)
    const r = await installApp(gw, { table: TABLE, appUrl: APP, lang: 'en', ...finisher() })
    expect(r).toEqual({ ok: true, value: { created: { placements: 0, fields: 0, settings: 0, events: 0 } } })
    expect(writesIn(fresh.portal.log)).toEqual([])
    expect(gw.client.stats.roundTrips).toBe(1)
    expect(fresh.portal.store.appOptions['salesflow.roles']).toEqual({ users: { '2': 'manager' }, fallback: 'viewer' })
    expect(fresh.portal.store.placements).toHaveLength(4)
  })

  it('interrupted after half the placements: names the step, skips installFinish; re-running completes it', async () => {
    fresh.portal.setFaults({ forceStatus500: ['cmd:placement2', 'cmd:placement3'] })
    const first = finisher()
    const steps: StepProgress[] = []
    const r = await installApp(await gateway(1), {
      table: TABLE,
      appUrl: APP,
      lang: 'ru',
      finish: first.finish,
      onProgress: (p) => steps.push(p),
    })
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error).toMatchObject({ code: 'INSTALL_STEP_FAILED', step: 'placements', failed: 2 })
    expect(steps).toContainEqual({ step: 'placements', status: 'failed', total: 4, done: 2 })
    expect(first.calls.count).toBe(0)
    expect(fresh.portal.store.placements).toHaveLength(2)
    expect(fresh.portal.store.installed).toBe(false)

    fresh.portal.setFaults({ forceStatus500: null })
    const again = finisher()
    const r2 = await installApp(await gateway(1), { table: TABLE, appUrl: APP, lang: 'ru', finish: again.finish })
    expect(r2).toEqual({ ok: true, value: { created: { placements: 2, fields: 0, settings: 0, events: 0 } } })
    expect(again.calls.count).toBe(1)
    expect(fresh.portal.store.placements.map((p) => p.placement)).toEqual(
      TABLE.map((row) => (row as { placement: string }).placement),
    )
  })

  it('run by a non-administrator: INSTALL_NOT_ADMIN and nothing written', async () => {
    const { calls, finish } = finisher()
    const r = await installApp(await gateway(2), { table: TABLE, appUrl: APP, lang: 'ru', finish })
    expect(r).toEqual({ ok: false, error: { code: 'INSTALL_NOT_ADMIN' } })
    expect(writesIn(fresh.portal.log)).toEqual([])
    expect(calls.count).toBe(0)
  })

  it('a user field the portal has with another type stops the install before anything is written', async () => {
    fresh.portal.store.userFields.push({
      id: 900,
      entityId: 'CRM_DEAL',
      fieldName: 'UF_CRM_SF_SIGNED',
      userTypeId: 'string',
      xmlId: '',
      sort: 100,
      mandatory: false,
      multiple: false,
      showFilter: 'N',
      isSearchable: false,
      label: {},
      settings: {},
      list: [],
    })
    const r = await installApp(await gateway(1), { table: TABLE, appUrl: APP, lang: 'ru', ...finisher() })
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'INSTALL_FIELD_CONFLICT',
        field: 'deal.UF_CRM_SF_SIGNED',
        expected: 'boolean',
        found: 'string',
      },
    })
    expect(writesIn(fresh.portal.log)).toEqual([])
  })

  it('a malformed table row is refused before any call', async () => {
    const r = await installApp(await gateway(1), {
      table: [...TABLE, { widget: 'broken', placement: '' }],
      appUrl: APP,
      lang: 'ru',
      ...finisher(),
    })
    expect(r).toEqual({ ok: false, error: { code: 'INSTALL_TABLE_INVALID', row: 4 } })
    expect(fresh.portal.log).toEqual([])
  })
})

describe('the demo seed', () => {
  it('has every user field the install creates, with the same type (a person reads lists and yes/no)', () => {
    for (const spec of USER_FIELDS) {
      const entityId = spec.entity === 'smartInvoice' ? 'CRM_SMART_INVOICE' : `CRM_${spec.entity.toUpperCase()}`
      const seeded = demo.portal.store.userFields.find((f) => f.entityId === entityId && f.fieldName === spec.fieldName)
      expect(seeded?.userTypeId, `${entityId}.${spec.fieldName}`).toBe(spec.userTypeId)
      expect(seeded?.list.map((i) => [i.XML_ID, i.VALUE])).toEqual((spec.items ?? []).map((i) => [i.code, i.label]))
    }
  })

  it('has the catalog properties the install creates, and their ids in the option, as the install writes them', () => {
    const store = demo.portal.store
    const ids = store.appOptions['salesflow.catalogProperties'] as Record<string, number>
    for (const spec of CATALOG_PROPERTIES)
      expect(store.productProperties.get(ids[spec.key]!)?.code, spec.key).toBe(spec.code)
  })
})

describe('installApp on a portal that had the app (catalog properties kept, options gone)', () => {
  it('creates no property twice: the option gets the ids of the existing ones', async () => {
    await installApp(await gateway(1), { table: TABLE, appUrl: APP, lang: 'ru', ...finisher() })
    const store = fresh.portal.store
    const first = { ...(store.appOptions['salesflow.catalogProperties'] as Record<string, unknown>) }
    const before = store.productProperties.size
    store.appOptions = {}
    const r = await installApp(await gateway(1), { table: TABLE, appUrl: APP, lang: 'ru', ...finisher() })
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    expect(store.productProperties.size).toBe(before)
    // A batch answer's id comes back as a number, a query-string value as its digits: the same property.
    const digits = (o: unknown) => Object.entries(o as Record<string, unknown>).map(([k, v]) => [k, String(v)])
    expect(digits(store.appOptions['salesflow.catalogProperties'])).toEqual(digits(first))
  })
})

describe('uninstallApp', () => {
  it('unbinds the placements and the offline events, and leaves settings, user fields and data', async () => {
    await installApp(await gateway(1), { table: TABLE, appUrl: APP, lang: 'ru', ...finisher() })
    const options = structuredClone(fresh.portal.store.appOptions)
    const fields = fresh.portal.store.userFields.length
    const r = await uninstallApp(await gateway(1))
    expect(r).toEqual({ ok: true, value: { placements: 4, events: WORKER_EVENTS.length } })
    expect(fresh.portal.store.placements).toEqual([])
    expect(fresh.portal.store.eventBindings).toEqual([])
    expect(fresh.portal.store.appOptions).toEqual(options)
    expect(fresh.portal.store.userFields).toHaveLength(fields)
  })

  it('is refused to a non-administrator', async () => {
    await installApp(await gateway(1), { table: TABLE, appUrl: APP, lang: 'ru', ...finisher() })
    expect(await uninstallApp(await gateway(3))).toEqual({ ok: false, error: { code: 'INSTALL_NOT_ADMIN' } })
    expect(fresh.portal.store.placements).toHaveLength(4)
  })
})
