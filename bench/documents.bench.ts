// Offer and invoice rendering: the first PDF of a page's life (cold), then median time per document and file
// size for 10 and 200 rows, PDF and DOCX. The cold figure is split into what preloadDocumentFonts() takes off the
// click (reading the fonts, importing jsPDF) and what is left (laying out the first page, parsing the font).
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import {
  createBytesFontSource,
  preloadPdf,
  renderInvoiceDocx,
  renderInvoicePdf,
  renderOfferDocx,
  renderOfferPdf,
  type CommercialOffer,
} from '@salesflow/documents'
import { createNodeFontSource } from '@salesflow/documents/node-fonts'
import { makeInvoice, makeOffer, manyLines } from '../packages/documents/test/support/fixtures'

const fonts = createNodeFontSource()
const RUNS = 7
type Rendered = { ok: boolean; value?: Uint8Array }

async function measure(render: () => Promise<Rendered>) {
  const samples: number[] = []
  let size = 0
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    const r = await render()
    samples.push(performance.now() - t0)
    if (!r.ok || !r.value) throw new Error('render failed')
    size = r.value.length
  }
  samples.sort((a, b) => a - b)
  return { ms: samples[Math.floor(samples.length / 2)]!, size }
}

const ms = (from: number, to: number) => `${(to - from).toFixed(0)} ms`
const one = makeOffer(manyLines(1))
const pdfOf = async (offer: CommercialOffer, source = fonts) => {
  if (!(await renderOfferPdf(offer, { lang: 'ru', fonts: source })).ok) throw new Error('render failed')
}
// The widget's order: preloadDocumentFonts() at idle time, then the user's click.
const t0 = performance.now()
await preloadPdf(fonts)
const t1 = performance.now()
await pdfOf(makeOffer())
const t2 = performance.now()
await pdfOf(makeOffer())
const t3 = performance.now()
console.log(`preload (fonts, jsPDF import, warm-up page): ${ms(t0, t1)}`)
console.log(`first offer PDF after preload: ${ms(t1, t2)}; second: ${ms(t2, t3)}`)

// The same one-row PDF with the full 750 kB DejaVu files, as before the subset.
const require = createRequire(import.meta.url)
const full = async (file: string) => new Uint8Array(await readFile(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)))
const fullFonts = createBytesFontSource({
  regular: await full('DejaVuSans.ttf'),
  bold: await full('DejaVuSans-Bold.ttf'),
})
const before = await measure(() => renderOfferPdf(one, { lang: 'ru', fonts: fullFonts }))
const after = await measure(() => renderOfferPdf(one, { lang: 'ru', fonts }))
console.log(`1-row PDF median: full DejaVu ${before.ms.toFixed(1)} ms, subset ${after.ms.toFixed(1)} ms`)

console.log('offer  rows   format   median ms   size kB')
for (const n of [10, 200]) {
  const offer: CommercialOffer = makeOffer(manyLines(n))
  const pdf = await measure(() => renderOfferPdf(offer, { lang: 'ru', fonts }))
  const docx = await measure(() => renderOfferDocx(offer, { lang: 'ru' }))
  for (const [format, r] of [
    ['pdf', pdf],
    ['docx', docx],
  ] as const) {
    console.log(
      `       ${String(n).padEnd(6)} ${format.padEnd(8)} ${r.ms.toFixed(1).padStart(9)}   ${(r.size / 1024).toFixed(1).padStart(7)}`,
    )
  }
}

console.log('invoice rows   format   median ms   size kB (with the payment QR code)')
for (const n of [10, 200]) {
  const invoice = makeInvoice(manyLines(n))
  const pdf = await measure(() => renderInvoicePdf(invoice, { lang: 'ru', fonts }))
  const docx = await measure(() => renderInvoiceDocx(invoice, { lang: 'ru' }))
  for (const [format, r] of [
    ['pdf', pdf],
    ['docx', docx],
  ] as const) {
    console.log(
      `        ${String(n).padEnd(6)} ${format.padEnd(8)} ${r.ms.toFixed(1).padStart(9)}   ${(r.size / 1024).toFixed(1).padStart(7)}`,
    )
  }
}
