// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createWidgetI18n, type Lang } from '@salesflow/widget-kit'
import { messages } from '../../src/messages'
import ItemCard, { type ItemView } from '../../src/components/ItemCard.vue'
import ConfigEditor from '../../src/components/ConfigEditor.vue'
import ConfigPrice, { type PriceView } from '../../src/components/ConfigPrice.vue'
import ConfigDiff from '../../src/components/ConfigDiff.vue'

enableAutoUnmount(afterEach)
const plugins = (lang: Lang) => [createPinia(), createWidgetI18n(lang, messages), b24UiPlugin]

const ITEM: ItemView = {
  key: '1001',
  name: 'Платформа ПТ-300 алюминиевая + Рама монтажная РМ-1200',
  article: 'PT300-RM1200-ABC123',
  status: 'Ждёт согласования технического отдела',
  taskId: 17,
  canSend: false,
  canDecide: false,
  canEdit: false,
  addMode: null,
  addBlocked: null,
}

describe('ItemCard', () => {
  it('a manager sees no decision buttons; the task opens from its link', async () => {
    const w = mount(ItemCard, { props: { item: ITEM, busy: null }, global: { plugins: plugins('ru') } })
    expect(w.find('[data-testid="item-approve"]').exists()).toBe(false)
    expect(w.find('[data-testid="item-reject"]').exists()).toBe(false)
    expect(w.get('[data-testid="item-status"]').text()).toBe('Ждёт согласования технического отдела')
    await w.get('[data-testid="item-task"]').trigger('click')
    expect(w.emitted('openTask')).toEqual([[17]])
  })

  it('the technician approves, or rejects with the reason typed', async () => {
    const w = mount(ItemCard, {
      props: { item: { ...ITEM, canDecide: true }, busy: null },
      global: { plugins: plugins('ru') },
    })
    await w.get('[data-testid="item-approve"]').trigger('click')
    await w.get('[data-testid="item-reason"] input, input[data-testid="item-reason"]').setValue('Рама не выдержит')
    await w.get('[data-testid="item-reject"]').trigger('click')
    expect(w.emitted('approve')).toEqual([[]])
    expect(w.emitted('reject')).toEqual([['Рама не выдержит']])
  })

  it('while an action runs, the decision buttons are disabled', () => {
    const w = mount(ItemCard, {
      props: { item: { ...ITEM, canDecide: true }, busy: 'approve' },
      global: { plugins: plugins('en') },
    })
    expect(w.get<HTMLButtonElement>('[data-testid="item-reject"]').element.disabled).toBe(true)
  })

  it('an approved item is added with its quantity; a blocked one says why instead', async () => {
    const w = mount(ItemCard, {
      props: { item: { ...ITEM, status: 'Согласовано', addMode: 'add', canEdit: true }, busy: null },
      global: { plugins: plugins('ru') },
    })
    await w.get('[data-testid="item-quantity"] input, input[data-testid="item-quantity"]').setValue('3')
    await w.get('[data-testid="item-add"]').trigger('click')
    await w.get('[data-testid="item-edit"]').trigger('click')
    expect(w.emitted('add')).toEqual([['3']])
    expect(w.emitted('edit')).toEqual([[]])
    const blocked = mount(ItemCard, {
      props: { item: { ...ITEM, addBlocked: 'Not approved: the Sale funnel takes approved items only.' }, busy: null },
      global: { plugins: plugins('en') },
    })
    expect(blocked.get('[data-testid="item-add-blocked"]').text()).toContain('approved items only')
    expect(blocked.find('[data-testid="item-add"]').exists()).toBe(false)
  })
})

