// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createWidgetI18n, type Lang } from '@salesflow/widget-kit'
import { messages } from '../../src/messages'
import DealHeader, { type DealHeaderProps } from '../../src/components/deal/DealHeader.vue'
import DealFinance, {
  type DealFinanceProps,
  type InvoiceView,
  type PaymentView,
} from '../../src/components/deal/DealFinance.vue'

const MARKUP = '<img src=x onerror=alert(1)>'
const plugins = (lang: Lang) => [createPinia(), createWidgetI18n(lang, messages), b24UiPlugin]

function mountHeader(props: Partial<DealHeaderProps> = {}) {
  const base: DealHeaderProps = {
    title: 'Поставка ПТ-200 для ООО «Вектор»',
    funnel: 'Продажа',
    stage: 'Конфигурация',
    semantics: 'process',
    role: 'Ваша роль: менеджер',
  }
  return mount(DealHeader, { props: { ...base, ...props }, global: { plugins: plugins('ru') } })
}

const INVOICES: InvoiceView[] = [
  { id: 71, title: 'Счёт № 71', stage: 'Отправлен', total: '118 750,00 ₽', due: '05.12.2026' },
  { id: 72, title: 'Счёт № 72', stage: 'Новый', total: '$1,200.00', due: null },
]
const PAYMENTS: PaymentView[] = [
  { id: 5, accountNumber: '71/1', sum: '59 375,00 ₽', paid: true, date: '20.11.2026' },
  { id: 6, accountNumber: '71/2', sum: '59 375,00 ₽', paid: false, date: null },
]

function mountFinance(props: Partial<DealFinanceProps> = {}, lang: Lang = 'ru') {
  const base: DealFinanceProps = { invoices: INVOICES, payments: PAYMENTS, received: '59 375,00 ₽' }
  return mount(DealFinance, { props: { ...base, ...props }, global: { plugins: plugins(lang) } })
}

describe('DealHeader', () => {
  it('shows the title, the funnel, the stage and the role', () => {
    const w = mountHeader()
    expect(w.get('[data-testid="deal-title"]').text()).toBe('Поставка ПТ-200 для ООО «Вектор»')
    expect(w.get('[data-testid="deal-stage"]').text()).toBe('Конфигурация')
    expect(w.get('[data-testid="deal-role"]').text()).toBe('Ваша роль: менеджер')
    expect(w.text()).toContain('Продажа')
  })

  it('renders a title, funnel, stage and role with markup as text: no element is created', () => {
    const w = mountHeader({ title: MARKUP, funnel: '<b>f</b>', stage: '<script>s()</script>', role: '<i>r</i>' })
    expect(w.find('img').exists()).toBe(false)
    expect(w.find('b').exists()).toBe(false)
    expect(w.find('script').exists()).toBe(false)
    expect(w.find('i').exists()).toBe(false)
    expect(w.get('[data-testid="deal-title"]').text()).toBe(MARKUP)
    expect(w.get('[data-testid="deal-title"]').element.innerHTML).toBe('&lt;img src=x onerror=alert(1)&gt;')
    expect(w.get('[data-testid="deal-stage"]').text()).toBe('<script>s()</script>')
  })

  it('colours the stage badge by its semantics (unknown semantics as a process stage)', () => {
    const cls = (semantics: DealHeaderProps['semantics']) =>
      mountHeader({ semantics }).get('[data-testid="deal-stage"]').classes().join(' ')
    const [process, success, failure, unknown] = [cls('process'), cls('success'), cls('failure'), cls(null)]
    expect(new Set([process, success, failure]).size).toBe(3)
    expect(unknown).toBe(process)
  })
})

describe('DealFinance', () => {
  it('lists the invoices with title, stage, total and due date (ru)', () => {
    const w = mountFinance()
    const rows = w.get('[data-testid="finance-invoices"]').findAll('li')
    expect(rows).toHaveLength(2)
    expect(rows[0]?.text()).toContain('Счёт № 71')
    expect(rows[0]?.text()).toContain('Отправлен')
    expect(rows[0]?.text()).toContain('118 750,00 ₽')
    expect(rows[0]?.text()).toContain('срок 05.12.2026')
    expect(rows[1]?.text()).toContain('$1,200.00')
    expect(rows[1]?.text()).not.toContain('срок')
  })

  it('shows the rate snapshot of an invoice issued in another currency, and none for the others', () => {
    const rate = 'курс 100.25 RUB за 1 EUR на 25.11.2026 (portal)'
    const w = mountFinance({ invoices: [{ ...INVOICES[0]!, rate }, INVOICES[1]!] })
    const rows = w.get('[data-testid="finance-invoices"]').findAll('li')
    expect(rows[0]?.get('[data-testid="finance-invoice-rate"]').text()).toBe(rate)
    expect(rows[1]?.find('[data-testid="finance-invoice-rate"]').exists()).toBe(false)
  })

  it('lists the payments with paid or unpaid and the received line', () => {
    const w = mountFinance()
    const rows = w.get('[data-testid="finance-payments"]').findAll('li')
    expect(rows.map((r) => r.text())).toEqual([
      expect.stringMatching(/^71\/1.*59 375,00 ₽.*оплачено.*20\.11\.2026$/),
      expect.stringMatching(/^71\/2.*59 375,00 ₽.*не оплачено$/),
    ])
    expect(w.text()).toContain('Получено по сделке: 59 375,00 ₽')
  })

  it('Open emits openInvoice with the id of that invoice', async () => {
    const w = mountFinance()
    const open = w.get('[data-testid="finance-invoices"]').findAll('li')[1]?.get('button')
    expect(open?.text()).toBe('Открыть')
    await open?.trigger('click')
    expect(w.emitted('openInvoice')).toEqual([[72]])
  })

  it('says so when there are no invoices and no payments, and omits the received line when null', () => {
    const w = mountFinance({ invoices: [], payments: [], received: null })
    expect(w.find('[data-testid="finance-invoices"]').exists()).toBe(false)
    expect(w.find('[data-testid="finance-payments"]').exists()).toBe(false)
    expect(w.text()).toContain('Счетов по сделке нет.')
    expect(w.text()).toContain('Оплат нет.')
    expect(w.text()).not.toContain('Получено по сделке')
  })

  it('renders invoice titles, stages and account numbers with markup as text', () => {
    const w = mountFinance({
      invoices: [{ id: 1, title: MARKUP, stage: '<img src=s>', total: '1', due: null }],
      payments: [{ id: 2, accountNumber: '<img src=p>', sum: '1', paid: true, date: null }],
    })
    expect(w.find('img').exists()).toBe(false)
    expect(w.get('[data-testid="finance-invoices"]').text()).toContain(MARKUP)
    expect(w.get('[data-testid="finance-invoices"]').text()).toContain('<img src=s>')
    expect(w.get('[data-testid="finance-payments"]').text()).toContain('<img src=p>')
  })

  it('speaks English with the en messages', () => {
    const w = mountFinance({ invoices: [INVOICES[0] as InvoiceView], payments: [] }, 'en')
    expect(w.text()).toContain('Invoices and payments')
    expect(w.text()).toContain('due 05.12.2026')
    expect(w.text()).toContain('No payments.')
    expect(w.text()).toContain('Received on the deal: 59 375,00 ₽')
    expect(w.get('[data-testid="finance-invoices"] button').text()).toBe('Open')
  })
})
