// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createWidgetI18n, type Lang } from '@salesflow/widget-kit'
import { messages } from '../../src/messages'
import InvoiceHeader, { type InvoiceHeaderProps } from '../../src/components/InvoiceHeader.vue'
import InvoiceLifecycle from '../../src/components/InvoiceLifecycle.vue'
import InvoicePositions from '../../src/components/InvoicePositions.vue'
import InvoiceReceipt from '../../src/components/InvoiceReceipt.vue'
import InvoicePayments from '../../src/components/InvoicePayments.vue'

const MARKUP = '<img src=x onerror=alert(1)>'
const plugins = (lang: Lang) => [createPinia(), createWidgetI18n(lang, messages), b24UiPlugin]

const header: InvoiceHeaderProps = {
  number: 'СФ-2026/0007',
  status: 'Просрочен',
  tone: 'alert',
  amount: '118 750,00 ₽',
  paid: '59 375,00 ₽',
  outstanding: '59 375,00 ₽',
  due: '05.11.2026',
  overdueDays: 12,
  rate: null,
  role: 'Ваша роль: бухгалтер',
}

describe('InvoiceHeader', () => {
  it('shows number, status, totals, due date and an overdue badge only when overdue', () => {
    const w = mount(InvoiceHeader, { props: header, global: { plugins: plugins('ru') } })
    expect(w.get('[data-testid="invoice-number"]').text()).toBe('Счёт № СФ-2026/0007')
    expect(w.get('[data-testid="invoice-status"]').text()).toBe('Просрочен')
    expect(w.get('[data-testid="invoice-outstanding"]').text()).toBe('59 375,00 ₽')
    expect(w.get('[data-testid="invoice-overdue"]').text()).toBe('просрочен на 12 дн.')
    const current = mount(InvoiceHeader, { props: { ...header, overdueDays: 0 }, global: { plugins: plugins('en') } })
    expect(current.find('[data-testid="invoice-overdue"]').exists()).toBe(false)
    expect(current.find('[data-testid="invoice-rate"]').exists()).toBe(false)
  })

  it('shows the rate snapshot when the invoice carries one, and portal text as text', () => {
    const w = mount(InvoiceHeader, {
      props: { ...header, number: MARKUP, rate: 'Курс: 1 EUR = 98.1234 RUB' },
      global: { plugins: plugins('ru') },
    })
    expect(w.get('[data-testid="invoice-rate"]').text()).toBe('Курс: 1 EUR = 98.1234 RUB')
    expect(w.find('img').exists()).toBe(false)
  })
})

describe('InvoiceLifecycle', () => {
  it('a refused transition is disabled and says why; an allowed one emits; cancel asks for a reason', async () => {
    const w = mount(InvoiceLifecycle, {
      props: {
        actions: [
          { event: 'MARK_PAID', refusal: 'Вашей роли это действие не разрешено.', needsReason: false },
          { event: 'REVERT_TO_DRAFT', refusal: null, needsReason: false },
          { event: 'CANCEL', refusal: null, needsReason: true },
        ],
        busy: null,
        error: null,
      },
      global: { plugins: plugins('ru') },
    })
    expect(w.get('[data-testid="lifecycle-MARK_PAID"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid="lifecycle-MARK_PAID-why"]').text()).toContain('роли')
    await w.get('[data-testid="lifecycle-REVERT_TO_DRAFT"]').trigger('click')
    expect(w.emitted('run')).toEqual([['REVERT_TO_DRAFT', '']])
    await w.get('[data-testid="lifecycle-CANCEL"]').trigger('click')
    expect(w.emitted('run')).toHaveLength(1)
    await w.get('input[data-testid="lifecycle-reason"], [data-testid="lifecycle-reason"] input').setValue('дубль')
    await w.get('form').trigger('submit')
    expect(w.emitted('run')![1]).toEqual(['CANCEL', 'дубль'])
  })
})

