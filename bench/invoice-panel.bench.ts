// The invoice status panel's figures, through the use cases its stores call, against the emulated portal with the
// accountant's application token: round trips to open (openInvoice), to apply a receipt (applyReceipt) and to undo
// it, and the time of a receipt's allocation preview over an invoice of 1,000 positions (target < 20 ms).
import { performance } from 'node:perf_hooks'
import { createRepositories, type InvoiceCard, type ProductRow } from '@salesflow/portal'
import { applyReceipt, openInvoice, openedInvoiceFrom, previewReceipt, undoReceipt } from '@salesflow/usecases'
import { appClient, startPortal } from '../packages/portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
const { client } = await appClient(portal, 3) // the demo's accountant
const gateway = { client, repositories: createRepositories(client) }
const trips = () => portal.log.filter((e) => e.transport === 'http').length
const commands = () => portal.log.filter((e) => e.method !== 'batch').length

async function measure(label: string, target: number, run: () => Promise<string>): Promise<void> {
  portal.log.length = 0
  const outcome = await run()
  const verdict = trips() <= target ? 'within' : 'OVER'
  console.log(
    `${label.padEnd(40)} round trips ${String(trips()).padStart(2)} (target ${target}, ${verdict}), commands ${String(commands()).padStart(3)}  (${outcome})`,
  )
}

const sent = [...portal.store.invoices.values()].find((i) => i.stageId === 'DT31_2:S')!
const today = String(sent.closedate).slice(0, 10)

await measure('open (openInvoice)', 1, async () => {
  const r = await openInvoice(gateway, { invoiceId: sent.id, today })
  return r.ok ? `ok, ${r.value.positions.length} positions` : r.error.code
})

let paymentId = 0
await measure('apply a partial receipt (applyReceipt)', 2, async () => {
  const r = await applyReceipt(gateway, {
    invoiceId: sent.id,
    receipt: { amount: '1000', currency: sent.currencyId, date: today },
    today,
    lang: 'ru',
  })
  if (!r.ok) return r.error.code
  paymentId = r.value.paymentId
  return `ok, ${r.value.status}, ${r.value.preview.lines.length} products`
})

await measure('undo it (undoReceipt)', 2, async () => {
  const r = await undoReceipt(gateway, { invoiceId: sent.id, paymentId, reason: 'bench', today, lang: 'ru' })
  return r.ok ? `ok, ${r.value.status}` : r.error.code
})

// A preview over 1,000 positions: the opened card of the demo invoice with its rows multiplied (pure; no I/O).
const opened = await openInvoice(gateway, { invoiceId: sent.id, today })
if (!opened.ok) throw new Error(opened.error.code)
const base = opened.value.card
const rows: ProductRow[] = Array.from({ length: 1000 }, (_, i) => ({
  ...base.productRows[i % base.productRows.length]!,
  id: 100_000 + i,
}))
const big: InvoiceCard = { ...base, productRows: rows, payments: [], paymentProducts: [] }
const bigOpened = openedInvoiceFrom(big, today)
if (!bigOpened.ok) throw new Error(bigOpened.error.code)
const half = (Number(bigOpened.value.total) / 2).toFixed(2)
const receipt = { amount: half, currency: sent.currencyId, date: today }
for (let i = 0; i < 3; i++) previewReceipt(bigOpened.value, receipt) // warm-up
// Wall time on a shared machine includes waiting for a core; the process's own CPU time does not.
const times: number[] = []
const cpu: number[] = []
let lines = 0
for (let i = 0; i < 20; i++) {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const p = previewReceipt(bigOpened.value, receipt)
  times.push(performance.now() - t0)
  const c = process.cpuUsage(c0)
  cpu.push((c.user + c.system) / 1000)
  if (!p.ok) throw new Error(p.error.code)
  lines = p.value.lines.length
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const [wall, own] = [median(times), median(cpu)]
console.log(
  `${'preview over 1,000 positions'.padEnd(40)} median ${wall.toFixed(1)} ms wall, ${own.toFixed(1)} ms CPU, min ${Math.min(...times).toFixed(1)} ms (target < 20 ms, ${own < 20 ? 'within' : 'OVER'} by CPU), ${lines} payment products`,
)
env.stop()
