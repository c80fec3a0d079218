import type { Composer } from 'vue-i18n'
import type { ProductModel, Violation } from '@salesflow/rules'

/**
 * A violation as a sentence: both parts by name (a group by its word, a platform or component by the model's
 * name), the rule and what would fix it. Names come from the portal's data and are shown as text only.
 */
export function violationText(t: Composer['t'], te: Composer['te'], model: ProductModel, v: Violation): string {
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
