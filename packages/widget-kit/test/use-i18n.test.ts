// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { createWidgetI18n, useI18n } from '../src/i18n'

const messages = { ru: { hello: 'Сумма: {amount} ({count} шт.)' }, en: { hello: 'Amount: {amount} ({count} pcs)' } }

const Probe = defineComponent({
  setup() {
    const { t, te, locale } = useI18n()
    return () => h('p', `${locale.value}: ${t('hello', { amount: 7, count: 2 })} ${te('hello')} ${te('nope')}`)
  },
})

describe('useI18n', () => {
  it('gives components the translator the app installed, in its language', () => {
    const wrapper = mount(Probe, { global: { plugins: [createWidgetI18n('ru', messages)] } })
    expect(wrapper.text()).toBe('ru: Сумма: 7 (2 шт.) true false')
    const english = mount(Probe, { global: { plugins: [createWidgetI18n('en', messages)] } })
    expect(english.text()).toBe('en: Amount: 7 (2 pcs) true false')
  })

  it('tells a component mounted without the plugin what is missing', () => {
    expect(() => mount(Probe)).toThrow(/createWidgetI18n/)
  })
})
