import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRepositories } from '@salesflow/portal'
import { DEFAULT_LEAD_RULES } from '@salesflow/rules'
import {
  compareLeadRules,
  dryRunLeadRules,
  lineOfPath,
  openSettingsPage,
  parseSectionText,
  rollbackSection,
  saveSection,
  validateSection,
  type PortalGateway,
  type SettingsPage,
  unknownStage,
} from '../src'
import { appClient, startPortal } from '../../portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const gateway = async (userId = 1): Promise<PortalGateway> => {
  const { client } = await appClient(portal, userId)
  return { client, repositories: createRepositories(client) }
}

async function opened(userId: number): Promise<{ gw: PortalGateway; page: SettingsPage }> {
  const gw = await gateway(userId)
  const page = await openSettingsPage(gw)
  if (!page.ok) throw new Error(JSON.stringify(page.error))
  return { gw, page: page.value }
}

/** The default rules with the amount that makes a lead a project lowered to `value`. */
const projectFrom = (value: number) => {
  const rules = structuredClone(DEFAULT_LEAD_RULES) as { rules: { name: string; conditions: unknown }[] }
  for (const r of rules.rules)
    if (r.name === 'project-by-amount')
      r.conditions = { all: [{ fact: 'amount', operator: 'greaterThanInclusive', value }] }
  return rules
}

describe('the settings page', () => {
  it('opens in one round trip with every section, the users and the departments', async () => {
    const { gw, page } = await opened(2)
    expect(gw.client.stats.roundTrips).toBe(1)
    expect(page.isAdmin).toBe(false)
    expect(page.users.map((u) => u.id)).toContain(5)
    expect(page.departments.length).toBeGreaterThan(1)
    expect(page.sections.roles.value).toEqual(portal.store.appOptions['salesflow.roles'])
    expect(page.sections.leadRules.value).toEqual(DEFAULT_LEAD_RULES)
    expect(page.sections.leadRules.history.version).toBe(0)
  })

  it('an administrator saves a section as one document with its version and audit line; a rollback restores it', async () => {
    const { gw, page } = await opened(1)
    const roles = { users: { '3': 'accountant' }, departments: { '2': 'manager' }, fallback: 'viewer' }
    const at = '2026-11-25T10:00:00.000Z'
    const v1 = await saveSection(gw, { section: 'roles', value: roles, baseVersion: 0, page, now: at })
    expect(v1.ok && v1.value.version).toBe(1)
    const again = await opened(1)
    expect(again.page.sections.roles.value).toEqual(roles)
    expect(again.page.sections.roles.history.entries[0]).toMatchObject({
      version: 1,
      by: { id: 1, name: 'Анна Смирнова' },
      at,
      what: 'saved',
    })
    const v2 = await saveSection(again.gw, {
      section: 'roles',
      value: { ...roles, fallback: 'manager' },
      baseVersion: 1,
      page: again.page,
      now: at,
    })
    expect(v2.ok && v2.value.version).toBe(2)
    const third = await opened(1)
    const back = await rollbackSection(third.gw, {
      section: 'roles',
      toVersion: 1,
      history: third.page.sections.roles.history,
      baseVersion: 2,
      page: third.page,
      now: at,
    })
    expect(back.ok && back.value.entries[0]).toMatchObject({ version: 3, what: 'rolled back to 1', value: roles })
    expect((await opened(1)).page.sections.roles.value).toEqual(roles)
  })

  it('a save over a newer version is refused (SETTINGS_STALE) and changes nothing', async () => {
    const { gw, page } = await opened(1)
    await saveSection(gw, { section: 'roles', value: { fallback: 'viewer' }, baseVersion: 0, page, now: 'x' })
    const before = structuredClone(portal.store.appOptions)
    const r = await saveSection(gw, {
      section: 'roles',
      value: { fallback: 'manager' },
      baseVersion: 0,
      page,
      now: 'x',
    })
    expect(r).toEqual({ ok: false, error: { code: 'SETTINGS_STALE', section: 'roles', version: 1 } })
    expect(portal.store.appOptions).toEqual(before)
  })

  it('a manager cannot save: SETTINGS_NOT_ADMIN before any call', async () => {
    const { gw, page } = await opened(2)
    const calls = gw.client.stats.roundTrips
    const r = await saveSection(gw, { section: 'roles', value: { fallback: 'admin' }, baseVersion: 0, page, now: 'x' })
    expect(r).toEqual({ ok: false, error: { code: 'SETTINGS_NOT_ADMIN' } })
    expect(gw.client.stats.roundTrips).toBe(calls)
  })

  it('the portal itself refuses app.option.set to a manager who bypasses the page', async () => {
    const gw = await gateway(2)
    const r = await gw.repositories.options.setApp({ 'salesflow.roles': '{}' })
    expect(r.ok).toBe(false)
  })
})

