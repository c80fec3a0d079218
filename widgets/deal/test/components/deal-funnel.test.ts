// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createWidgetI18n, type Lang } from '@salesflow/widget-kit'
import { messages } from '../../src/messages'
import DealFunnel, { type DealFunnelProps, type FunnelMove } from '../../src/components/deal/DealFunnel.vue'

const SALE: DealFunnelProps['stages'] = [
  { id: 'C1:NEW', name: 'Новая сделка', semantics: 'process' },
  { id: 'C1:PREPARATION', name: 'Конфигурация', semantics: 'process' },
  { id: 'C1:PREPAYMENT_INVOICE', name: 'Расчёт стоимости', semantics: 'process' },
  { id: 'C1:WON', name: 'Договор подписан', semantics: 'success' },
  { id: 'C1:LOSE', name: 'Проиграна', semantics: 'failure' },
]
const NEXT: FunnelMove = {
  stageId: 'C1:PREPAYMENT_INVOICE',
  label: 'Расчёт стоимости',
  blocked: null,
  needsData: false,
}
const LOSE: FunnelMove = { stageId: 'C1:LOSE', label: 'Проиграна', blocked: null, needsData: true }
const WON: FunnelMove = {
  stageId: 'C1:WON',
  label: 'Договор подписан',
  blocked: 'Стадии нельзя пропускать: сначала «Расчёт стоимости».',
  needsData: true,
}

function mountFunnel(props: Partial<DealFunnelProps> = {}, lang: Lang = 'ru') {
  return mount(DealFunnel, {
    props: { stages: SALE, currentId: 'C1:PREPARATION', moves: [NEXT, WON, LOSE], moving: false, ...props },
    global: { plugins: [createPinia(), createWidgetI18n(lang, messages), b24UiPlugin] },
  })
}

const moveButton = (w: ReturnType<typeof mountFunnel>, stageId: string) =>
  w.get<HTMLButtonElement>(`[data-testid="move-${stageId}"]`)

describe('DealFunnel', () => {
  it('lists the stages in order and marks only the current one aria-current', () => {
    const w = mountFunnel()
    const items = w.findAll('ol li')
    expect(items.map((li) => li.text())).toEqual(SALE.map((s) => s.name))
    expect(items.map((li) => li.attributes('aria-current') ?? null)).toEqual([null, 'step', null, null, null])
    expect(w.get('[aria-current]').text()).toBe('Конфигурация')
  })

  it('follows the current stage when it changes', async () => {
    const w = mountFunnel()
    await w.setProps({ currentId: 'C1:WON' })
    expect(w.findAll('[aria-current="step"]').map((li) => li.text())).toEqual(['Договор подписан'])
  })

  it('offers one button per move, labelled with the stage', () => {
    const w = mountFunnel()
    expect(moveButton(w, 'C1:PREPAYMENT_INVOICE').text()).toBe('Расчёт стоимости')
    expect(moveButton(w, 'C1:WON').text()).toBe('Договор подписан')
    expect(moveButton(w, 'C1:LOSE').text()).toBe('Проиграна')
  })

  it('a possible move, even one that needs data, is enabled and emits move with its stage id', async () => {
    const w = mountFunnel()
    expect(moveButton(w, 'C1:PREPAYMENT_INVOICE').element.disabled).toBe(false)
    expect(moveButton(w, 'C1:LOSE').element.disabled).toBe(false)
    await moveButton(w, 'C1:PREPAYMENT_INVOICE').trigger('click')
    await moveButton(w, 'C1:LOSE').trigger('click')
    expect(w.emitted('move')).toEqual([['C1:PREPAYMENT_INVOICE'], ['C1:LOSE']])
  })

  it('a blocked move is disabled, says why in its title and emits nothing', async () => {
    const w = mountFunnel()
    const won = moveButton(w, 'C1:WON')
    expect(won.element.disabled).toBe(true)
    expect(won.attributes('title')).toBe('Стадии нельзя пропускать: сначала «Расчёт стоимости».')
    expect(moveButton(w, 'C1:PREPAYMENT_INVOICE').attributes('title')).toBeUndefined()
    await won.trigger('click')
    expect(w.emitted('move')).toBeUndefined()
  })

  it('while a move is under way every move is disabled', async () => {
    const w = mountFunnel({ moving: true })
    for (const m of [NEXT, WON, LOSE]) expect(moveButton(w, m.stageId).element.disabled).toBe(true)
    await moveButton(w, 'C1:PREPAYMENT_INVOICE').trigger('click')
    expect(w.emitted('move')).toBeUndefined()
  })

  it('without moves says the role has none', () => {
    const w = mountFunnel({ moves: [] })
    expect(w.find('button').exists()).toBe(false)
    expect(w.text()).toContain('Для вашей роли переходов нет.')
  })

  it('speaks English with the en messages', () => {
    const w = mountFunnel({ moves: [] }, 'en')
    expect(w.text()).toContain('Funnel and stage')
    expect(w.text()).toContain('Your role has no moves from here.')
    expect(w.get('ol').attributes('aria-label')).toBe('Now')
  })

  it('renders a stage name with markup as text', () => {
    const w = mountFunnel({
      stages: [{ id: 'X', name: '<img src=x onerror=alert(1)>', semantics: 'process' }],
      currentId: 'X',
      moves: [{ stageId: 'Y', label: '<img src=y>', blocked: null, needsData: false }],
    })
    expect(w.find('img').exists()).toBe(false)
    expect(w.get('[aria-current]').text()).toBe('<img src=x onerror=alert(1)>')
    expect(moveButton(w, 'Y').text()).toBe('<img src=y>')
  })
})
