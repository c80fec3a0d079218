import { describe, expect, it } from 'vitest'
import { currencySymbol, formatDate, formatMoney, formatPercent, toLang } from '../src/format'

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

describe('format', () => {
  it('formats a decimal string exactly, kopecks of 1e15 included', () => {
    expect(plain(formatMoney('1000000000000000.01', 'RUB', 'ru'))).toBe('1 000 000 000 000 000,01 ₽')
    expect(formatMoney('-1234.5', 'USD', 'en')).toBe('-$1,234.50')
  })

  it('takes the sign of a currency from the language', () => {
    expect([currencySymbol('RUB', 'ru'), currencySymbol('CNY', 'ru'), currencySymbol('EUR', 'en')]).toEqual([
      '₽',
      '¥',
      '€',
    ])
  })

  it('shows dates as dates, never a day off', () => {
    expect(formatDate('2026-01-01', 'ru')).toBe('01.01.2026')
    expect(formatDate('not a date', 'en')).toBe('not a date')
  })

  it('shows a date-only value the portal printed as local midnight on its own day, in any browser zone', () => {
    // An invoice due 01.11.2026 arrives as midnight Moscow time, 21:00 UTC the day before.
    expect(formatDate('2026-11-01T00:00:00+03:00', 'ru')).toBe('01.11.2026')
    expect(formatDate('2026-11-01T00:00:00-05:00', 'en')).toBe(formatDate('2026-11-01', 'en'))
    expect(formatDate('2026-11-03T23:30:00+03:00', 'ru')).toBe('03.11.2026')
  })

  it('speaks ru to ru-speaking portals and en to the rest', () => {
    expect(['ru', 'kz', 'de', undefined].map(toLang)).toEqual(['ru', 'ru', 'en', 'en'])
  })
})

describe('formatPercent', () => {
  it.each([
    ['0.00', 'ru', '0'],
    ['20.50', 'ru', '20,5'],
    ['33.33', 'en', '33.33'],
    ['100', 'en', '100'],
  ] as const)('%s in %s is %s', (value, lang, shown) => {
    expect(formatPercent(value, lang)).toBe(shown)
  })
})
