// generateInvoice over large deals: all rows, rows chosen by id, a 50 % share and a conversion to EUR, at
// 10,000 / 20,000 / 40,000 / 100,000 rows (target: linear, 100,000 rows < 300 ms). Prints ms (median of 3).
import { generateInvoice } from '@salesflow/rules'
import type { DealForInvoice, InvoiceRequest, PortalCurrency } from '@salesflow/rules'

const CURRENCIES: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'EUR', AMOUNT: '100.2500', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
]
const REQUEST: InvoiceRequest = {
  kind: 'full',
  today: '2026-11-20',
  currencies: CURRENCIES,
  rateDate: '2026-11-20',
  rateSource: 'portal',
}

function dealOf(n: number): DealForInvoice {
  return {
    id: '7',
    currencyId: 'RUB',
    paymentTerms: 'prepay50',
    rows: Array.from({ length: n }, (_, i) => ({
      id: i + 1,
      productId: 1 + (i % 500),
      productName: `Позиция ${i + 1}`,
      price: `${100 + ((i * 7919) % 90000)}.${String(i % 100).padStart(2, '0')}`,
      quantity: String(1 + (i % 5)),
      taxRate: i % 3 === 0 ? '10' : '22',
      taxIncluded: 'Y',
    })),
  }
}

/** Median wall and CPU ms of `runs` calls: on a shared, loaded machine the wall clock mostly measures the wait for a core. */
function median(fn: () => void, runs = 3): [number, number] {
  fn()
  const t: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    fn()
    t.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  const mid = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(runs / 2)]!
  return [mid(t), mid(cpu)]
}

const run = (deal: DealForInvoice, request: InvoiceRequest) => () => {
  const r = generateInvoice(deal, request)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
}

console.log('rows        all rows       by id    50 % share        to EUR   (wall ms (CPU ms), median of 3)')
for (const n of [10_000, 20_000, 40_000, 100_000]) {
  const deal = dealOf(n)
  const ids = deal.rows.map((r) => r.id!)
  const figures = [
    median(run(deal, REQUEST)),
    median(run(deal, { ...REQUEST, rowIds: ids })),
    median(run(deal, { ...REQUEST, kind: 'prepayment', percent: 50 })),
    median(run(deal, { ...REQUEST, currencyId: 'EUR' })),
  ]
  const cell = ([wall, cpu]: [number, number]) => `${wall.toFixed(0)} (${cpu.toFixed(0)})`.padStart(12)
  console.log(`${String(n).padStart(7)}  ${figures.map(cell).join('  ')}`)
}
