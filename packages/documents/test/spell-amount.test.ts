import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { spellAmount } from '../src/model'
import { spellIntegerRu } from '../src/words/number-words-ru'
import { spellIntegerEn } from '../src/words/number-words-en'
import { unwrap } from './support/fixtures'

const ru = (amount: string, code = 'RUB') => unwrap(spellAmount(amount, code, { lang: 'ru' }))
const en = (amount: string, code = 'RUB') => unwrap(spellAmount(amount, code, { lang: 'en' }))

describe('spellAmount in Russian', () => {
  it.each([
    ['0', 'Ноль рублей 00 копеек'],
    ['0.01', 'Ноль рублей 01 копейка'],
    ['1', 'Один рубль 00 копеек'],
    ['2.02', 'Два рубля 02 копейки'],
    ['4.04', 'Четыре рубля 04 копейки'],
    ['5.05', 'Пять рублей 05 копеек'],
    ['11.11', 'Одиннадцать рублей 11 копеек'],
    ['12.12', 'Двенадцать рублей 12 копеек'],
    ['14.14', 'Четырнадцать рублей 14 копеек'],
    ['15', 'Пятнадцать рублей 00 копеек'],
    ['20', 'Двадцать рублей 00 копеек'],
    ['21.21', 'Двадцать один рубль 21 копейка'],
    ['22.22', 'Двадцать два рубля 22 копейки'],
    ['100', 'Сто рублей 00 копеек'],
    ['101', 'Сто один рубль 00 копеек'],
    ['111', 'Сто одиннадцать рублей 00 копеек'],
    ['112', 'Сто двенадцать рублей 00 копеек'],
    ['200', 'Двести рублей 00 копеек'],
    ['999', 'Девятьсот девяносто девять рублей 00 копеек'],
    ['1000', 'Одна тысяча рублей 00 копеек'],
    ['1001', 'Одна тысяча один рубль 00 копеек'],
    ['2000', 'Две тысячи рублей 00 копеек'],
    ['2002', 'Две тысячи два рубля 00 копеек'],
    ['5000', 'Пять тысяч рублей 00 копеек'],
    ['11000', 'Одиннадцать тысяч рублей 00 копеек'],
    ['21000', 'Двадцать одна тысяча рублей 00 копеек'],
    ['22000', 'Двадцать две тысячи рублей 00 копеек'],
    ['111000', 'Сто одиннадцать тысяч рублей 00 копеек'],
    ['123456.78', 'Сто двадцать три тысячи четыреста пятьдесят шесть рублей 78 копеек'],
    ['1000000', 'Один миллион рублей 00 копеек'],
    ['2000000', 'Два миллиона рублей 00 копеек'],
    ['5000001', 'Пять миллионов один рубль 00 копеек'],
    ['1001000', 'Один миллион одна тысяча рублей 00 копеек'],
    ['12000000', 'Двенадцать миллионов рублей 00 копеек'],
    ['1000000000', 'Один миллиард рублей 00 копеек'],
    ['3000000000.5', 'Три миллиарда рублей 50 копеек'],
    [
      '999999999999.99',
      'Девятьсот девяносто девять миллиардов девятьсот девяносто девять миллионов девятьсот девяносто девять тысяч девятьсот девяносто девять рублей 99 копеек',
    ],
    ['1000000000000', 'Один триллион рублей 00 копеек'],
    ['-15.5', 'Минус пятнадцать рублей 50 копеек'],
    ['-0.00', 'Ноль рублей 00 копеек'],
    ['007.10', 'Семь рублей 10 копеек'],
    ['1.000', 'Один рубль 00 копеек'],
  ])('%s → %s', (amount, words) => {
    expect(ru(amount)).toBe(words)
  })

  it.each([
    ['USD', '1.01', 'Один доллар США 01 цент'],
    ['USD', '3.03', 'Три доллара США 03 цента'],
    ['USD', '12.12', 'Двенадцать долларов США 12 центов'],
    ['EUR', '1', 'Один евро 00 центов'],
    ['EUR', '22.21', 'Двадцать два евро 21 цент'],
    ['CNY', '1.01', 'Один юань 01 фэнь'],
    ['CNY', '4.02', 'Четыре юаня 02 фэня'],
    ['CNY', '25.25', 'Двадцать пять юаней 25 фэней'],
  ])('%s %s → %s', (code, amount, words) => {
    expect(ru(amount, code)).toBe(words)
  })

  it('spells integers in the gender of the unit that follows', () => {
    expect(spellIntegerRu('1', 'f')).toBe('одна')
    expect(spellIntegerRu('2', 'f')).toBe('две')
    expect(spellIntegerRu('1', 'm')).toBe('один')
    expect(spellIntegerRu('2', 'm')).toBe('два')
  })

  it('drops the minor part for currencies without decimals', () => {
    expect(unwrap(spellAmount('21', 'RUB', { lang: 'ru', decimals: 0 }))).toBe('Двадцать один рубль')
  })
})

