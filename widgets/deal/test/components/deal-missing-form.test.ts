// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import type { Missing } from '@salesflow/rules'
import { createWidgetI18n, formatMoney, type Lang } from '@salesflow/widget-kit'
import { messages } from '../../src/messages'
import DealMissingForm from '../../src/components/deal/DealMissingForm.vue'

const LABELS: Record<string, string> = {
  UF_CRM_SF_PAY_TERMS: 'Условия оплаты',
  UF_CRM_SF_CFG_STATE: 'Статус конфигурации',
  UF_CRM_SF_DLV_KG: 'Вес, кг',
  UF_CRM_SF_URGENCY: 'Срочность',
  UF_CRM_SF_SIGNED: 'КП подписано',
}

// Attached to the document so a submit button's click goes through the form's validation, as in a browser.
enableAutoUnmount(afterEach)

function mountForm(missing: readonly Missing[], lang: Lang = 'ru', fieldLabel = (f: string) => LABELS[f] ?? f) {
  return mount(DealMissingForm, {
    props: { stage: 'Договор подписан', missing, fieldLabel, money: (a: string) => formatMoney(a, 'RUB', lang) },
    global: { plugins: [createPinia(), createWidgetI18n(lang, messages), b24UiPlugin] },
    attachTo: document.body,
  })
}

const items = (w: ReturnType<typeof mountForm>) =>
  w
    .get('[data-testid="missing-list"]')
    .findAll('li')
    .map((li) => li.text())

const field: Missing = { kind: 'field', field: 'UF_CRM_SF_PAY_TERMS' }
const positive: Missing = { kind: 'positive', field: 'UF_CRM_SF_DLV_KG' }
const approval: Missing = {
  kind: 'fieldEquals',
  field: 'UF_CRM_SF_CFG_STATE',
  expected: ['approved'],
  actual: 'pending',
  what: 'approval',
}
const choice: Missing = {
  kind: 'fieldEquals',
  field: 'UF_CRM_SF_URGENCY',
  expected: ['standard', 'express'],
  actual: null,
  what: 'value',
}
const payment: Missing = { kind: 'payment', requiredPercent: '50', paidPercent: '20.50', missingAmount: '45000' }

describe('DealMissingForm: what the move needs, in words', () => {
  it('names the target stage', () => {
    expect(mountForm([field]).text()).toContain('Чтобы перейти на «Договор подписан», нужно:')
  })

  it.each<[string, Missing, string]>([
    ['field', field, 'заполнить поле «Условия оплаты»'],
    ['positive', positive, 'поле «Вес, кг» больше нуля'],
    ['fieldEquals (approval)', approval, 'поле «Статус конфигурации»: нужно значение approved (сейчас pending)'],
    ['fieldEquals without a value', choice, 'поле «Срочность»: нужно значение standard, express (сейчас —)'],
    ['payment', payment, 'оплата 50 % (оплачено 20,5 %, не хватает 45\u00a0000,00\u00a0₽)'],
    [
      'credit block',
      { kind: 'credit', decision: 'block', excess: '1250.5' },
      'кредитный лимит клиента превышен на 1\u00a0250,50\u00a0₽: нужно разрешение администратора',
    ],
    ['credit unknown', { kind: 'credit', decision: 'unknown' }, 'проверка кредитного лимита клиента'],
    [
      'anyOf',
      { kind: 'anyOf', options: [[field, positive], [payment]] },
      'одно из: заполнить поле «Условия оплаты» + поле «Вес, кг» больше нуля | оплата 50 % (оплачено 20,5 %, не хватает 45\u00a0000,00\u00a0₽)',
    ],
  ])('%s', (_kind, m, text) => {
    expect(items(mountForm([m]))).toEqual([text])
  })

  it('lists every item in order', () => {
    expect(items(mountForm([field, approval, payment]))).toHaveLength(3)
  })

  it('speaks English with the en messages', () => {
    const w = mountForm([field, payment, { kind: 'credit', decision: 'unknown' }], 'en')
    expect(w.text()).toContain('To move to “Договор подписан” the deal needs:')
    expect(items(w)).toEqual([
      'field “Условия оплаты” filled in',
      '50 % paid (paid 20.5 %, missing ₽45,000.00)',
      'a credit-limit check of the client',
    ])
    expect(w.get('[data-testid="missing-submit"]').text()).toBe('Save and move')
  })

  it('renders a field label with markup as text', () => {
    const w = mountForm([field], 'ru', () => '<img src=x onerror=alert(1)>')
    expect(w.find('img').exists()).toBe(false)
    expect(items(w)).toEqual(['заполнить поле «<img src=x onerror=alert(1)>»'])
  })
})

