// Commercial offer rendering: median time per document and file size for 10 and 200 rows, PDF and DOCX.
// The first PDF also pays for reading and parsing the 700 kB DejaVu TTFs; it is reported separately.
import { renderOfferDocx, renderOfferPdf, type CommercialOffer } from '@salesflow/documents'
import { createNodeFontSource } from '@salesflow/documents/node-fonts'
import { makeOffer, manyLines } from '../packages/documents/test/support/fixtures'

const fonts = createNodeFontSource()
const RUNS = 7

async function measure(render: () => Promise<{ ok: boolean; value?: Uint8Array }>) {
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

const cold = performance.now()
await renderOfferPdf(makeOffer(manyLines(1)), { lang: 'ru', fonts })
console.log(`first PDF (font load + parse): ${(performance.now() - cold).toFixed(0)} ms`)

console.log('rows   format   median ms   size kB')
for (const n of [10, 200]) {
  const offer: CommercialOffer = makeOffer(manyLines(n))
  const pdf = await measure(() => renderOfferPdf(offer, { lang: 'ru', fonts }))
  const docx = await measure(() => renderOfferDocx(offer, { lang: 'ru' }))
  for (const [format, r] of [
    ['pdf', pdf],
    ['docx', docx],
  ] as const) {
    console.log(
      `${String(n).padEnd(6)} ${format.padEnd(8)} ${r.ms.toFixed(1).padStart(9)}   ${(r.size / 1024).toFixed(1).padStart(7)}`,
    )
  }
}
