// One receipt allocated over 1,000 open invoices (3 positions each), in one currency and with a quarter of the
// invoices in USD/EUR/CNY, plus a manual plan of the same size validated. Prints ms per call (median).
import { allocateReceipt, validateAllocationPlan } from '@salesflow/rules'
import type { OpenInvoice, PortalCurrency, Receipt } from '@salesflow/rules'

const CURRENCIES: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'USD', AMOUNT: '92.5000', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'EUR', AMOUNT: '100.2500', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'CNY', AMOUNT: '12.7500', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
]
const FOREIGN = ['USD', 'EUR', 'CNY']

function makeInvoices(n: number, mixed: boolean): OpenInvoice[] {
  return Array.from({ length: n }, (_, i) => {
    const foreign = mixed && i % 4 === 0
    const scale = foreign ? 100 : 1 // foreign prices are ~100× smaller numbers
    return {
      invoiceId: String(n - i), // reverse order: the sort has work to do
      dueDate: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`,
      currency: foreign ? FOREIGN[i % 3]! : 'RUB',
      positions: [
        {
          positionId: 'goods',
          amount: `${Math.floor((1000 + ((i * 7919) % 90000)) / scale)}.${String(i % 100).padStart(2, '0')}`,
          paid: '0',
          kind: 'goods',
        },
        {
          positionId: 'delivery',
          amount: foreign ? '35.00' : '3500.00',
          paid: i % 5 === 0 ? '0.01' : '0',
          kind: 'delivery',
        },
        { positionId: 'service', amount: `${Math.floor(((i * 31) % 5000) / scale)}.50`, paid: '0.50', kind: 'service' },
      ],
    }
  })
}

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}
function median(fn: () => unknown, runs = 21): number {
  for (let i = 0; i < 3; i++) fn()
  const t: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    t.push(performance.now() - t0)
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}

const options = { currencies: CURRENCIES, positionPriority: ['goods', 'delivery'] }
for (const [mixed, amount] of [
  [false, '30000000.00'],
  [true, '30000000.00'],
  [true, '100000000.00'],
] as const) {
  const receipt: Receipt = { amount, currency: 'RUB', date: '2026-06-30' }
  const invoices = makeInvoices(1000, mixed)
  const result = unwrap(allocateReceipt(receipt, invoices, options))
  const ms = median(() => allocateReceipt(receipt, invoices, options))
  const plan = result.allocations.map(({ invoiceId, positionId, amount }) => ({ invoiceId, positionId, amount }))
  const planMs = median(() => unwrap(validateAllocationPlan(receipt, invoices, plan, options)), 5)
  console.log(
    `1 receipt of ${amount} RUB × 1,000 invoices (${mixed ? '25 % foreign currency' : 'RUB only'}): allocate ${ms.toFixed(2)} ms, ` +
      `${result.allocations.length} allocations, unallocated ${result.unallocated}; validate the same plan ${planMs.toFixed(1)} ms`,
  )
}