describe('DealMissingForm: filling in', () => {
  it('offers an input for plain and positive fields, a choice for a wanted value, nothing for the rest', () => {
    const credit: Missing = { kind: 'credit', decision: 'block', excess: '1' }
    const w = mountForm([field, positive, approval, choice, payment, credit])
    expect(w.find('[data-testid="missing-UF_CRM_SF_PAY_TERMS"]').element.tagName).toBe('INPUT')
    expect(w.find('[data-testid="missing-UF_CRM_SF_DLV_KG"]').element.tagName).toBe('INPUT')
    const select = w.get<HTMLSelectElement>('[data-testid="missing-UF_CRM_SF_URGENCY"] select')
    // An empty, disabled placeholder first: an untouched choice is never sent as a silent first option.
    expect(select.findAll('option').map((o) => o.element.value)).toEqual(['', 'standard', 'express'])
    expect(select.element.required).toBe(true)
    expect(select.element.value).toBe('')
    expect(w.find('[data-testid="missing-UF_CRM_SF_CFG_STATE"]').exists()).toBe(false)
    expect(w.findAll('form label')).toHaveLength(3)
  })

  it('starts a choice at the deal’s current value when that value is allowed', () => {
    const w = mountForm([{ ...choice, actual: 'express' } as Missing])
    expect(w.get<HTMLSelectElement>('[data-testid="missing-UF_CRM_SF_URGENCY"] select').element.value).toBe('express')
  })

  it('follows a new list from the guard for the same stage: keeps what is still asked, drops the rest', async () => {
    const w = mountForm([field, positive])
    await w.get('[data-testid="missing-UF_CRM_SF_PAY_TERMS"]').setValue('prepay50')
    await w.get('[data-testid="missing-UF_CRM_SF_DLV_KG"]').setValue('12')
    await w.setProps({ missing: [positive, payment] })
    expect(w.find('[data-testid="missing-UF_CRM_SF_PAY_TERMS"]').exists()).toBe(false)
    await w.get('form').trigger('submit')
    expect(w.emitted('submit')).toEqual([[{ UF_CRM_SF_DLV_KG: '12' }]])
    await w.setProps({ missing: [payment] })
    expect(w.find('form').exists()).toBe(false)
  })

  it('asks for the fields inside "one of" alternatives too', () => {
    const w = mountForm([{ kind: 'anyOf', options: [[field], [payment]] }])
    expect(w.find('[data-testid="missing-UF_CRM_SF_PAY_TERMS"]').exists()).toBe(true)
  })

  it('submit emits the typed values by field code', async () => {
    const w = mountForm([field, positive, choice, approval])
    await w.get('[data-testid="missing-UF_CRM_SF_PAY_TERMS"]').setValue('prepay50')
    await w.get('[data-testid="missing-UF_CRM_SF_DLV_KG"]').setValue('12.5')
    await w.get('[data-testid="missing-UF_CRM_SF_URGENCY"] select').setValue('express')
    await w.get('form').trigger('submit')
    expect(w.emitted('submit')).toEqual([
      [{ UF_CRM_SF_PAY_TERMS: 'prepay50', UF_CRM_SF_DLV_KG: '12.5', UF_CRM_SF_URGENCY: 'express' }],
    ])
    expect(w.emitted('cancel')).toBeUndefined()
  })

  it('the submit button does not submit while a required input is empty', async () => {
    const w = mountForm([field, positive], 'ru')
    const submit = w.get('[data-testid="missing-submit"]')
    await w.get('[data-testid="missing-UF_CRM_SF_PAY_TERMS"]').setValue('net30')
    await submit.trigger('click')
    expect(w.emitted('submit')).toBeUndefined()
    await w.get('[data-testid="missing-UF_CRM_SF_DLV_KG"]').setValue('3')
    await submit.trigger('click')
    expect(w.emitted('submit')).toEqual([[{ UF_CRM_SF_PAY_TERMS: 'net30', UF_CRM_SF_DLV_KG: '3' }]])
  })

  it('cancel emits cancel and no submit', async () => {
    const w = mountForm([field])
    const cancel = w.findAll('button').find((b) => b.text() === 'Отмена')
    expect(cancel?.attributes('type')).toBe('button')
    await cancel?.trigger('click')
    expect(w.emitted('cancel')).toHaveLength(1)
    expect(w.emitted('submit')).toBeUndefined()
  })

  it('with nothing to fill in shows no form, only cancel', async () => {
    const w = mountForm([approval, payment, { kind: 'credit', decision: 'unknown' }])
    expect(w.find('form').exists()).toBe(false)
    expect(w.find('[data-testid="missing-submit"]').exists()).toBe(false)
    const buttons = w.findAll('button')
    expect(buttons.map((b) => b.text())).toEqual(['Отмена'])
    await buttons[0]?.trigger('click')
    expect(w.emitted('cancel')).toHaveLength(1)
  })
})

