import { describe, expect, it } from 'vitest'
import { createWidgetI18n, errorText, type Lang } from '../src'
import { withColumnLabel } from '../src/rows/column-label'

function sentence(lang: Lang, error: { code: string; field: string; value: string }): string {
  const { t, te } = createWidgetI18n(lang, { ru: {}, en: {} }).global
  return errorText(t, te, withColumnLabel(t, error), lang)
}

describe('a row error names the column, never the internal key', () => {
  it.each([
    ['ru', { code: 'INVALID_NUMBER', field: 'quantity', value: '1,2,3' }, 'Кол-во'],
    ['ru', { code: 'QUANTITY_NOT_POSITIVE', field: 'quantity', value: '-2' }, 'Кол-во'],
    ['ru', { code: 'DISCOUNT_OUT_OF_RANGE', field: 'discountRate', value: '150' }, 'Скидка'],
    ['ru', { code: 'INVALID_NUMBER', field: 'listPrice', value: 'abc' }, 'Цена'],
    ['en', { code: 'INVALID_NUMBER', field: 'quantity', value: '1,2,3' }, 'Qty'],
    ['en', { code: 'DISCOUNT_OUT_OF_RANGE', field: 'discountSum', value: '-5' }, 'Discount'],
    ['en', { code: 'INVALID_NUMBER', field: 'listPrice', value: 'abc' }, 'Price'],
  ] as const)('%s %o says «%s»', (lang, error, label) => {
    const text = sentence(lang, error)
    expect(text).toContain(label)
    expect(text).toContain(error.value)
    expect(text).not.toMatch(/quantity|discountRate|discountSum|listPrice/)
    expect(lang === 'en' ? text : '').not.toMatch(/[а-яё]/i)
  })
})
