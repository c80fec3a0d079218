// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createWidgetI18n, type Lang } from '@salesflow/widget-kit'
import { lazyPanel } from '@salesflow/widget-kit/lazy-panel'
import { messages } from '../../src/messages'

// The kit's lazyPanel, tried where its .vue pieces compile (a widget's test project).
const Loaded = defineComponent({ setup: () => () => h('p', { 'data-testid': 'loaded' }, 'panel') })
// What import() resolves to: a module namespace, which Vue's async components read `default` from.
const moduleOf = <C>(c: C) => ({ default: c, [Symbol.toStringTag]: 'Module' })

// Mounted inside a host, as App.vue does (Vue Test Utils cannot mount an async component as the root).
function mountLazy(load: () => Promise<{ default: typeof Loaded }>, lang: Lang = 'ru') {
  const Panel = lazyPanel(load)
  return mount({ render: () => h(Panel) }, { global: { plugins: [createWidgetI18n(lang, messages), b24UiPlugin] } })
}

describe('lazyPanel', () => {
  it('shows the panel once its code has arrived', async () => {
    const w = mountLazy(() => Promise.resolve(moduleOf(Loaded)))
    await flushPromises()
    expect(w.find('[data-testid="loaded"]').exists()).toBe(true)
  })

  it.each([
    ['ru', 'Эта часть карточки не загрузилась'],
    ['en', 'This part of the card did not load'],
  ] as const)('says in %s that the panel did not load, with a reload button', async (lang, words) => {
    const w = mountLazy(() => Promise.reject(new Error('Failed to fetch dynamically imported module')), lang)
    await flushPromises()
    const alert = w.get('[data-testid="panel-load-error"]')
    expect(alert.text()).toContain(words)
    expect(alert.find('button').exists()).toBe(true)
    expect(w.find('[data-testid="loaded"]').exists()).toBe(false)
  })
})