describe('InvoicePositions', () => {
  it('shows every row with paid and outstanding, and the column after the payment only with a preview', () => {
    const row = {
      id: 7,
      name: 'Платформа ПТ-200',
      quantity: '2',
      price: '1 000,00 ₽',
      vat: '22 %',
      total: '2 000,00 ₽',
      paid: '1 000,00 ₽',
      outstanding: '1 000,00 ₽',
      after: null,
    }
    const w = mount(InvoicePositions, { props: { rows: [row] }, global: { plugins: plugins('ru') } })
    expect(w.get('[data-testid="position-outstanding"]').text()).toBe('1 000,00 ₽')
    expect(w.find('[data-testid="position-after"]').exists()).toBe(false)
    const p = mount(InvoicePositions, {
      props: { rows: [{ ...row, after: '0,00 ₽' }] },
      global: { plugins: plugins('ru') },
    })
    expect(p.get('[data-testid="position-after"]').text()).toBe('0,00 ₽')
  })
})

describe('InvoiceReceipt', () => {
  const props = {
    amount: '5000',
    date: '2026-11-20',
    documentNumber: '',
    currency: 'RUB',
    confirmCredit: false,
    currencies: ['RUB', 'USD'],
    busy: false,
    error: null,
    applied: null,
    appliedCredit: null,
  }
  it('over-payment: apply stays disabled until the credit is confirmed', async () => {
    const w = mount(InvoiceReceipt, {
      props: { ...props, preview: { recorded: '4 000,00 ₽', residue: null, credit: '1 000,00 ₽', status: 'Оплачен' } },
      global: { plugins: plugins('ru') },
    })
    expect(w.get('[data-testid="receipt-apply"]').attributes('disabled')).toBeDefined()
    await w.setProps({ confirmCredit: true })
    expect(w.get('[data-testid="receipt-apply"]').attributes('disabled')).toBeUndefined()
    await w.get('[data-testid="receipt-apply"]').trigger('click')
    expect(w.emitted('apply')).toHaveLength(1)
  })

  it('without a preview there is nothing to apply', () => {
    const w = mount(InvoiceReceipt, { props: { ...props, preview: null }, global: { plugins: plugins('en') } })
    expect(w.find('[data-testid="receipt-apply"]').exists()).toBe(false)
  })
})

describe('InvoicePayments', () => {
  it('undo asks for a reason and emits the payment with it; no undo button without the right', async () => {
    const payments = [{ id: 5, accountNumber: '7/1', sum: '100,00 ₽', paid: true, date: null, bankKey: 'kl:1' }]
    const w = mount(InvoicePayments, {
      props: { payments, canUndo: true, busy: false },
      global: { plugins: plugins('ru') },
    })
    expect(w.text()).toContain('банк: kl:1')
    await w.get('[data-testid="payment-undo"]').trigger('click')
    await w
      .get('input[data-testid="payment-undo-reason"], [data-testid="payment-undo-reason"] input')
      .setValue('ошибка')
    await w.get('form').trigger('submit')
    expect(w.emitted('undo')).toEqual([[5, 'ошибка']])
    const viewer = mount(InvoicePayments, {
      props: { payments, canUndo: false, busy: false },
      global: { plugins: plugins('ru') },
    })
    expect(viewer.find('[data-testid="payment-undo"]').exists()).toBe(false)
  })

  it('refund is offered on paid payments only, asks for its reason and emits refund (not undo)', async () => {
    const payments = [
      { id: 5, accountNumber: '7/1', sum: '100,00 ₽', paid: true, date: null, bankKey: null },
      { id: 6, accountNumber: '7/2', sum: '50,00 ₽', paid: false, date: null, bankKey: null, refunded: true },
    ]
    const w = mount(InvoicePayments, {
      props: { payments, canUndo: false, canRefund: true, busy: false },
      global: { plugins: plugins('en') },
    })
    expect(w.get('[data-testid="payment-5"]').find('[data-testid="payment-refund"]').exists()).toBe(true)
    expect(w.get('[data-testid="payment-6"]').find('[data-testid="payment-refund"]').exists()).toBe(false)
    expect(w.get('[data-testid="payment-6"]').get('[data-testid="payment-refunded"]').text()).toBe(
      'refunded to the client',
    )
    await w.get('[data-testid="payment-refund"]').trigger('click')
    await w
      .get('input[data-testid="payment-refund-reason"], [data-testid="payment-refund-reason"] input')
      .setValue('defective batch')
    expect(w.get('[data-testid="payment-refund-confirm"]').text()).toBe('Refund the payment')
    await w.get('form').trigger('submit')
    expect(w.emitted('refund')).toEqual([[5, 'defective batch']])
    expect(w.emitted('undo')).toBeUndefined()
  })
})
