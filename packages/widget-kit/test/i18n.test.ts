import { describe, expect, it } from 'vitest'
import { createWidgetI18n } from '../src/i18n'

describe('createWidgetI18n', () => {
  const messages = {
    ru: { hello: 'Сумма: {amount} ({count} шт.)', plain: 'Без параметров' },
    en: { hello: 'Amount: {amount} ({count} pcs)', plain: 'No parameters' },
  }

  it('fills named placeholders in the portal language', () => {
    const { t } = createWidgetI18n('ru', messages).global
    expect(t('hello', { amount: '1 234,50 ₽', count: 3 })).toBe('Сумма: 1 234,50 ₽ (3 шт.)')
    expect(t('plain')).toBe('Без параметров')
  })

  it('speaks English and merges the kit error messages', () => {
    const { t } = createWidgetI18n('en', messages).global
    expect(t('hello', { amount: '₽1,234.50', count: 1 })).toBe('Amount: ₽1,234.50 (1 pcs)')
    expect(t('error.UNKNOWN_CURRENCY', { currency: 'GBP' })).toBe('Currency GBP is not set up on the portal.')
  })

  it('never prints "undefined" for a missing parameter', () => {
    const { t } = createWidgetI18n('ru', messages).global
    expect(t('hello', { amount: '5' })).toBe('Сумма: 5 ( шт.)')
  })

  it('has the same error keys in ru and en', async () => {
    const { kitMessages } = await import('../src/i18n')
    expect(Object.keys(kitMessages.ru.error).sort()).toEqual(Object.keys(kitMessages.en.error).sort())
  })

  it('reads the English message where the language lacks the key, and the key where both lack it', () => {
    const { t, te } = createWidgetI18n('ru', { ru: { only: {} }, en: { only: { en: 'English {x}' } } }).global
    expect(te('only.en')).toBe(false)
    expect(t('only.en', { x: 1 })).toBe('English 1')
    expect(t('no.such.key')).toBe('no.such.key')
    expect(t('only')).toBe('only')
  })

  it('fills a placeholder that repeats and leaves text around braces alone', () => {
    const { t } = createWidgetI18n('en', { ru: { m: '' }, en: { m: '{a}+{a} = {b} {not a placeholder} $& $1' } }).global
    expect(t('m', { a: 2, b: '4' })).toBe('2+2 = 4 {not a placeholder} $& $1')
  })
})
