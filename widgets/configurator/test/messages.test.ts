import { describe, expect, it } from 'vitest'
import { createWidgetI18n } from '@salesflow/widget-kit'
import { DEFAULT_PRODUCT_MODEL, validateConfiguration, type Violation } from '@salesflow/rules'
import { messages } from '../src/messages'
import { violationText } from '@salesflow/widget-kit'

/** Every key path of a message tree, e.g. 'item.send'. */
function paths(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? paths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('configurator tab messages', () => {
  it('say everything in both languages, with the same placeholders', () => {
    expect(paths(messages.en).sort()).toEqual(paths(messages.ru).sort())
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    const at = (tree: Record<string, unknown>, path: string) =>
      path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree) as string
    for (const path of paths(messages.ru))
      expect(placeholders(at(messages.en, path)), path).toEqual(placeholders(at(messages.ru, path)))
  })
})

describe('violationText', () => {
  const sentences = (lang: 'ru' | 'en', violations: readonly Violation[]) => {
    const { t, te } = createWidgetI18n(lang, messages).global
    return violations.map((v) => violationText(t, te, DEFAULT_PRODUCT_MODEL, v))
  }

  it('names both parts, the rule and the fix, in ru and en', () => {
    const check = validateConfiguration(DEFAULT_PRODUCT_MODEL, {
      platformId: 'pt-500',
      components: [
        { componentId: 'frame-light', quantity: 1 },
        { componentId: 'sensor-c3', quantity: 2 },
        { componentId: 'sensor-c4', quantity: 1 },
        { componentId: 'ctrl-basic', quantity: 1 },
        { componentId: 'drive-fc', quantity: 1 },
        { componentId: 'cable-5', quantity: 1 },
      ],
    })
    const ru = sentences('ru', check.violations)
    expect(ru).toContain(
      '«Привод с частотным преобразователем ПЧ-7» требует «Контроллер КС-2 с интерфейсом RS-485», а его нет. ' +
        'Правило: «Привод ПЧ-7 работает только с КС-2». Добавьте «Контроллер КС-2 с интерфейсом RS-485» или уберите ' +
        '«Привод с частотным преобразователем ПЧ-7».',
    )
    expect(ru).toContain(
      '«Платформа ПТ-500 усиленная» и «Рама облегчённая» несовместимы. Правило: «ПТ-500 не ставится на облегчённую ' +
        'раму». Уберите одно из двух.',
    )
    expect(ru).toContain(
      'датчики на платформе «Платформа ПТ-500 усиленная»: нужно не меньше 4, сейчас 3. Правило: «ПТ-500: от 4 до 8 ' +
        'датчиков». Добавьте ещё 1.',
    )
    const en = sentences('en', check.violations)
    expect(en).toContain(
      '“Платформа ПТ-500 усиленная” and “Рама облегчённая” cannot go together. Rule: “ПТ-500 не ставится на ' +
        'облегчённую раму”. Remove one of them.',
    )
    expect(sentences('ru', [{ code: 'UNKNOWN_COMPONENT', id: 'x-1' }])).toEqual([
      'Компонента «x-1» нет в модели: уберите его.',
    ])
  })
})
