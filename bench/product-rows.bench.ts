// computeProductRows against a baseline: the same Bitrix24 formulas written inline with plain decimal.js,
// no objects, no validation, no output strings. Prints µs per row and the ratio (target ≤ 1.5× at 10,000 rows).
import { computeProductRows, type ProductRowInput } from '@salesflow/rules'
import { baseline } from '../packages/rules/test/support/reference-decimal'
const TAXES = [null, '0', '10', '20', '22'] as const

/** A deterministic document: mixed discounts, taxes and quantities, numbers as REST sends them (strings). */
function makeRows(n: number): ProductRowInput[] {
  return Array.from({ length: n }, (_, i) => {
    const percent = i % 3 !== 0
    return {
      price: ((i * 7919) % 1_000_000) / 100 + 1 + '',
      quantity: String(1 + (i % 17) / 4),
      discountTypeId: percent ? 2 : 1,
      discountRate: percent ? String(i % 30) : undefined,
      discountSum: percent ? undefined : String((i % 50) / 10),
      taxRate: TAXES[i % TAXES.length] ?? null,
      taxIncluded: i % 2 ? 'Y' : 'N',
    }
  })
}

function timePerRow(fn: () => unknown, rows: number): number {
  const runs = Math.max(5, Math.ceil(200_000 / rows))
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  return (samples[Math.floor(samples.length / 2)]! * 1000) / rows // median, µs per row
}

console.log('rows     library µs/row   baseline µs/row   ratio   totals agree')
for (const n of [10, 1_000, 10_000]) {
  const rows = makeRows(n)
  const lib = () => computeProductRows(rows)
  const base = () => baseline(rows)
  for (let i = 0; i < 3; i++) {
    lib() // warm up both
    base()
  }
  const agree = (() => {
    const d = lib()
    return `${d.opportunity}/${d.taxValue}` === base()
  })()
  const libUs = timePerRow(lib, n)
  const baseUs = timePerRow(base, n)
  console.log(
    `${String(n).padEnd(8)} ${libUs.toFixed(2).padStart(14)}   ${baseUs.toFixed(2).padStart(15)}   ${(libUs / baseUs).toFixed(2).padStart(5)}×   ${agree}`,
  )
}
