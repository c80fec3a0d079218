import type { Translator } from '@salesflow/widget-kit'
import type { ConditionTrace } from '@salesflow/rules'

/** A fact's name in words: a known fact from the messages, a custom field as its code. */
function factName(t: Translator['t'], te: Translator['te'], fact: string): string {
  return te(`fact.${fact}`) ? t(`fact.${fact}`) : fact.replace(/^field\./, '')
}

/** A value as a person reads it: yes/no, a list joined, nothing as a dash (numbers in the user's locale). */
function valueText(t: Translator['t'], value: unknown, locale: string): string {
  if (value === undefined || value === null || value === '') return t('value.empty')
  if (typeof value === 'boolean') return t(value ? 'value.yes' : 'value.no')
  if (typeof value === 'number') return value.toLocaleString(locale)
  if (Array.isArray(value)) return value.length === 0 ? t('value.empty') : value.map(String).join(', ')
  return String(value)
}

/** One condition of a rule with the lead's value: "темы обращения содержит repair (у лида: repair, purchase)". */
export function conditionText(t: Translator['t'], te: Translator['te'], c: ConditionTrace, locale: string): string {
  return t('verdict.condition', {
    fact: factName(t, te, c.fact),
    operator: te(`operator.${c.operator}`) ? t(`operator.${c.operator}`) : c.operator,
    value: valueText(t, c.value, locale),
    actual: valueText(t, c.actual, locale),
  })
}