describe('validation with the path and the line', () => {
  const users = [{ id: 1 }, { id: 2 }] as never
  it('a lead rule set with an unknown direction names its path; the line is found in the text', () => {
    const bad = { ...(DEFAULT_LEAD_RULES as object), defaults: { direction: 'retail' } }
    const r = validateSection('leadRules', bad, { users })
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS_INVALID', section: 'leadRules', path: '$.defaults.direction' },
    })
    const text = JSON.stringify(bad, null, 2)
    expect(lineOfPath(text, '$.defaults.direction')).toBe(
      text.split('\n').findIndex((l) => l.includes('"direction"')) + 1,
    )
  })

  it('a JSON syntax error names its line', () => {
    const r = parseSectionText('leadRules', '{\n  "version": "1",\n  "rules": [,]\n}')
    expect(r).toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID', path: '$', line: 3 } })
  })

  it('a role given to a user who is not an active portal user is refused', () => {
    const r = validateSection('roles', { users: { '2': 'manager', '77': 'admin' } }, { users })
    expect(r).toMatchObject({ ok: false, error: { path: '$.users.77' } })
  })

  it('requisites: a 9-digit account is refused with its path', () => {
    const company = {
      name: 'ООО «Тест»',
      inn: '7707083893',
      bank: { bik: '044525225', account: '123456789', correspondentAccount: '30101810400000000225' },
    }
    expect(validateSection('company', company, { users })).toMatchObject({
      ok: false,
      error: { path: '$.bank.account' },
    })
  })

  // A valid set: ИНН check digit, account keys that match the БИК.
  const COMPANY = {
    name: 'ООО «Тест»',
    inn: '7707083893',
    kpp: '773601001',
    bank: { bik: '044525225', account: '40702810538000123456', correspondentAccount: '30101810400000000225' },
  }

  it('requisites with a right ИНН check digit and account keys pass', () => {
    expect(validateSection('company', COMPANY, { users })).toEqual({ ok: true, value: COMPANY })
  })

  it.each([
    ['$.inn', { ...COMPANY, inn: '7707083894' }],
    ['$.kpp', { ...COMPANY, kpp: '77360100' }],
    ['$.bank.account', { ...COMPANY, bank: { ...COMPANY.bank, account: '40702810938000123456' } }],
    [
      '$.bank.correspondentAccount',
      { ...COMPANY, bank: { ...COMPANY.bank, correspondentAccount: '30101810500000000225' } },
    ],
  ])('requisites: a wrong check digit or key is refused at %s', (path, company) => {
    expect(validateSection('company', company, { users })).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS_INVALID', section: 'company', path },
    })
  })

  const CONFIGURATOR = (): { pricing: Record<string, unknown>; components: unknown[] } =>
    structuredClone(portal.store.appOptions['salesflow.configurator']) as never

  it('the configurator model: the demo model passes; a markup below 0 and a duplicate component are refused at their path', () => {
    expect(validateSection('configurator', CONFIGURATOR(), { users }).ok).toBe(true)
    const negative = CONFIGURATOR()
    negative.pricing['markupPercent'] = '-1'
    expect(validateSection('configurator', negative, { users })).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS_INVALID', section: 'configurator', path: '$.pricing.markupPercent' },
    })
    const twice = CONFIGURATOR()
    twice.components = [...twice.components, twice.components[0]]
    expect(validateSection('configurator', twice, { users })).toMatchObject({
      ok: false,
      error: { path: `$.components[${twice.components.length - 1}].id` },
    })
  })

  it('offer terms: a validity of 0 days is refused by the reader the widgets use', () => {
    expect(validateSection('policy', { offer: { validDays: 0 } }, { users })).toMatchObject({
      ok: false,
      error: { path: '$.offer.validDays' },
    })
  })
})

describe('stages named by the settings are the portal’s own', () => {
  it('the page reads the lead statuses and every deal funnel’s stages in its one round trip', async () => {
    const { page } = await opened(1)
    expect(page.stages.filter((s) => s.entityId === 'STATUS').map((s) => s.id)).toContain('CONVERTED')
    expect(page.stages.some((s) => s.entityId === 'DEAL_STAGE_1' && s.id === 'C1:WON')).toBe(true)
    expect(page.sections.leads.value).toEqual(portal.store.appOptions['salesflow.leads'])
  })

  it('a funnel stage the portal lacks is SETTINGS_UNKNOWN_STAGE naming the path; nothing is written', async () => {
    const { gw, page } = await opened(1)
    const funnels = structuredClone(page.sections.funnels.value) as { funnels: { stages: { id: string }[] }[] }
    funnels.funnels[1]!.stages[2]!.id = 'C1:UC_GONE'
    const before = structuredClone(portal.store.appOptions)
    const r = await saveSection(gw, { section: 'funnels', value: funnels, baseVersion: 0, page, now: 'x' })
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'SETTINGS_UNKNOWN_STAGE',
        section: 'funnels',
        path: '$.funnels[1].stages[2].id',
        stage: 'C1:UC_GONE',
      },
    })
    expect(portal.store.appOptions).toEqual(before)
    expect(gw.client.stats.roundTrips).toBe(1)
  })

  it('a stage of another funnel is unknown in this one', () => {
    const stages = [{ id: 'C1:NEW', entityId: 'DEAL_STAGE_1' }] as never
    const funnels = { funnels: [{ categoryId: 2, stages: [{ id: 'C1:NEW' }] }] }
    expect(unknownStage('funnels', funnels, stages)).toEqual({ path: '$.funnels[0].stages[0].id', stage: 'C1:NEW' })
    expect(unknownStage('funnels', { funnels: [{ categoryId: 1, stages: [{ id: 'C1:NEW' }] }] }, stages)).toBeNull()
  })

  it('a lead stage written as a status the portal lacks is refused with its path; a known one saves', async () => {
    const { gw, page } = await opened(1)
    const leads = structuredClone(page.sections.leads.value) as { statuses: Record<string, string[]> }
    leads.statuses['inWork'] = ['UC_CALLED', 'IN_PROCESS']
    const r = await saveSection(gw, { section: 'leads', value: leads, baseVersion: 0, page, now: 'x' })
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS_UNKNOWN_STAGE', section: 'leads', path: '$.statuses.inWork[0]', stage: 'UC_CALLED' },
    })
    leads.statuses['inWork'] = ['IN_PROCESS', 'PROCESSED']
    const saved = await saveSection(gw, { section: 'leads', value: leads, baseVersion: 0, page, now: 'x' })
    if (!saved.ok) throw new Error(JSON.stringify(saved.error))
    expect(saved.value.version).toBe(1)
  })

  it('a lead option of the wrong shape is refused by the reader the lead tab uses', () => {
    expect(validateSection('leads', { junkReasons: [] }, { users: [] })).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS_INVALID', path: '$.junkReasons' },
    })
  })
})

