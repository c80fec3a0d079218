// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { DEFAULT_FUNNEL_CONFIG, DEFAULT_PRODUCT_MODEL, type Configuration } from '@salesflow/rules'
import {
  bankSettingsProblems,
  companyProblems,
  DEFAULT_BANK_SETTINGS,
  previewConfiguratorModel,
  type LeadRulesDryRun,
} from '@salesflow/usecases'
import { createWidgetI18n, type Lang } from '@salesflow/widget-kit'
import { messages } from '../src/messages'
import CompanyForm from '../src/admin/components/CompanyForm.vue'
import FunnelsForm from '../src/admin/components/FunnelsForm.vue'
import ConfiguratorModelForm from '../src/admin/components/ConfiguratorModelForm.vue'
import DryRunResult from '../src/admin/components/DryRunResult.vue'
import BankSettingsForm from '../src/admin/components/BankSettingsForm.vue'

enableAutoUnmount(afterEach)
const plugins = (lang: Lang) => [createPinia(), createWidgetI18n(lang, messages), b24UiPlugin]
type Rec = Record<string, unknown>
const lastUpdate = (w: { emitted: (e: string) => unknown[][] | undefined }): Rec => {
  const all = w.emitted('update')!
  return all[all.length - 1]![0] as Rec
}

const COMPANY = {
  name: 'ООО «Тест»',
  inn: '7707083893',
  kpp: '773601001',
  address: 'Москва',
  bank: {
    bankName: 'ПАО Сбербанк',
    bik: '044525225',
    account: '40702810538000123456',
    correspondentAccount: '30101810400000000225',
  },
}

describe('CompanyForm', () => {
  it('edits a bank field into the draft, keeping the rest', async () => {
    const w = mount(CompanyForm, {
      props: { value: COMPANY, problems: {}, readonly: false },
      global: { plugins: plugins('ru') },
    })
    expect(w.get<HTMLInputElement>('[data-testid="company-inn"]').element.value).toBe('7707083893')
    await w.get('[data-testid="company-bank-account"]').setValue('40702810938000123456')
    expect(lastUpdate(w)).toEqual({ ...COMPANY, bank: { ...COMPANY.bank, account: '40702810938000123456' } })
  })

  it('shows the problem of each field the check names; read-only for others', () => {
    const bad = { ...COMPANY, inn: '7707083894', bank: { ...COMPANY.bank, account: '40702810938000123456' } }
    const problems = Object.fromEntries(companyProblems(bad).map((p) => [p.path, p.code]))
    const w = mount(CompanyForm, {
      props: { value: bad, problems, readonly: true },
      global: { plugins: plugins('en') },
    })
    expect(w.get('[data-testid="company-inn-problem"]').text()).toBe('The ИНН check digit is wrong')
    expect(w.get('[data-testid="company-bank-account-problem"]').text()).toBe(
      'The account’s control key does not match the БИК',
    )
    expect(w.find('[data-testid="company-bank-bik-problem"]').exists()).toBe(false)
    expect(w.get<HTMLInputElement>('[data-testid="company-name"]').element.disabled).toBe(true)
  })
})

describe('BankSettingsForm', () => {
  const value = DEFAULT_BANK_SETTINGS as unknown as Rec
  it('edits the threshold as a whole number and the tolerance as typed text, keeping the rest', async () => {
    const w = mount(BankSettingsForm, {
      props: { value, problems: {}, readonly: false },
      global: { plugins: plugins('ru') },
    })
    expect(w.get<HTMLInputElement>('[data-testid="bank-settings-acceptScore"]').element.value).toBe('70')
    await w.get('[data-testid="bank-settings-acceptScore"]').setValue('85')
    expect(lastUpdate(w)).toEqual({ ...value, acceptScore: 85 })
    await w.get('[data-testid="bank-settings-acceptScore"]').setValue('8.5')
    // Not a whole number: kept as typed, so the section's check names it.
    expect(lastUpdate(w).acceptScore).toBe('8.5')
    await w.get('[data-testid="bank-settings-absolute"]').setValue(' 1.50 ')
    expect(lastUpdate(w)).toEqual({ ...value, tolerance: { absolute: '1.50', percent: '0' } })
  })

  it('words the problems the check names in the user’s language; read-only for others', () => {
    const bad = { ...value, tolerance: { absolute: '-1', percent: '0' }, margin: 300 }
    const problems = Object.fromEntries(bankSettingsProblems(bad).map((p) => [p.path, p.code]))
    const w = mount(BankSettingsForm, {
      props: { value: bad, problems, readonly: true },
      global: { plugins: plugins('en') },
    })
    expect(w.get('[data-testid="bank-settings-absolute-problem"]').text()).toBe(
      'An amount of zero or more (decimal point)',
    )
    expect(w.get('[data-testid="bank-settings-margin-problem"]').text()).toBe('A whole number from 0 to 200')
    expect(w.find('[data-testid="bank-settings-acceptScore-problem"]').exists()).toBe(false)
    expect(w.get<HTMLInputElement>('[data-testid="bank-settings-acceptScore"]').element.disabled).toBe(true)
  })
})