describe('spellAmount in English', () => {
  it.each([
    ['0', 'Zero roubles 00 kopecks'],
    ['1.01', 'One rouble 01 kopeck'],
    ['2.50', 'Two roubles 50 kopecks'],
    ['15', 'Fifteen roubles 00 kopecks'],
    ['21', 'Twenty-one roubles 00 kopecks'],
    ['40', 'Forty roubles 00 kopecks'],
    ['100', 'One hundred roubles 00 kopecks'],
    ['123456.78', 'One hundred twenty-three thousand four hundred fifty-six roubles 78 kopecks'],
    ['1000000', 'One million roubles 00 kopecks'],
    ['2000001000', 'Two billion one thousand roubles 00 kopecks'],
    ['-7.07', 'Minus seven roubles 07 kopecks'],
  ])('%s → %s', (amount, words) => {
    expect(en(amount)).toBe(words)
  })

  it.each([
    ['USD', '1.00', 'One US dollar 00 cents'],
    ['EUR', '2.01', 'Two euros 01 cent'],
    ['CNY', '3.30', 'Three yuan 30 fen'],
  ])('%s %s → %s', (code, amount, words) => {
    expect(en(amount, code)).toBe(words)
  })
})

describe('spellAmount errors', () => {
  it.each([['abc'], [''], ['1,5'], ['1.234'], ['1e5'], ['NaN'], ['--1']])('rejects %j as INVALID_AMOUNT', (bad) => {
    const r = spellAmount(bad, 'RUB', { lang: 'ru' })
    expect(r).toEqual({ ok: false, error: { code: 'INVALID_AMOUNT', field: 'amount', value: bad } })
  })

  it('refuses amounts beyond 999 trillion instead of printing nonsense', () => {
    const r = spellAmount('1000000000000000', 'RUB', { lang: 'ru' })
    expect(r.ok ? null : r.error.code).toBe('AMOUNT_OUT_OF_RANGE')
    expect(spellAmount('999999999999999.99', 'RUB', { lang: 'ru' }).ok).toBe(true)
  })

  it('names an unknown currency', () => {
    expect(spellAmount('1', 'GBP', { lang: 'ru' })).toEqual({
      ok: false,
      error: { code: 'UNSUPPORTED_CURRENCY', currency: 'GBP' },
    })
  })
})

describe('spellAmount properties', () => {
  const wellFormed = (s: string) => {
    expect(s).not.toMatch(/undefined|NaN|null/)
    expect(s).not.toMatch(/\s{2}/)
    expect(s).toBe(s.trim())
  }

  it('renders every integer from 0 to 10^6 in both languages', () => {
    for (let n = 0; n <= 1_000_000; n++) {
      const digits = String(n)
      const r = spellIntegerRu(digits, 'm')
      const e = spellIntegerEn(digits)
      if (r.includes('  ') || r.includes('undefined') || r === '' || e.includes('  ') || e.includes('undefined')) {
        throw new Error(`${n}: "${r}" / "${e}"`)
      }
    }
  })

  it('is well formed for any amount up to 999 999 999 999.99', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.integer({ min: 0, max: 99 }), fc.boolean())
      .map(([int, cents, neg]) => `${neg ? '-' : ''}${int}.${String(cents).padStart(2, '0')}`)
    fc.assert(
      fc.property(amount, fc.constantFrom('RUB', 'USD', 'EUR', 'CNY'), (value, code) => {
        const r = ru(value, code)
        const e = en(value, code)
        wellFormed(r)
        wellFormed(e)
        // The minor units are printed as the two digits of the amount.
        expect(r).toContain(` ${value.slice(-2)} `)
        expect(/^[А-ЯЁ]/.test(r)).toBe(true)
        expect(r.startsWith('Минус')).toBe(value.startsWith('-') && !/^-0\.00$/.test(value))
      }),
    )
  })

  it('picks the kopeck form by the last two digits: 11–14 are always "копеек"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 10_000 }), (k, rub) => {
        const words = ru(`${rub}.${String(k).padStart(2, '0')}`)
        const form = words.split(' ').at(-1)
        const expected =
          k % 100 >= 11 && k % 100 <= 14
            ? 'копеек'
            : k % 10 === 1
              ? 'копейка'
              : [2, 3, 4].includes(k % 10)
                ? 'копейки'
                : 'копеек'
        expect(form).toBe(expected)
      }),
    )
  })

  it('agrees between thousand grammar and the unit grammar: N тысяч(а/и) has the form N рубл(ь/я/ей) has', () => {
    const forms: Record<string, string> = { рубль: 'тысяча', рубля: 'тысячи', рублей: 'тысяч' }
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), (n) => {
        const unit = ru(String(n)).split(' ').at(-3)!
        const thousands = ru(`${n}000`).split(' ')
        expect(thousands.at(-4)).toBe(forms[unit])
      }),
    )
  })
})
