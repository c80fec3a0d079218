import { readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { preloadPdf, renderOfferPdf, type FontSource } from '../src'
import { createNodeFontSource } from '../src/fonts/node-font-source'
import { makeOffer, unwrap } from './support/fixtures'
import { normaliseSpaces, readPdf } from './support/pdf-text'

const fontFile = (name: string) => new URL(`../fonts/${name}`, import.meta.url)

describe('the embedded font subset', () => {
  it('is small (the full DejaVu Sans is 750 kB) and ships with its licence', () => {
    for (const face of ['DejaVuSans-subset.ttf', 'DejaVuSans-Bold-subset.ttf']) {
      expect(statSync(fontFile(face)).size).toBeLessThan(100_000)
    }
    expect(readFileSync(fontFile('LICENSE-DejaVu.txt'), 'utf8')).toContain('Bitstream Vera')
  })

  it('prints every Russian and English letter, digits, punctuation and the currency signs', async () => {
    const ru = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя'
    const en = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789'
    const marks = '«»—–№%₽€$.,:;!?()[]/@&+-=*\'" Ä ö ü ß é ç'
    const title = `${ru} ${en} ${marks}`
    const fonts = createNodeFontSource()
    const { text } = readPdf(
      unwrap(await renderOfferPdf(makeOffer(undefined, { deal: { title } }), { lang: 'ru', fonts })),
    )
    // pdftotext may drop a space between one-letter words; compare the glyphs.
    const flat = (s: string) => normaliseSpaces(s).replace(/ /g, '')
    expect(flat(text)).toContain(flat(title))
  })
})

describe('preloadPdf', () => {
  it('loads the fonts ahead of the first export', async () => {
    let loads = 0
    const inner = createNodeFontSource()
    const counting: FontSource = { load: () => (loads++, inner.load()) }
    await preloadPdf(counting)
    expect(loads).toBe(1)
  })

  it('resolves when the fonts cannot be loaded: the export reports that itself', async () => {
    const broken: FontSource = { load: () => Promise.reject(new Error('offline')) }
    await expect(preloadPdf(broken)).resolves.toBeUndefined()
    expect(await renderOfferPdf(makeOffer(), { lang: 'ru', fonts: broken })).toEqual({
      ok: false,
      error: { code: 'FONT_LOAD_FAILED', font: 'DejaVuSans', message: 'offline' },
    })
  })
})