describe('ConfigEditor', () => {
  const props = {
    platformId: 'pt-300',
    platforms: [{ label: 'Платформа ПТ-300', value: 'pt-300' }],
    components: [{ label: 'Датчик ДПИ-12 (датчики)', value: 'sensor-dpi12' }],
    lines: [{ componentId: 'sensor-dpi12', name: 'Датчик ДПИ-12', quantity: '2' }],
    violations: ['«Панель HMI-7» требует «Контроллер ПЛК-48».'],
    valid: false,
    canEdit: true,
  }

  it('shows every violation sentence and no "valid" line; emits quantity changes and removals', async () => {
    const w = mount(ConfigEditor, { props, global: { plugins: plugins('ru') } })
    expect(w.findAll('[data-testid="violation"]').map((v) => v.text())).toEqual([
      '«Панель HMI-7» требует «Контроллер ПЛК-48».',
    ])
    expect(w.find('[data-testid="config-valid"]').exists()).toBe(false)
    await w.get('[data-testid="qty-sensor-dpi12"] input, input[data-testid="qty-sensor-dpi12"]').setValue('4')
    await w.get('[data-testid="remove-sensor-dpi12"]').trigger('click')
    expect(w.emitted('quantity')).toEqual([['sensor-dpi12', '4']])
    expect(w.emitted('remove')).toEqual([['sensor-dpi12']])
  })

  it('adds the chosen component; a valid configuration says so', async () => {
    const w = mount(ConfigEditor, {
      props: { ...props, violations: [], valid: true },
      global: { plugins: plugins('en') },
    })
    await w.get('[data-testid="config-component"] select').setValue('sensor-dpi12')
    await w.get('[data-testid="config-add"]').trigger('click')
    expect(w.emitted('add')).toEqual([['sensor-dpi12']])
    expect(w.get('[data-testid="config-valid"]').text()).toBe('The configuration is valid.')
  })
})

describe('ConfigPrice', () => {
  const PRICE: PriceView = {
    parts: [
      {
        id: 'pt-300',
        name: 'Платформа',
        quantity: 1,
        catalog: '1 240,00 €',
        converted: '118 420,00 ₽',
        sum: '118 420,00 ₽',
      },
    ],
    components: '118 420,00 ₽',
    assembly: '25 000,00 ₽',
    markup: '14 342,00 ₽',
    list: '157 762,00 ₽',
    tax: '28 449,05 ₽',
    taxRate: '22',
  }

  it('shows the parts, the list price and the VAT in it; an unpriceable configuration shows the error only', () => {
    const w = mount(ConfigPrice, { props: { price: PRICE, error: null }, global: { plugins: plugins('ru') } })
    expect(w.get('[data-testid="price-list"]').text()).toBe('157 762,00 ₽')
    expect(w.get('[data-testid="price-tax"]').text()).toBe('28 449,05 ₽')
    expect(w.text()).toContain('1 240,00 €')
    const bad = mount(ConfigPrice, {
      props: { price: PRICE, error: 'No price for product 106.' },
      global: { plugins: plugins('en') },
    })
    expect(bad.get('[data-testid="price-error"]').text()).toContain('No price for product 106.')
    expect(bad.find('[data-testid="price-list"]').exists()).toBe(false)
  })
})

describe('ConfigDiff', () => {
  it('lists the changed parts, the price move and whether approval is needed', () => {
    const w = mount(ConfigDiff, {
      props: {
        diff: {
          lines: ['Датчик ДПИ-12: 3 → 4'],
          price: 'Цена изделия: +5 400,00 ₽ (было 150 000,00 ₽, стало 155 400,00 ₽)',
          approval: 'Это новое изделие: его нужно согласовать с техническим отделом.',
        },
      },
      global: { plugins: plugins('ru') },
    })
    expect(w.get('[data-testid="config-diff"]').text()).toContain('Датчик ДПИ-12: 3 → 4')
    expect(w.get('[data-testid="config-price-delta"]').text()).toContain('+5 400,00 ₽')
    expect(w.get('[data-testid="config-reapproval"]').text()).toContain('согласовать')
    const same = mount(ConfigDiff, {
      props: { diff: { lines: ['The configuration is unchanged.'], price: null, approval: null } },
      global: { plugins: plugins('en') },
    })
    expect(same.find('[data-testid="config-price-delta"]').exists()).toBe(false)
    expect(same.find('[data-testid="config-reapproval"]').exists()).toBe(false)
  })
})