describe('DealMissingForm: what people type and pick', () => {
  it('reads an amount typed the Russian way («1 500 000,50») and names the field when it is not a number', async () => {
    const w = mountForm([positive])
    const box = w.get('[data-testid="missing-UF_CRM_SF_DLV_KG"]')
    await box.setValue('1,2,3')
    await w.get('form').trigger('submit')
    expect(w.emitted('submit')).toBeUndefined()
    expect(w.get('[role="alert"]').text()).toBe('Поле «Вес, кг»: «1,2,3» — не число.')
    await box.setValue('1 500 000,50')
    await w.get('form').trigger('submit')
    expect(w.emitted('submit')).toEqual([[{ UF_CRM_SF_DLV_KG: '1500000.50' }]])
  })

  it('asks for a company or a contact with a search by name, never an id box, and sends the picked id', async () => {
    const company: Missing = { kind: 'field', field: 'COMPANY_ID', lookup: 'company' }
    const contact: Missing = { kind: 'field', field: 'CONTACT_ID', lookup: 'contact' }
    const w = mountForm([{ kind: 'anyOf', options: [[company], [contact]] }])
    expect(w.find('input[data-testid="missing-COMPANY_ID"]').exists()).toBe(false)
    await w.get('[data-testid="missing-COMPANY_ID-search"]').setValue('Сталь')
    expect(w.emitted('findClients')).toEqual([['COMPANY_ID', 'company', 'Сталь']])
    await w.setProps({
      clientMatches: { COMPANY_ID: [{ kind: 'company', id: 7, name: 'ООО «СтальМонтаж»', companyId: null }] },
    })
    await w.get('[data-testid="missing-COMPANY_ID-pick-0"]').trigger('click')
    expect(w.get('[data-testid="missing-COMPANY_ID-chosen"]').text()).toContain('ООО «СтальМонтаж»')
    await w.get('form').trigger('submit')
    expect(w.emitted('submit')).toEqual([[{ COMPANY_ID: '7' }]])
  })
})

describe('DealMissingForm: list fields in the portal’s words', () => {
  const LISTS: Record<string, { value: string; label: string }[]> = {
    UF_CRM_SF_PAY_TERMS: [
      { value: 'prepay100', label: 'Предоплата 100 %' },
      { value: 'net30', label: 'Оплата в течение 30 дней' },
    ],
    UF_CRM_SF_URGENCY: [
      { value: 'standard', label: 'Обычная' },
      { value: 'express', label: 'Срочная' },
    ],
  }
  const mountWithLists = (missing: readonly Missing[]) =>
    mount(DealMissingForm, {
      props: {
        stage: 'Договор подписан',
        missing,
        fieldLabel: (f: string) => LABELS[f] ?? f,
        listItems: (f: string) => LISTS[f] ?? [],
        money: (a: string) => formatMoney(a, 'RUB', 'ru'),
      },
      global: { plugins: [createPinia(), createWidgetI18n('ru', messages), b24UiPlugin] },
      attachTo: document.body,
    })

  it('a list field is picked from its items by label and sends the item’s code', async () => {
    const w = mountWithLists([field])
    const select = w.get<HTMLSelectElement>('[data-testid="missing-UF_CRM_SF_PAY_TERMS"] select')
    expect(select.findAll('option').map((o) => [o.element.value, o.text()])).toEqual([
      ['', expect.any(String)],
      ['prepay100', 'Предоплата 100 %'],
      ['net30', 'Оплата в течение 30 дней'],
    ])
    await select.setValue('net30')
    await w.get('form').trigger('submit')
    expect(w.emitted('submit')).toEqual([[{ UF_CRM_SF_PAY_TERMS: 'net30' }]])
  })

  it('a wanted value and the current one are named by their labels, never by codes', () => {
    const w = mountWithLists([{ ...choice, expected: ['express'], actual: 'standard' } as Missing])
    const text = items(w).join(' ')
    expect(text).toContain('Срочная')
    expect(text).toContain('Обычная')
    expect(text).not.toContain('express')
    const options = w.get('[data-testid="missing-UF_CRM_SF_URGENCY"] select').findAll('option')
    expect(options.map((o) => o.text())).toContain('Срочная')
  })
})