// Three funnels of inputs: mounting them takes seconds on a busy machine (no timing is asserted).
describe('FunnelsForm', { timeout: 60_000 }, () => {
  const value = structuredClone(DEFAULT_FUNNEL_CONFIG) as unknown as Rec
  const mountForm = (readonly = false) =>
    mount(FunnelsForm, { props: { value, readonly }, global: { plugins: plugins('ru') } })

  it('adds a stage at the end of a funnel and removes one', async () => {
    const w = mountForm()
    await w.get('[data-testid="funnel-1-add-stage"]').trigger('click')
    const added = lastUpdate(w)['funnels'] as { stages: Rec[] }[]
    expect(added[1]!.stages.at(-1)).toEqual({ id: '', name: '', semantics: 'process' })
    expect(added[1]!.stages).toHaveLength(DEFAULT_FUNNEL_CONFIG.funnels[1]!.stages.length + 1)
    await w.get('[data-testid="funnel-0-stage-1-remove"]').trigger('click')
    const removed = lastUpdate(w)['funnels'] as { stages: { id: string }[] }[]
    expect(removed[0]!.stages.map((s) => s.id)).not.toContain('PREPARATION')
  })

  it('renames a stage and changes its kind', async () => {
    const w = mountForm()
    await w.get('[data-testid="funnel-2-stage-0-name"]').setValue('Старт')
    expect((lastUpdate(w)['funnels'] as { stages: Rec[] }[])[2]!.stages[0]).toMatchObject({
      id: 'C2:NEW',
      name: 'Старт',
    })
    await w.get('[data-testid="funnel-2-stage-0-semantics"] select').setValue('failure')
    expect((lastUpdate(w)['funnels'] as { stages: Rec[] }[])[2]!.stages[0]).toMatchObject({ semantics: 'failure' })
  })

  it('adds a required field to a move and removes a guard', async () => {
    const w = mountForm()
    const i = DEFAULT_FUNNEL_CONFIG.transitions.findIndex((t) => t.to === 'EXECUTING')
    expect(w.get(`[data-testid="transition-${i}-guard-0"]`).text()).toBe('Направление')
    await w.get(`[data-testid="transition-${i}-new-field"]`).setValue('UF_CRM_SF_BUDGET')
    await w.get(`[data-testid="transition-${i}-add-guard"]`).trigger('click')
    const t1 = (lastUpdate(w)['transitions'] as { requires?: Rec[] }[])[i]!
    expect(t1.requires).toEqual([
      ...DEFAULT_FUNNEL_CONFIG.transitions[i]!.requires!,
      { kind: 'field', field: 'UF_CRM_SF_BUDGET' },
    ])
    await w.get(`[data-testid="transition-${i}-guard-0-remove"]`).trigger('click')
    expect((lastUpdate(w)['transitions'] as Rec[])[i]).not.toHaveProperty('requires')
  })

  it('offers no edits read-only', () => {
    const w = mountForm(true)
    expect(w.find('[data-testid="funnel-0-add-stage"]').exists()).toBe(false)
    expect(w.find('[data-testid="transition-0-add-guard"]').exists()).toBe(false)
  })
})

