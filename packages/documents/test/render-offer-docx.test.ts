import { describe, expect, it } from 'vitest'
import { renderOfferDocx, formatMoney, spellAmount, formatAmount } from '../src'
import { CATALOG, CLIENT_NAME, XSS_TITLE, makeOffer, manyLines, unwrap } from './support/fixtures'
import { docxText, unzip } from './support/unzip'

async function documentXml(offer = makeOffer(), lang: 'ru' | 'en' = 'ru') {
  const bytes = unwrap(await renderOfferDocx(offer, { lang }))
  const files = unzip(bytes)
  const xml = files.get('word/document.xml')?.toString('utf8') ?? ''
  return { bytes, files, xml, text: docxText(xml) }
}

describe('renderOfferDocx', () => {
  it('is a Word package whose table holds every row, the total and the words', async () => {
    const offer = makeOffer()
    const { bytes, files, xml, text } = await documentXml(offer)
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]) // PK
    expect(files.has('[Content_Types].xml')).toBe(true)
    expect(files.get('word/styles.xml')?.toString('utf8')).toContain('Offer table text')
    // A real table with a header row Word repeats on every page.
    expect(xml).toContain('<w:tbl>')
    expect(xml).toContain('<w:tblHeader')
    expect((xml.match(/<w:tr[ >]/g) ?? []).length).toBe(offer.rows.length + 1)
    const lines = text.split('\n')
    for (const row of offer.rows) {
      expect(lines).toContain(row.name)
      expect(lines).toContain(formatAmount(row.sum, 2, 'ru'))
    }
    expect(text).toContain(CLIENT_NAME)
    expect(text).toContain(`Итого с НДС: ${formatMoney(offer.totals.total, offer.currency, 'ru')}`)
    expect(text).toContain(unwrap(spellAmount(offer.totals.total, 'RUB', { lang: 'ru' })))
  })

  it('keeps markup from the portal as escaped text', async () => {
    const offer = makeOffer(CATALOG, { deal: { title: XSS_TITLE } })
    const { xml, text } = await documentXml(offer)
    expect(xml).not.toContain('<img')
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(text).toContain(`Сделка: ${XSS_TITLE}`)
  })

  it('writes English labels and words for en', async () => {
    const offer = makeOffer()
    const { text } = await documentXml(offer, 'en')
    expect(text).toContain('Commercial offer No. КП-2026-0042 of 25 Nov 2026')
    expect(text).toContain(unwrap(spellAmount(offer.totals.total, 'RUB', { lang: 'en' })))
  })

  it('holds all 200 rows of a long offer', async () => {
    const offer = makeOffer(manyLines(200))
    const { xml, text } = await documentXml(offer)
    expect((xml.match(/<w:tr[ >]/g) ?? []).length).toBe(201)
    const lines = new Set(text.split('\n'))
    for (const row of offer.rows) expect(lines.has(row.name)).toBe(true)
  })
})
