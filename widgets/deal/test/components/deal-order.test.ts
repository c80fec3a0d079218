// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createWidgetI18n, formatMoney, type Lang } from '@salesflow/widget-kit'
import { messages } from '../../src/messages'
import DealOrder, { type DealOrderProps } from '../../src/components/deal/DealOrder.vue'
import type { RowView } from '@salesflow/widget-kit'
import type { DraftRow } from '@salesflow/usecases'

function draft(key: string, patch: Partial<DraftRow> = {}): DraftRow {
  return {
    key,
    id: 1,
    productId: 10,
    productName: 'Платформа ПТ-200 стальная',
    measureCode: 796,
    measureName: 'шт',
    listPrice: '125000.00',
    discountType: 'percent',
    discountValue: '5',
    quantity: '2',
    taxRate: '22',
    taxIncluded: 'Y',
    ...patch,
  }
}

function row(key: string, patch: Partial<RowView> = {}, draftPatch: Partial<DraftRow> = {}): RowView {
  return { draft: draft(key, draftPatch), sum: '237500.00', price: '118750.00', inexact: false, error: null, ...patch }
}

function mountOrder(props: Partial<DealOrderProps> = {}, lang: Lang = 'ru') {
  const base: DealOrderProps = {
    rows: [row('row-1'), row('row-2', { sum: '1234567.5' }, { productName: 'Датчик ДТ-1', taxRate: null })],
    currency: 'RUB',
    currencies: ['RUB', 'USD', 'EUR'],
    rate: null,
    total: '1472067.50',
    taxTotal: '265452.70',
    taxRates: ['22', '10', '0'],
    canEdit: true,
    dirty: true,
    saving: false,
    invalid: false,
    money: (amount) => formatMoney(amount, 'RUB', lang),
  }
  return mount(DealOrder, {
    props: { ...base, ...props },
    global: { plugins: [createPinia(), createWidgetI18n(lang, messages), b24UiPlugin] },
  })
}

type Wrapper = ReturnType<typeof mountOrder>

const nativeSelect = (w: Wrapper, testId: string) => w.get<HTMLSelectElement>(`[data-testid="${testId}"] select`)
const saveButton = (w: Wrapper) => w.find<HTMLButtonElement>('[data-testid="order-save"]')

