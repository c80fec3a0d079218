import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { offerFileName, OFFER_MIME, paymentTermsText } from '../src/model'

describe('offerFileName', () => {
  it.each([
    [{ number: 'КП-2026-0042', date: '2026-11-25' }, 'pdf', 'ru', 'КП КП-2026-0042 от 2026-11-25.pdf'],
    [{ number: '42', date: '2026-11-25' }, 'docx', 'en', 'Offer 42 of 2026-11-25.docx'],
    [{ number: '1/2026: "A"<b>', date: '2026-11-25' }, 'pdf', 'ru', 'КП 1_2026_ _A__b_ от 2026-11-25.pdf'],
  ] as const)('%j as %s (%s) → %s', (offer, format, lang, name) => {
    expect(offerFileName(offer, format, lang)).toBe(name)
  })

  it('never yields a path separator or a control character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (number) => {
        const name = offerFileName({ number, date: '2026-11-25' }, 'pdf', 'ru')
        expect(name).not.toMatch(/[\\/:*?"<>|\u0000-\u001f]/)
        expect(name.endsWith('.pdf')).toBe(true)
        expect(name.length).toBeLessThanOrEqual(124)
      }),
    )
  })

  it('names the MIME types the browser download and the timeline upload need', () => {
    expect(OFFER_MIME.pdf).toBe('application/pdf')
    expect(OFFER_MIME.docx).toMatch(/wordprocessingml\.document$/)
  })
})

describe('paymentTermsText', () => {
  it.each(['prepay100', 'prepay50', 'net30', 'instalments3'])('words %s in both languages', (code) => {
    expect(paymentTermsText(code, 'ru')).toMatch(/[а-я]/)
    expect(paymentTermsText(code, 'en')).toMatch(/^[\x20-\x7e]+$/)
  })

  it('returns undefined for an unknown code, including inherited names', () => {
    expect(paymentTermsText('toString', 'ru')).toBeUndefined()
    expect(paymentTermsText('prepay75', 'en')).toBeUndefined()
  })
})
