import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { describeOffer, formatAmount, formatDate, formatMoney, formatNumber, formatPercent, NBSP } from '../src/model'
import { makeOffer, unwrap } from './support/fixtures'

const RUB = { code: 'RUB', symbol: '₽', decimals: 2 }
const show = (s: string) => s.replaceAll(NBSP, '_')

describe('formatting', () => {
  it.each([
    ['0', '0,00', '0.00'],
    ['5', '5,00', '5.00'],
    ['999.9', '999,90', '999.90'],
    ['1000', '1_000,00', '1,000.00'],
    ['1234567.89', '1_234_567,89', '1,234,567.89'],
    ['-1234.5', '-1_234,50', '-1,234.50'],
    ['-0.00', '0,00', '0.00'],
    ['999999999999.99', '999_999_999_999,99', '999,999,999,999.99'],
  ])('%s → %s (ru), %s (en)', (value, ruText, enText) => {
    expect(show(formatAmount(value, 2, 'ru'))).toBe(ruText)
    expect(formatAmount(value, 2, 'en')).toBe(enText)
  })

  it('puts the sign after the amount in Russian and before it in English', () => {
    expect(show(formatMoney('1234567.89', RUB, 'ru'))).toBe('1_234_567,89_₽')
    expect(formatMoney('1234567.89', RUB, 'en')).toBe('₽1,234,567.89')
    expect(formatMoney('-5', { code: 'USD', symbol: '$', decimals: 2 }, 'en')).toBe('-$5.00')
  })

  it.each([
    ['2.0000', '2'],
    ['37.5000', '37,5'],
    ['1250.2500', '1_250,25'],
  ])('quantity %s → %s', (value, text) => {
    expect(show(formatNumber(value, 'ru'))).toBe(text)
  })

  it('formats rates and dates per language', () => {
    expect(show(formatPercent('22.00', 'ru'))).toBe('22_%')
    expect(formatPercent('7.50', 'en')).toBe('7.5%')
    expect(formatDate('2026-01-05', 'ru')).toBe('05.01.2026')
    expect(formatDate('2026-01-05', 'en')).toBe('5 Jan 2026')
  })

  it('never changes the digits it is given (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (kopecks) => {
        const abs = kopecks < 0n ? -kopecks : kopecks
        const value = `${kopecks < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
        const text = formatAmount(value, 2, 'ru')
        expect(text.replaceAll(NBSP, '').replace(',', '.')).toBe(value)
        expect(text).not.toMatch(/\s\s|^\s|\s$/)
      }),
    )
  })
})

describe('describeOffer', () => {
  it('words both languages from the same data', () => {
    const offer = makeOffer()
    const ru = unwrap(describeOffer(offer, 'ru'))
    const en = unwrap(describeOffer(offer, 'en'))
    expect(ru.rows.map((r) => r.cells.name)).toEqual(en.rows.map((r) => r.cells.name))
    expect(ru.totals.at(-1)).toEqual({ label: 'Итого с НДС', value: formatMoney(offer.totals.total, RUB, 'ru') })
    expect(en.totals.at(-1)).toEqual({ label: 'Total incl. VAT', value: formatMoney(offer.totals.total, RUB, 'en') })
    expect(ru.rows[4]!.cells.vatRate).toBe('без НДС')
    // 1 500 without VAT off a VAT-inclusive price is shown as the percentage the portal derived.
    expect(ru.rows[1]!.cells.discount).toBe(
      formatPercent(offer.rows[1]!.discount.kind === 'amount' ? offer.rows[1]!.discount.rate : '', 'ru'),
    )
    expect(ru.rows[1]!.cells.discount).toMatch(/^\d+,\d{1,2}\u00a0%$/)
    expect(ru.rows[0]!.cells.discount).toBe(`5${NBSP}%`)
    expect(ru.rows[0]!.article).toBe('Арт. PT-500-R')
  })

  it('says "без НДС" only when no row carries VAT', () => {
    const offer = makeOffer()
    const noVat = {
      ...offer,
      rows: offer.rows.map((r) => ({ ...r, vatRate: null, vat: '0.00' })),
      totals: { ...offer.totals, vat: [{ rate: null, amount: '0.00' }] },
    }
    const labels = unwrap(describeOffer(noVat, 'ru')).totals.map((t) => t.label)
    expect(labels).toEqual(['Итого без НДС', 'Без НДС', 'Итого с НДС'])
    expect(unwrap(describeOffer(offer, 'ru')).totals.map((t) => t.label)).toEqual([
      'Итого без НДС',
      `НДС 22${NBSP}%`,
      `НДС 10${NBSP}%`,
      'Итого с НДС',
    ])
  })
})
