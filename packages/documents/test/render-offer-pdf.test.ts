import { describe, expect, it } from 'vitest'
import { renderOfferPdf, createBytesFontSource, createUrlFontSource, formatMoney, spellAmount } from '../src'
import { createNodeFontSource } from '../src/fonts/node-font-source'
import { CATALOG, CLIENT_NAME, XSS_TITLE, makeOffer, manyLines, unwrap } from './support/fixtures'
import { normaliseSpaces, readPdf } from './support/pdf-text'

const fonts = createNodeFontSource()
const flat = (s: string) => normaliseSpaces(s).replace(/ /g, '')

describe('renderOfferPdf', () => {
  it('prints the client, every row, the Russian total with ₽ and the total in words, readable by pdftotext', async () => {
    const offer = makeOffer()
    const { text, pages } = readPdf(unwrap(await renderOfferPdf(offer, { lang: 'ru', fonts })))
    const plain = normaliseSpaces(text)
    expect(pages).toBe(1)
    expect(plain).toContain(CLIENT_NAME)
    expect(plain).toContain('ООО «Техностром»')
    expect(plain).toContain('ИНН 7701234567, КПП 770101001')
    // The total as Russian documents print it: grouped digits, decimal comma, the rouble sign.
    const total = formatMoney(offer.totals.total, offer.currency, 'ru')
    expect(normaliseSpaces(total)).toMatch(/^\d{1,3}( \d{3})*,\d{2} ₽$/)
    expect(plain).toContain(normaliseSpaces(total))
    const words = unwrap(spellAmount(offer.totals.total, 'RUB', { lang: 'ru' }))
    expect(plain).toContain(words)
    // pdftotext wraps long names inside the table cell; compare without spaces and line breaks.
    for (const row of offer.rows) expect(flat(text)).toContain(flat(row.name))
    expect(plain).toContain('Предоплата 50 %, остаток — по факту отгрузки')
    expect(plain).toContain('Курс: 1 USD = 92,5000 RUB на 25.11.2026')
    expect(plain).toContain('Генеральный директор')
  })

  it('prints the words line in English for en documents', async () => {
    const offer = makeOffer()
    const { text } = readPdf(unwrap(await renderOfferPdf(offer, { lang: 'en', fonts })))
    const plain = normaliseSpaces(text)
    expect(plain).toContain(unwrap(spellAmount(offer.totals.total, 'RUB', { lang: 'en' })))
    expect(plain).toContain(normaliseSpaces(formatMoney(offer.totals.total, offer.currency, 'en')))
    expect(plain).toContain('Commercial offer No. КП-2026-0042 of 25 Nov 2026')
  })

  it('prints portal text literally: a deal title with markup is text, not an image', async () => {
    const offer = makeOffer(CATALOG, { deal: { title: XSS_TITLE }, client: { companyName: `${XSS_TITLE} & Co` } })
    const { text } = readPdf(unwrap(await renderOfferPdf(offer, { lang: 'ru', fonts })))
    expect(text).toContain(XSS_TITLE)
    expect(text).toContain(`${XSS_TITLE} & Co`)
  })

  it('paginates a 150-row offer, repeating the table header, and keeps every row and the total', async () => {
    const offer = makeOffer(manyLines(150))
    const { text, pages } = readPdf(unwrap(await renderOfferPdf(offer, { lang: 'ru', fonts })))
    expect(pages).toBeGreaterThan(1)
    const pageTexts = text.split('\f').filter((p) => p.trim() !== '')
    expect(pageTexts).toHaveLength(pages)
    for (const page of pageTexts.slice(0, -1)) expect(normaliseSpaces(page)).toContain('Наименование')
    expect(normaliseSpaces(text)).toContain(`Страница ${pages} из ${pages}`)
    const squashed = flat(text)
    for (const row of offer.rows) expect(squashed).toContain(flat(row.name))
    expect(normaliseSpaces(text)).toContain(normaliseSpaces(formatMoney(offer.totals.total, offer.currency, 'ru')))
  })

  it('splits a row taller than a page across pages instead of losing its text', async () => {
    const giant = Array.from({ length: 160 }, (_, i) => `строка${i}`).join(' ')
    const offer = makeOffer([{ ...CATALOG[0]!, name: giant }])
    const { text, pages } = readPdf(unwrap(await renderOfferPdf(offer, { lang: 'ru', fonts })))
    expect(pages).toBeGreaterThan(1)
    expect(flat(text)).toContain(flat(giant))
  })

  it('draws with the regular face when no bold face is given', async () => {
    const files = await fonts.load()
    const { text } = readPdf(
      unwrap(
        await renderOfferPdf(makeOffer(), { lang: 'ru', fonts: createBytesFontSource({ regular: files.regular }) }),
      ),
    )
    expect(normaliseSpaces(text)).toContain(CLIENT_NAME)
  })

  it('reports a font that cannot be fetched as FONT_LOAD_FAILED', async () => {
    const broken = createUrlFontSource({ regular: '/fonts/missing.ttf' }, async () => ({
      ok: false,
      status: 404,
      arrayBuffer: async () => new ArrayBuffer(0),
    }))
    const r = await renderOfferPdf(makeOffer(), { lang: 'ru', fonts: broken })
    expect(r).toEqual({
      ok: false,
      error: { code: 'FONT_LOAD_FAILED', font: 'DejaVuSans', message: 'GET /fonts/missing.ttf answered 404' },
    })
  })

  it('refuses an offer whose amounts are not decimal strings, naming the field', async () => {
    const offer = makeOffer()
    const bad = { ...offer, rows: offer.rows.map((r, i) => (i === 1 ? { ...r, sum: '1 000,00' } : r)) }
    expect(await renderOfferPdf(bad, { lang: 'ru', fonts })).toEqual({
      ok: false,
      error: { code: 'INVALID_AMOUNT', field: 'rows[1].sum', value: '1 000,00' },
    })
  })
})
