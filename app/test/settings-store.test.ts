import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { openCardTab, startPortal } from '../../packages/widget-kit/test/support/widget-harness'
import { useSettingsStore } from '../src/admin/useSettingsStore'
import { settingsRepositories } from '../src/admin/repositories'

const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const ADMIN = 1
const MANAGER = 2

async function opened(userId = ADMIN) {
  const page = await openCardTab(portal, 'DEFAULT', 0, userId, settingsRepositories)
  const settings = page.run(() => useSettingsStore())
  await settings.load()
  return settings
}

describe('the settings page store', () => {
  it('the forms edit the section’s text; a funnel stage the portal lacks is refused on save with its path', async () => {
    const settings = await opened()
    const funnels = structuredClone(settings.drafts.funnels!) as { funnels: { stages: { id: string }[] }[] }
    funnels.funnels[0]!.stages.push({ id: 'UC_NOWHERE', name: 'Нигде', semantics: 'process' } as never)
    settings.setDraft('funnels', funnels)
    expect(settings.texts.funnels).toContain('UC_NOWHERE')
    const before = structuredClone(portal.store.appOptions)
    await settings.save('funnels')
    expect(settings.problems.funnels).toMatchObject({
      code: 'SETTINGS_UNKNOWN_STAGE',
      path: '$.funnels[0].stages[5].id',
      stage: 'UC_NOWHERE',
    })
    expect(portal.store.appOptions).toEqual(before)
  })

  it('requisites: each bad field is marked as typed; fixed ones save as a new version', async () => {
    const settings = await opened()
    const company = settings.drafts.company as { inn: string; bank: Record<string, string> }
    settings.setDraft('company', { ...company, inn: '7707083894' })
    expect(settings.companyFieldProblems['$.inn']).toBe('innCheckDigit')
    await settings.save('company')
    expect(settings.problems.company).toMatchObject({ code: 'SETTINGS_INVALID', path: '$.inn' })
    settings.setDraft('company', {
      ...company,
      inn: '7707083893',
      bank: { ...company.bank, account: '40702810538000123456' },
    })
    expect(settings.companyFieldProblems).toEqual({})
    await settings.save('company')
    expect(settings.problems.company).toBeNull()
    expect(settings.page!.sections.company.history.version).toBe(1)
    expect(JSON.parse(portal.store.appOptions['salesflow.company'] as string)).toMatchObject({ inn: '7707083893' })
  })

  it('the configurator preview follows the draft: a rule added in the text shows on the sample at once', async () => {
    const settings = await opened()
    settings.sample = { platformId: 'pt-200', components: [{ componentId: 'sensor-c3', quantity: 4 }] }
    const before = settings.modelPreview!.violations.length
    const model = structuredClone(settings.drafts.configurator!) as { rules: unknown[] }
    model.rules = [
      ...model.rules,
      { id: 'no-c3', kind: 'quantity', item: 'sensor-c3', max: 2, explain: 'не больше двух' },
    ]
    settings.setDraft('configurator', model)
    expect(settings.modelPreview!.violations).toHaveLength(before + 1)
    expect(settings.modelPreview!.violations.at(-1)).toMatchObject({
      code: 'QUANTITY_ABOVE',
      ruleId: 'no-c3',
      actual: 4,
    })
  })

  it('the dry run carries its warnings; a manager sees the page but cannot save', async () => {
    const settings = await opened()
    await settings.runDryRun()
    const hits = settings.dryRun!.report.ruleHits
    for (const w of settings.dryRun!.warnings) expect(hits[w.rule]!.won).toBe(0)
    expect(settings.dryRun?.report.total).toBe(portal.store.leads.size)
    const manager = await opened(MANAGER)
    expect(manager.canSave).toBe(false)
    expect(manager.drafts.funnels).not.toBeNull()
  })
})