describe('the lead rules dry run', () => {
  it('over the portal’s past leads: counts, moves and examples, before anything is saved', async () => {
    const gw = await gateway(1)
    const r = await dryRunLeadRules(gw, { current: DEFAULT_LEAD_RULES, proposed: projectFrom(1) })
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    expect(r.value.report.total).toBe(portal.store.leads.size)
    expect(r.value.report.changed).toBeGreaterThan(0)
    const toProject = r.value.directionMoves.filter((m) => m.to === 'project')
    expect(toProject.reduce((n, m) => n + m.count, 0)).toBe(
      r.value.report.directionMoves.filter((m) => m.to === 'project').reduce((n, m) => n + m.count, 0),
    )
    const example = toProject[0]!.examples[0]!
    expect(portal.store.leads.get(example.id)?.title).toBe(example.title)
    expect(Number(portal.store.leads.get(example.id)?.opportunity)).toBeGreaterThanOrEqual(1)
  })

  it('warns of a rule that classifies no past lead and of a rule always beaten by a higher priority', async () => {
    const gw = await gateway(1)
    const proposed = structuredClone(DEFAULT_LEAD_RULES) as { rules: Record<string, unknown>[] }
    // The same conditions as sales-by-request (priority 10) at priority 1: fires on the same leads, never wins.
    const sales = proposed.rules.find((r) => r['name'] === 'sales-by-request')!
    proposed.rules.push(
      {
        ...sales,
        name: 'project-by-purchase',
        priority: 1,
        event: { type: 'direction', params: { direction: 'project' } },
      },
      {
        name: 'service-by-huge-amount',
        priority: 99,
        conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 1e12 }] },
        event: { type: 'direction', params: { direction: 'service' } },
      },
    )
    const r = await dryRunLeadRules(gw, { current: DEFAULT_LEAD_RULES, proposed })
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    const fired = r.value.report.ruleHits['sales-by-request']!.fired
    expect(fired).toBeGreaterThan(0)
    expect(r.value.warnings).toContainEqual({ code: 'RULE_SHADOWED', rule: 'project-by-purchase', fired })
    expect(r.value.warnings).toContainEqual({ code: 'RULE_MATCHES_NO_LEAD', rule: 'service-by-huge-amount' })
    expect(r.value.warnings.map((w) => w.rule)).not.toContain('sales-by-request')
    expect(r.value.report.changed).toBe(0)
  })

  it('no warnings without leads to judge by', () => {
    const r = compareLeadRules(DEFAULT_LEAD_RULES, DEFAULT_LEAD_RULES, [])
    expect(r.ok && r.value.warnings).toEqual([])
  })

  it('the same rules change nothing', () => {
    const r = compareLeadRules(DEFAULT_LEAD_RULES, DEFAULT_LEAD_RULES, [])
    expect(r.ok && r.value.report.changed).toBe(0)
  })

  it('a broken proposal is refused before the leads are read', async () => {
    const gw = await gateway(1)
    const r = await dryRunLeadRules(gw, { current: DEFAULT_LEAD_RULES, proposed: { rules: 'none' } })
    expect(r).toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID', section: 'leadRules' } })
    expect(gw.client.stats.roundTrips).toBe(0)
  })
})

describe('JSON syntax errors', () => {
  it.each([
    ['{\n  "a": 1\n  "b": 2\n}', 3],
    ['{\n  "a": [1, 2,,]\n}', 2],
    ['{\n  "a": "x",\n}', 3],
    ['{\n  "a": tru\n}', 2],
    ['{\n  "a": 1\n', 3],
  ])('%j: line %i', (text, line) => {
    expect(parseSectionText('roles', text)).toMatchObject({ ok: false, error: { line } })
  })
})
