// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createWidgetI18n, type Lang } from '@salesflow/widget-kit'
import { messages } from '../../src/messages'
import DealInvoiceIssue, { type DealInvoiceIssueProps } from '../../src/components/deal/DealInvoiceIssue.vue'

const PREVIEW = { amount: '11 105,24 €', due: '30.11.2026', rate: 'Курс: 100.25 RUB за 1 EUR', part: null }

function mountIssue(props: Partial<DealInvoiceIssueProps> = {}, lang: Lang = 'ru') {
  return mount(DealInvoiceIssue, {
    props: {
      kind: 'full',
      percent: '50',
      currency: 'RUB',
      currencies: ['RUB', 'EUR'],
      preview: PREVIEW,
      previewError: null,
      busy: false,
      issued: null,
      error: null,
      ...props,
    },
    global: { plugins: [createPinia(), createWidgetI18n(lang, messages), b24UiPlugin] },
  })
}
const button = (w: ReturnType<typeof mountIssue>) => w.get<HTMLButtonElement>('[data-testid="invoice-issue-button"]')

describe('DealInvoiceIssue', () => {
  it('shows the preview with the rate and issues on click', async () => {
    const w = mountIssue()
    expect(w.get('[data-testid="invoice-issue-preview"]').text()).toContain(
      'Сумма счёта 11 105,24 €, оплатить до 30.11.2026',
    )
    expect(w.get('[data-testid="invoice-issue-preview-rate"]').text()).toBe('Курс: 100.25 RUB за 1 EUR')
    await button(w).trigger('click')
    expect(w.emitted('issue')).toEqual([[]])
  })

  it('asks for the share only in share mode, and reports the choices it is given', async () => {
    expect(mountIssue().find('[data-testid="invoice-issue-percent"]').exists()).toBe(false)
    const w = mountIssue({ kind: 'share' })
    await w.get('[data-testid="invoice-issue-percent"]').setValue('30,5')
    await w.get('[data-testid="invoice-issue-kind"] select').setValue('instalment')
    await w.get('[data-testid="invoice-issue-currency"] select').setValue('EUR')
    expect(w.emitted('percent')).toEqual([['30,5']])
    expect(w.emitted('kind')).toEqual([['instalment']])
    expect(w.emitted('currency')).toEqual([['EUR']])
  })

  it.each<[string, Partial<DealInvoiceIssueProps>]>([
    ['while issuing (a double click issues once)', { busy: true }],
    ['without a preview (the input is refused)', { preview: null, previewError: 'Доля — не процент от 0 до 100.' }],
  ])('is disabled %s', async (_label, props) => {
    const w = mountIssue(props)
    expect(button(w).element.disabled).toBe(true)
    await button(w).trigger('click')
    expect(w.emitted('issue')).toBeUndefined()
  })

  it('names the issued invoice, says when it already existed, and shows errors as text', () => {
    const issued = { number: 'СЧ-00012', amount: '11 105,24 €', rate: 'Курс: 100.25 RUB за 1 EUR', again: false }
    expect(mountIssue({ issued }).get('[data-testid="invoice-issued"]').text()).toContain(
      'Выставлен счёт СЧ-00012 на 11 105,24 €.',
    )
    expect(
      mountIssue({ issued: { ...issued, again: true } }, 'en')
        .get('[data-testid="invoice-issued"]')
        .text(),
    ).toContain('This invoice was already issued: СЧ-00012 for 11 105,24 €.')
    const w = mountIssue({ error: '<img src=x onerror=alert(1)>' })
    expect(w.find('img').exists()).toBe(false)
    expect(w.get('[data-testid="invoice-issue-error"]').text()).toContain('<img src=x onerror=alert(1)>')
  })
})