describe('DealOrder: rendering', () => {
  it('shows every row with its product name and the sum formatted by the money prop (ru)', () => {
    const w = mountOrder()
    expect(w.get('[data-testid="order-row-0"]').text()).toContain('Платформа ПТ-200 стальная')
    expect(w.get('[data-testid="order-row-1"]').text()).toContain('Датчик ДТ-1')
    expect(w.get('[data-testid="row-0-sum"]').text()).toBe('237\u00a0500,00\u00a0₽')
    expect(w.get('[data-testid="row-1-sum"]').text()).toBe('1\u00a0234\u00a0567,50\u00a0₽')
    expect(w.get('[data-testid="order-total"]').text()).toBe('1\u00a0472\u00a0067,50\u00a0₽')
    expect(w.get('[data-testid="order-tax"]').text()).toBe('265\u00a0452,70\u00a0₽')
    expect(w.text()).toContain('Итого')
    expect(w.text()).toContain('в т. ч. НДС')
  })

  it('passes exactly the row sum, the total and the tax to money()', () => {
    const seen: string[] = []
    mountOrder({ money: (a) => (seen.push(a), `[${a}]`) })
    expect(seen).toEqual(expect.arrayContaining(['237500.00', '1234567.5', '1472067.50', '265452.70']))
  })

  it('fills the inputs and selects from the draft, VAT "none" when the row has no rate', () => {
    const w = mountOrder()
    expect(w.get<HTMLInputElement>('[data-testid="row-0-price"]').element.value).toBe('125000.00')
    expect(w.get<HTMLInputElement>('[data-testid="row-0-discount"]').element.value).toBe('5')
    expect(w.get<HTMLInputElement>('[data-testid="row-0-quantity"]').element.value).toBe('2')
    expect(nativeSelect(w, 'row-0-tax').element.value).toBe('22')
    expect(nativeSelect(w, 'row-1-tax').element.value).toBe('none')
    const options = nativeSelect(w, 'row-0-tax')
      .findAll('option')
      .map((o) => o.text())
    expect(options).toEqual(['без НДС', '22 %', '10 %', '0 %'])
    expect(
      nativeSelect(w, 'order-currency')
        .findAll('option')
        .map((o) => o.text()),
    ).toEqual(['RUB', 'USD', 'EUR'])
  })

  it('shows the number boxes as typed («1 500 000,50») while the draft holds the decimal', () => {
    const typed = row(
      'row-1',
      { text: { listPrice: '1\u00a0500\u00a0000,50', quantity: '1,5' } },
      { listPrice: '1500000.50' },
    )
    const w = mountOrder({ rows: [typed] })
    expect(w.get<HTMLInputElement>('[data-testid="row-0-price"]').element.value).toBe('1\u00a0500\u00a0000,50')
    expect(w.get<HTMLInputElement>('[data-testid="row-0-quantity"]').element.value).toBe('1,5')
  })

  it('shows the empty text and no table without rows', () => {
    const w = mountOrder({ rows: [] })
    expect(w.find('[data-testid="order-rows"]').exists()).toBe(false)
    expect(w.text()).toContain('В сделке нет товаров')
  })

  it("shows a row's error text instead of the inexact note, and the invalid-rows hint instead of the total", () => {
    const w = mountOrder({
      rows: [
        row('row-1', {
          sum: null,
          price: null,
          inexact: true,
          error: { code: 'INVALID_NUMBER', field: 'listPrice', value: 'abc' } as RowView['error'],
        }),
      ],
      invalid: true,
    })
    const cell = w.get('[data-testid="row-0-sum"]')
    expect(cell.get('[role="alert"]').text()).toBe('Поле «Цена»: «abc» — не число.')
    expect(cell.text()).not.toContain('Портал сохранит цену')
    expect(w.find('[data-testid="order-total"]').exists()).toBe(false)
    expect(w.text()).toContain('Исправьте строки с ошибками')
  })

  it('notes an inexact row with the price the portal will store', () => {
    const w = mountOrder({ rows: [row('row-1', { inexact: true, price: '33333.33', sum: '99999.99' })] })
    expect(w.get('[data-testid="row-0-sum"]').text()).toContain(
      'Портал сохранит цену 33\u00a0333,33\u00a0₽: при такой скидке точная цена недостижима.',
    )
  })

  it('shows no inexact note for an exact row', () => {
    const w = mountOrder({ rows: [row('row-1', { inexact: false, price: '33333.33' })] })
    expect(w.get('[data-testid="row-0-sum"]').text()).not.toContain('Портал сохранит цену')
  })

  it('shows the rate line only when given', () => {
    expect(mountOrder().find('[data-testid="order-rate"]').exists()).toBe(false)
    const w = mountOrder({ rate: 'Курс портала: 1 USD = 92,5 RUB' })
    expect(w.get('[data-testid="order-rate"]').text()).toBe('Курс портала: 1 USD = 92,5 RUB')
  })

  it('renders a product name with markup as text', () => {
    const w = mountOrder({ rows: [row('row-1', {}, { productName: '<img src=x onerror=alert(1)>' })] })
    expect(w.find('img').exists()).toBe(false)
    expect(w.get('[data-testid="order-row-0"]').text()).toContain('<img src=x onerror=alert(1)>')
  })

  it('speaks English with the en messages', () => {
    const w = mountOrder({ rows: [row('row-1', { inexact: true, price: '33333.33' })] }, 'en')
    expect(w.text()).toContain('Order calculation')
    expect(w.text()).toContain('incl. VAT')
    expect(w.get('[data-testid="row-0-sum"]').text()).toContain('The portal will store the price ₽33,333.33')
    expect(nativeSelect(w, 'row-0-tax').findAll('option')[0]?.text()).toBe('no VAT')
    expect(saveButton(w).text()).toBe('Save to the deal')
  })
})

