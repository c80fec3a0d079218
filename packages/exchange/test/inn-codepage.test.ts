import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodableCharacters, encodeText, isValidInn, withInnCheckDigits } from '../src'

describe('ИНН check digits', () => {
  it.each(['7702070139', '5504036333', '7707017509', '7707083893', '500100732259'])('%s is valid', (inn) => {
    expect(isValidInn(inn)).toBe(true)
  })
  it.each(['7777777777', '1234567891', '123123123123', '7123456789012', '770212345', '77020701 9', ''])(
    '%s is not',
    (inn) => expect(isValidInn(inn)).toBe(false),
  )
  it('a computed ИНН is valid, and any other last digit makes it invalid (10 and 12 digits)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}(\d)?$/), fc.integer({ min: 1, max: 9 }), (stem, delta) => {
        const inn = withInnCheckDigits(stem)
        expect(inn).toHaveLength(stem.length === 9 ? 10 : 12)
        expect(isValidInn(inn)).toBe(true)
        const last = (Number(inn.at(-1)) + delta) % 10
        expect(isValidInn(inn.slice(0, -1) + last)).toBe(false)
      }),
    )
  })
})

describe('code pages', () => {
  it('writes the bytes the code pages define', () => {
    const bytes = (text: string, enc: 'windows-1251' | 'ibm866') => {
      const r = encodeText(text, enc)
      return r.ok ? [...r.value] : r
    }
    expect(bytes('Аая№Ёё', 'windows-1251')).toEqual([0xc0, 0xe0, 0xff, 0xb9, 0xa8, 0xb8])
    expect(bytes('Аая№Ёё', 'ibm866')).toEqual([0x80, 0xa0, 0xef, 0xfc, 0xf0, 0xf1])
    expect(bytes('a=1\r\n', 'ibm866')).toEqual([0x61, 0x3d, 0x31, 0x0d, 0x0a])
  })

  it('decodes back to every character it can write', () => {
    for (const enc of ['windows-1251', 'ibm866'] as const) {
      const chars = encodableCharacters(enc).join('')
      const r = encodeText(chars, enc)
      expect(r.ok && new TextDecoder(enc).decode(r.value)).toBe(chars)
      expect(chars).toContain('Ж')
    }
  })

  it('names the first character a code page cannot write', () => {
    expect(encodeText('ООО «Ромашка»', 'ibm866')).toEqual({ ok: false, char: '«', index: 4 })
    expect(encodeText('₽ 100', 'windows-1251')).toEqual({ ok: false, char: '₽', index: 0 })
    expect(encodeText('😀', 'windows-1251')).toEqual({ ok: false, char: '😀', index: 0 })
  })
})
