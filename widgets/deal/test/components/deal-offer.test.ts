// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createWidgetI18n, type Lang } from '@salesflow/widget-kit'
import { messages } from '../../src/messages'
import DealOffer, { type DealOfferProps } from '../../src/components/deal/DealOffer.vue'

function mountOffer(props: Partial<DealOfferProps> = {}, lang: Lang = 'ru') {
  return mount(DealOffer, {
    props: { busy: null, dirty: false, attached: null, error: null, ...props },
    global: { plugins: [createPinia(), createWidgetI18n(lang, messages), b24UiPlugin] },
  })
}

const button = (w: ReturnType<typeof mountOffer>, format: 'pdf' | 'docx') =>
  w.get<HTMLButtonElement>(`[data-testid="offer-${format}"]`)

describe('DealOffer', () => {
  it('exports PDF and DOCX on click', async () => {
    const w = mountOffer()
    expect(button(w, 'pdf').text()).toBe('Скачать PDF')
    await button(w, 'pdf').trigger('click')
    await button(w, 'docx').trigger('click')
    expect(w.emitted('export')).toEqual([['pdf'], ['docx']])
    expect(w.text()).not.toContain('Сохраните расчёт')
  })

  it.each<[string, Partial<DealOfferProps>]>([
    ['the calculation is unsaved', { dirty: true }],
    ['a PDF is being built', { busy: 'pdf' }],
    ['a DOCX is being built', { busy: 'docx' }],
  ])('both exports are disabled while %s', async (_label, props) => {
    const w = mountOffer(props)
    expect([button(w, 'pdf').element.disabled, button(w, 'docx').element.disabled]).toEqual([true, true])
    await button(w, 'pdf').trigger('click')
    expect(w.emitted('export')).toBeUndefined()
  })

  it('asks to save first when dirty', () => {
    expect(mountOffer({ dirty: true }).text()).toContain('Сохраните расчёт — КП строится по сохранённым строкам.')
  })

  it('names the attached file and shows the error as text', () => {
    const w = mountOffer({ attached: 'КП-42.pdf', error: '<img src=x onerror=alert(1)>' })
    expect(w.get('[data-testid="offer-attached"]').text()).toBe('PDF приложен к ленте сделки: КП-42.pdf')
    expect(w.find('img').exists()).toBe(false)
    expect(w.get('[data-testid="offer-error"]').text()).toContain('<img src=x onerror=alert(1)>')
  })

  it('speaks English with the en messages', () => {
    const w = mountOffer({ dirty: true }, 'en')
    expect(button(w, 'docx').text()).toBe('Download DOCX')
    expect(w.text()).toContain('Save the calculation first')
  })
})
