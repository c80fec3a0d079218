import { describe, expect, it } from 'vitest'
import { parseLocaleNumber } from '../src/parse-number'

describe('parseLocaleNumber', () => {
  it.each([
    ['ru', '1,5', '1.5'],
    ['ru', '1.5', '1.5'],
    ['ru', '1 500 000', '1500000'],
    ['ru', '1\u00a0500\u00a0000', '1500000'],
    ['ru', '1\u202f500\u202f000', '1500000'],
    ['ru', '1 500 000,50', '1500000.50'],
    ['ru', '  42 ', '42'],
    ['ru', '-2', '-2'],
    ['ru', '\u22122,5', '-2.5'],
    ['ru', '0', '0'],
    ['en', '1.5', '1.5'],
    ['en', '1,500,000.50', '1500000.50'],
    ['en', '1 500 000.50', '1500000.50'],
    ['en', '-3', '-3'],
  ] as const)('%s «%s» is %s', (lang, text, value) => {
    expect(parseLocaleNumber(text, lang)).toEqual({ ok: true, value })
  })

  it.each([
    ['ru', '1,2,3'],
    ['ru', '1.5.6'],
    ['ru', '--1'],
    ['ru', 'abc'],
    ['ru', ''],
    ['ru', '   '],
    ['ru', '1 50 000'],
    ['ru', '1,500,000'],
    ['ru', '1,'],
    ['ru', '12abc'],
    ['ru', 'Infinity'],
    ['en', '1,5'],
    ['en', '1,2,3'],
    ['en', '1.5.6'],
    ['en', '--1'],
    ['en', 'abc'],
    ['en', ''],
    ['en', '1e5'],
  ] as const)('%s «%s» is refused as INVALID_NUMBER with the text and field', (lang, text) => {
    expect(parseLocaleNumber(text, lang, 'quantity')).toEqual({
      ok: false,
      error: { code: 'INVALID_NUMBER', field: 'quantity', value: text },
    })
  })
})