describe('ConfiguratorModelForm', () => {
  const value: Rec = {
    ...DEFAULT_PRODUCT_MODEL,
    platforms: DEFAULT_PRODUCT_MODEL.platforms.map((p, i) => ({ ...p, productId: 100 + i })),
    components: DEFAULT_PRODUCT_MODEL.components.map((c, i) => ({ ...c, productId: 200 + i })),
    pricing: { currency: 'RUB', assembly: '1500', markupPercent: '20', vatId: 1, priceTypeId: 1 },
    catalog: { sectionId: 3, properties: { components: 1, approval: 2, task: 3, reason: 4 } },
    approval: { deadlineDays: 3, departmentId: 4 },
  }
  const mountForm = (sample: Configuration) =>
    mount(ConfiguratorModelForm, {
      props: { value, preview: previewConfiguratorModel(value, sample), sample, readonly: false },
      global: { plugins: plugins('ru') },
    })

  it('lists the violations of the sample in the configurator tab’s words', () => {
    const sample = { platformId: 'pt-200', components: [{ componentId: 'drive-fc', quantity: 1 }] }
    const check = previewConfiguratorModel(value, sample)!
    expect(check.violations.length).toBeGreaterThan(0)
    const w = mountForm(sample)
    expect(w.findAll('[data-testid="preview-violation"]')).toHaveLength(check.violations.length)
    expect(w.get('[data-testid="preview-violations"]').text()).toContain('Привод')
  })

  it('emits the sample as quantities are typed and the markup into the draft', async () => {
    const w = mountForm({ platformId: 'pt-200', components: [] })
    await w.get('[data-testid="preview-quantity-sensor-c3"]').setValue('4')
    expect(w.emitted('sample')!.at(-1)).toEqual([
      { platformId: 'pt-200', components: [{ componentId: 'sensor-c3', quantity: '4' }] },
    ])
    await w.get('[data-testid="configurator-markupPercent"]').setValue('25')
    expect(lastUpdate(w)['pricing']).toMatchObject({ markupPercent: '25', assembly: '1500' })
  })

  it('adds a quantity rule on a group and removes a rule; the new rule shows on the sample', async () => {
    const w = mountForm({ platformId: 'pt-200', components: [] })
    await w.get('[data-testid="new-rule-item"] select').setValue('group:sensor')
    await w.get('[data-testid="new-rule-max"]').setValue('2')
    await w.get('[data-testid="new-rule-explain"]').setValue('Не больше двух датчиков')
    await w.get('[data-testid="new-rule-add"]').trigger('click')
    const rules = lastUpdate(w)['rules'] as Rec[]
    expect(rules.at(-1)).toEqual({
      id: `rule-${rules.length}`,
      kind: 'quantity',
      item: 'group:sensor',
      max: 2,
      explain: 'Не больше двух датчиков',
    })
    const sample = { platformId: 'pt-200', components: [{ componentId: 'sensor-c3', quantity: 3 }] }
    expect(previewConfiguratorModel({ ...value, rules }, sample)!.violations).toContainEqual(
      expect.objectContaining({ code: 'QUANTITY_ABOVE', ruleId: `rule-${rules.length}`, actual: 3 }),
    )
    await w.get('[data-testid="model-rule-0-remove"]').trigger('click')
    expect((lastUpdate(w)['rules'] as Rec[]).map((r) => r['id'])).toEqual(
      DEFAULT_PRODUCT_MODEL.rules.slice(1).map((r) => r.id),
    )
  })

  it('says the model cannot be read while the draft is broken', () => {
    const w = mount(ConfiguratorModelForm, {
      props: { value: {}, preview: null, sample: { platformId: '', components: [] }, readonly: false },
      global: { plugins: plugins('en') },
    })
    expect(w.get('[data-testid="configurator-preview"]').text()).toContain('cannot be read')
  })
})

describe('DryRunResult', () => {
  it('shows the figures, the moves with examples and each warning in the page’s language', () => {
    const result = {
      report: {
        total: 10,
        changed: 2,
        ruleChanges: 1,
        directionMoves: [],
        qualificationMoves: [],
        summary: [],
        ruleHits: {},
      },
      directionMoves: [{ from: 'sales', to: 'project', count: 2, examples: [{ id: 7, title: 'Линия' }] }],
      qualificationMoves: [],
      warnings: [
        { code: 'RULE_MATCHES_NO_LEAD', rule: 'never' },
        { code: 'RULE_SHADOWED', rule: 'beaten', fired: 3 },
      ],
    } as LeadRulesDryRun
    const w = mount(DryRunResult, { props: { result }, global: { plugins: plugins('en') } })
    expect(w.get('[data-testid="dry-run-move"]').text()).toContain('#7 Линия')
    const warnings = w.findAll('[data-testid="dry-run-warning"]').map((x) => x.text())
    expect(warnings[0]).toContain('“never” matches no past lead')
    expect(warnings[1]).toContain('“beaten” matches 3 leads but never decides')
  })
})
