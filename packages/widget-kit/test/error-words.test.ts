import { describe, expect, it } from 'vitest'
import { RULE_ERROR_CODES } from '@salesflow/rules'
import { PORTAL_ERROR_CODES, portalError } from '@salesflow/portal'
import { USECASE_ERROR_CODES } from '@salesflow/usecases'
import { kitMessages } from '../src/i18n'

const words = (lang: 'ru' | 'en', code: string): unknown => (kitMessages[lang].error as Record<string, unknown>)[code]

describe('every error code has words in ru and en', () => {
  it('lists the codes of every layer', () => {
    // 52 rules codes (money core, sales process, allocation-plan issues); the lists are exhaustive by type.
    expect(RULE_ERROR_CODES).toHaveLength(52)
    expect(PORTAL_ERROR_CODES).toContain('CONFLICT')
    expect(USECASE_ERROR_CODES).toContain('ORDER_INVALID')
  })

  it.each([...RULE_ERROR_CODES, ...USECASE_ERROR_CODES])('%s has a ru and an en message in the kit', (code) => {
    expect(words('ru', code)).toMatch(/\S/)
    expect(words('en', code)).toMatch(/\S/)
    expect(words('ru', code)).not.toBe(words('en', code))
  })

  it.each(PORTAL_ERROR_CODES)('portal %s carries its own ru and en sentence', (code) => {
    const { message } = portalError(code)
    expect(message.ru).toMatch(/[а-яё]/i)
    expect(message.en).toMatch(/[a-z]/i)
  })
})
