import type { Translator } from '../i18n'
import type { ProductModel, Violation } from '@salesflow/rules'

/**
 * The words of configuration violations and component groups, in both languages: the configurator tab and the
 * settings page's model preview merge them into their messages, so a violation reads the same everywhere.
 */
export const violationMessages = {
  ru: {
    group: {
      drive: 'приводы',
      sensor: 'датчики',
      controller: 'контроллеры',
      panel: 'панели и пульты',
      frame: 'рамы',
      guard: 'ограждения',
      cable: 'кабели',
      fixing: 'крепёж',
    },
    violation: {
      because: ' Правило: «{explain}».',
      or: ' или ',
      requires: '«{item}» требует «{needed}», а его нет.{why} Добавьте «{needed}» или уберите «{item}».',
      excludes: '«{a}» и «{b}» несовместимы.{why} Уберите одно из двух.',
      below: '{item}: нужно не меньше {limit}, сейчас {actual}.{why} Добавьте ещё {delta}.',
      above: '{item}: можно не больше {limit}, сейчас {actual}.{why} Уберите {delta}.',
      belowOn: '{item} на платформе «{platform}»: нужно не меньше {limit}, сейчас {actual}.{why} Добавьте ещё {delta}.',
      aboveOn:
        '{item} на платформе «{platform}»: можно не больше {limit}, сейчас {actual}.{why} Уберите {delta} или выберите другую платформу.',
      unknownPlatform: 'Платформы «{id}» нет в модели: выберите платформу из списка.',
      unknownComponent: 'Компонента «{id}» нет в модели: уберите его.',
      quantity: '{item}: количество «{value}» — нужно целое число от 0.',
      input: 'Поле «{field}» заполнено неверно.',
    },
  },
  en: {
    group: {
      drive: 'drives',
      sensor: 'sensors',
      controller: 'controllers',
      panel: 'panels',
      frame: 'frames',
      guard: 'guards',
      cable: 'cables',
      fixing: 'fixings',
    },
    violation: {
      because: ' Rule: “{explain}”.',
      or: ' or ',
      requires: '“{item}” needs “{needed}”, which is missing.{why} Add “{needed}” or remove “{item}”.',
      excludes: '“{a}” and “{b}” cannot go together.{why} Remove one of them.',
      below: '{item}: at least {limit} needed, {actual} now.{why} Add {delta} more.',
      above: '{item}: at most {limit} allowed, {actual} now.{why} Remove {delta}.',
      belowOn: '{item} on the “{platform}” platform: at least {limit} needed, {actual} now.{why} Add {delta} more.',
      aboveOn:
        '{item} on the “{platform}” platform: at most {limit} allowed, {actual} now.{why} Remove {delta} or choose another platform.',
      unknownPlatform: 'Platform “{id}” is not in the model: choose one from the list.',
      unknownComponent: 'Component “{id}” is not in the model: remove it.',
      quantity: '{item}: quantity “{value}” must be a whole number from 0.',
      input: 'Field “{field}” is invalid.',
    },
  },
}

/**
 * A violation as a sentence: both parts by name (a group by its word, a platform or component by the model's
 * name), the rule and what would fix it. Names come from the portal's data and are shown as text only.
 */
export function violationText(t: Translator['t'], te: Translator['te'], model: ProductModel, v: Violation): string {
  const name = (ref: string): string => {
    if (ref.startsWith('group:')) {
      const group = ref.slice(6)
      return te(`group.${group}`) ? t(`group.${group}`) : group
    }
    return [...model.platforms, ...model.components].find((x) => x.id === ref)?.name ?? ref
  }
  const rule = 'ruleId' in v ? model.rules.find((r) => r.id === v.ruleId) : undefined
  const why = 'explain' in v && v.explain ? t('violation.because', { explain: v.explain }) : ''
  switch (v.code) {
    case 'REQUIRES':
      return t('violation.requires', { item: name(v.item), needed: v.anyOf.map(name).join(t('violation.or')), why })
    case 'EXCLUDES':
      return t('violation.excludes', { a: name(v.a), b: name(v.b), why })
    case 'QUANTITY_BELOW':
    case 'QUANTITY_ABOVE': {
      const platform = rule?.kind === 'quantity' && rule.platform ? name(rule.platform) : null
      const key = v.code === 'QUANTITY_BELOW' ? 'below' : 'above'
      const params = { item: name(v.item), limit: v.limit, actual: v.actual, delta: Math.abs(v.limit - v.actual), why }
      return platform ? t(`violation.${key}On`, { ...params, platform }) : t(`violation.${key}`, params)
    }
    case 'UNKNOWN_PLATFORM':
      return t('violation.unknownPlatform', { id: v.id || '—' })
    case 'UNKNOWN_COMPONENT':
      return t('violation.unknownComponent', { id: v.id })
    case 'INVALID_QUANTITY':
      return t('violation.quantity', { item: name(v.componentId), value: String(v.quantity) })
    default:
      return t('violation.input', { field: v.field })
  }
}
