import { describe, expect, it } from 'vitest'
import { renderOfferDocx, renderOfferPdf, validateOffer, type CommercialOffer } from '../src'
import { createNodeFontSource } from '../src/fonts/node-font-source'
import { CATALOG, makeOffer, unwrap } from './support/fixtures'
import { normaliseSpaces, readPdf } from './support/pdf-text'
import { docxText, unzip } from './support/unzip'

const fonts = createNodeFontSource()
const CYRILLIC = /[\u0400-\u04ff]/

async function texts(offer: CommercialOffer, lang: 'ru' | 'en'): Promise<{ pdf: string; docx: string }> {
  const pdf = readPdf(unwrap(await renderOfferPdf(offer, { lang, fonts }))).text
  const xml =
    unzip(unwrap(await renderOfferDocx(offer, { lang })))
      .get('word/document.xml')
      ?.toString('utf8') ?? ''
  return { pdf: normaliseSpaces(pdf), docx: normaliseSpaces(docxText(xml)) }
}

/** An offer whose portal data is all Latin: whatever Cyrillic an English document shows is then ours. */
function latinOffer(): CommercialOffer {
  const lines = CATALOG.map((line, i) => ({ ...line, name: `Item ${i + 1}` }))
  const base = makeOffer(lines)
  return {
    ...base,
    number: 'Q-2026-0042',
    seller: {
      ...base.seller,
      name: 'Technostrom LLC',
      address: '16 Lva Tolstogo St, Moscow',
      bank: { ...base.seller.bank, bankName: 'Bank PJSC' },
      signer: { name: 'A. Smirnova', position: { ru: 'Генеральный директор', en: 'General Director' } },
    },
    client: { companyName: 'Severny Steel', inn: '5190123456', address: 'Murmansk' },
    deal: { title: 'Platform PT-500' },
    terms: { payment: '50 % prepayment', delivery: 'Moscow', warranty: '24 months' },
    manager: { name: 'Igor Petrov', email: 'petrov@technostrom.example' },
  }
}

describe('what the customer reads', () => {
  it('an English offer has no Russian word of ours: labels, units and the signer title are English', async () => {
    for (const text of Object.values(await texts(latinOffer(), 'en'))) {
      expect(text).toContain('General Director')
      expect(text).toContain('Item 1')
      // The catalog's 'шт' and 'м' print as English units.
      expect(text).toMatch(/\bpcs\b/)
      expect(text.match(CYRILLIC)).toBeNull()
    }
  })

  it('the Russian offer prints the Russian title of the same signer', async () => {
    const { pdf, docx } = await texts(latinOffer(), 'ru')
    for (const text of [pdf, docx]) {
      expect(text).toContain('Генеральный директор')
      expect(text).not.toContain('General Director')
    }
  })

  it('prints no rate for a same-currency offer and never the source of a rate or of the prices', async () => {
    const offer = makeOffer(CATALOG, {
      rates: [{ currency: 'RUB', base: 'RUB', rate: '1', date: '2026-11-25', source: 'portal' }],
    })
    expect(offer.priceSnapshot?.source).toBe('crm.deal.productrows.get')
    for (const lang of ['ru', 'en'] as const) {
      for (const text of Object.values(await texts(offer, lang))) {
        expect(text).not.toMatch(/1 RUB =/)
        expect(text).not.toContain('portal')
        expect(text).not.toContain('crm.')
        expect(text).toContain(lang === 'ru' ? 'Цены по состоянию на 25.11.2026' : 'Prices as of 25 Nov 2026')
      }
    }
  })

  it('prints a conversion rate without its source', async () => {
    const offer = makeOffer() // USD at 92.5 from 'ЦБ РФ'
    const { pdf, docx } = await texts(offer, 'en')
    for (const text of [pdf, docx]) {
      expect(text).toContain('Exchange rate: 1 USD = 92.5000 RUB as of 25 Nov 2026')
      expect(text).not.toContain('ЦБ РФ')
    }
  })

  it('refuses a signer title that lacks one of the languages, naming it', () => {
    const offer = makeOffer()
    const bad = { ...offer, seller: { ...offer.seller, signer: { name: 'A', position: { ru: 'Директор', en: ' ' } } } }
    expect(validateOffer(bad)).toEqual({
      ok: false,
      error: { code: 'INVALID_TEXT', field: 'seller.signer.position.en', value: ' ' },
    })
  })
})