describe('DealOrder: events', () => {
  it.each([
    ['row-1-price', '99000', { listPrice: '99000' }],
    ['row-1-discount', '7.5', { discountValue: '7.5' }],
    ['row-1-quantity', '3', { quantity: '3' }],
  ])('typing in %s emits update of that row with only that field', async (testId, value, patch) => {
    const w = mountOrder()
    await w.get(`[data-testid="${testId}"]`).setValue(value)
    expect(w.emitted('update')).toEqual([['row-2', patch]])
  })

  it.each([
    ['row-0-discount-type', 'amount', { discountType: 'amount' }],
    ['row-0-tax', '10', { taxRate: '10' }],
    ['row-0-tax', 'none', { taxRate: null }],
  ])('choosing %s = %s emits update with %o', async (testId, value, patch) => {
    const w = mountOrder()
    await nativeSelect(w, testId).setValue(value)
    expect(w.emitted('update')).toEqual([['row-1', patch]])
  })

  it('choosing a currency emits currency with its code', async () => {
    const w = mountOrder()
    await nativeSelect(w, 'order-currency').setValue('USD')
    expect(w.emitted('currency')).toEqual([['USD']])
    expect(w.emitted('update')).toBeUndefined()
  })

  it('remove emits the row key', async () => {
    const w = mountOrder()
    const remove = w
      .get('[data-testid="order-row-1"]')
      .findAll('button')
      .find((b) => b.text() === 'Удалить')
    await remove?.trigger('click')
    expect(w.emitted('remove')).toEqual([['row-2']])
  })

  it('save emits save when the calculation is dirty and valid', async () => {
    const w = mountOrder()
    expect(saveButton(w).element.disabled).toBe(false)
    expect(saveButton(w).text()).toBe('Сохранить в сделку')
    await saveButton(w).trigger('click')
    expect(w.emitted('save')).toHaveLength(1)
  })

  it.each([
    ['not dirty', { dirty: false }],
    ['invalid', { invalid: true }],
    ['saving', { saving: true }],
  ])('save is disabled and emits nothing when %s', async (_label, props) => {
    const w = mountOrder(props)
    expect(saveButton(w).element.disabled).toBe(true)
    await saveButton(w).trigger('click')
    expect(w.emitted('save')).toBeUndefined()
  })

  it('says it is saving while saving', () => {
    expect(saveButton(mountOrder({ saving: true })).text()).toBe('Сохраняем…')
  })
})

describe('DealOrder: read-only (canEdit = false)', () => {
  it('disables every input and select, hides remove and save, and says who may edit', async () => {
    const w = mountOrder({ canEdit: false })
    const inputs = w.findAll<HTMLInputElement>('input')
    expect(inputs.length).toBe(6)
    expect(inputs.every((i) => i.element.disabled)).toBe(true)
    const selects = w.findAll<HTMLSelectElement>('select')
    expect(selects.length).toBe(5)
    expect(selects.every((s) => s.element.disabled)).toBe(true)
    expect(saveButton(w).exists()).toBe(false)
    expect(w.findAll('button').some((b) => b.text() === 'Удалить')).toBe(false)
    expect(w.text()).toContain('Редактировать расчёт могут менеджер и администратор.')
    // The total is still shown to a reader.
    expect(w.get('[data-testid="order-total"]').text()).toBe('1\u00a0472\u00a0067,50\u00a0₽')
  })

  it('an editable card enables them', () => {
    const w = mountOrder()
    expect(w.findAll<HTMLInputElement>('input').some((i) => i.element.disabled)).toBe(false)
    expect(w.findAll<HTMLSelectElement>('select').some((s) => s.element.disabled)).toBe(false)
    expect(w.text()).not.toContain('Редактировать расчёт могут')
  })
})
