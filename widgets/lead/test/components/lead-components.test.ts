// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createWidgetI18n, type Lang } from '@salesflow/widget-kit'
import { messages } from '../../src/messages'
import LeadVerdict, { type LeadVerdictProps } from '../../src/components/LeadVerdict.vue'
import LeadStages, { type LeadStagesProps } from '../../src/components/LeadStages.vue'
import LeadMoveForm, { type LeadMoveFormProps } from '../../src/components/LeadMoveForm.vue'

enableAutoUnmount(afterEach)
const plugins = (lang: Lang) => [createPinia(), createWidgetI18n(lang, messages), b24UiPlugin]

const VERDICT: LeadVerdictProps = {
  direction: 'Сервис',
  qualification: 'решает менеджер',
  suggested: 'В работе',
  byDefault: false,
  fired: [{ rule: 'service-by-request', conditions: ['темы обращения содержит repair (у лида: repair)'] }],
  almost: [{ rule: 'qualified-partner', conditions: [], missing: ['источник одно из PARTNER (у лида: WEB)'] }],
  error: null,
}

describe('LeadVerdict', () => {
  it('shows the fired rules with their conditions and what the near misses lacked', () => {
    const w = mount(LeadVerdict, { props: VERDICT, global: { plugins: plugins('ru') } })
    expect(w.get('[data-testid="fired-service-by-request"]').text()).toContain('темы обращения содержит repair')
    expect(w.get('[data-testid="almost-qualified-partner"]').text()).toContain(
      'сработало бы, если источник одно из PARTNER',
    )
    expect(w.get('[data-testid="verdict-direction"]').text()).toContain('Направление: Сервис')
  })

  it('shows only the error when the rules could not judge the lead', () => {
    const w = mount(LeadVerdict, {
      props: { ...VERDICT, error: 'Поле «amount»: «abc» — не число.' },
      global: { plugins: plugins('ru') },
    })
    expect(w.get('[data-testid="verdict-error"]').text()).toContain('не число')
    expect(w.find('[data-testid="verdict-fired"]').exists()).toBe(false)
  })
})

const STAGES: LeadStagesProps = {
  stages: [
    { id: 'new', label: 'New' },
    { id: 'inWork', label: 'In work' },
  ],
  current: 'inWork',
  moves: [
    { event: 'QUALIFY', label: 'Qualify and create a deal', blocked: null, needsData: false },
    { event: 'DISQUALIFY', label: 'Unqualified lead', blocked: 'Your role may not do this.', needsData: true },
  ],
  busy: false,
  deal: null,
}

describe('LeadStages', () => {
  it('marks the current stage, emits a move and disables a refused one with its reason', async () => {
    const w = mount(LeadStages, { props: STAGES, global: { plugins: plugins('en') } })
    expect(w.get('[data-testid="lead-stage-current"]').text()).toBe('In work')
    await w.get('[data-testid="lead-move-QUALIFY"]').trigger('click')
    expect(w.emitted('move')).toEqual([['QUALIFY']])
    const refused = w.get<HTMLButtonElement>('[data-testid="lead-move-DISQUALIFY"]')
    expect(refused.element.disabled).toBe(true)
    expect(refused.attributes('title')).toBe('Your role may not do this.')
  })

  it('offers the converted deal', async () => {
    const w = mount(LeadStages, {
      props: { ...STAGES, deal: { id: 7, title: 'Весы' } },
      global: { plugins: plugins('ru') },
    })
    expect(w.get('[data-testid="lead-deal"]').text()).toContain('«Весы»')
    await w.get('[data-testid="open-deal"]').trigger('click')
    expect(w.emitted('openDeal')).toEqual([[7]])
  })
})

describe('LeadMoveForm', () => {
  const FORM: LeadMoveFormProps = {
    title: 'Взять в работу',
    needs: ['contact'],
    directions: [{ value: 'sales', label: 'Продажа' }],
    reasons: [{ value: 'duplicate', label: 'Дубль обращения' }],
    direction: 'sales',
    busy: false,
  }

  it('asks for a phone or an e-mail with inputs and sends what was typed', async () => {
    const w = mount(LeadMoveForm, { props: FORM, global: { plugins: plugins('ru') }, attachTo: document.body })
    expect(w.find('[data-testid="form-reason"]').exists()).toBe(false)
    await w.get('[data-testid="form-phone"]').setValue('+7 900 000-00-00')
    await w.get('form').trigger('submit')
    expect(w.emitted('submit')).toEqual([[{ phone: '+7 900 000-00-00', email: '' }]])
  })

  it('asks for a reason from the list', async () => {
    const w = mount(LeadMoveForm, {
      props: { ...FORM, needs: ['reason'] },
      global: { plugins: plugins('ru') },
      attachTo: document.body,
    })
    await w.get('[data-testid="form-reason"] select').setValue('duplicate')
    await w.get('form').trigger('submit')
    expect(w.emitted('submit')).toEqual([[{ reason: 'duplicate' }]])
  })
})
