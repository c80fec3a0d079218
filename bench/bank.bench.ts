// The Bank page's figures against the emulated portal with the accountant's application token: round trips and time
// of a review (loadBankLedger + parse + match) of the demo statement over the demo plus 500 more invoices, and of
// applying 100 receipts (target ≤ 6 round trips), and of applying them again (nothing written, target 6). Parse
// (10,000 documents) and match (1,000 × 10,000) speed are in exchange.bench.ts.
import { performance } from 'node:perf_hooks'
import { createRepositories } from '@salesflow/portal'
import { demoBankStatement, seedInvoices } from '@salesflow/emulator'
import { applyBankReceipts, reviewStatements, type AcceptedReceipt } from '@salesflow/usecases'
import { appClient, startPortal } from '../packages/portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
seedInvoices(portal, 500)
const { client } = await appClient(portal, 3) // the demo's accountant
const gateway = { client, repositories: createRepositories(client) }
const http = () => portal.log.filter((e) => e.transport === 'http')
const commands = () => portal.log.filter((e) => e.method !== 'batch').length
const TODAY = '2026-11-20'

async function measure(label: string, target: number | null, run: () => Promise<string>): Promise<void> {
  portal.log.length = 0
  const t0 = performance.now()
  const outcome = await run()
  const ms = performance.now() - t0
  const trips = http().length
  const verdict = target === null ? '' : ` (target ${target}, ${trips <= target ? 'within' : 'OVER'})`
  console.log(
    `${label.padEnd(44)} round trips ${String(trips).padStart(3)}${verdict}, commands ${String(commands()).padStart(4)}, ` +
      `${ms.toFixed(0)} ms wall  (${outcome})`,
  )
}

await measure('review the demo statement (reviewStatements)', null, async () => {
  const r = await reviewStatements(gateway, {
    files: [{ name: 'kl_to_1c.txt', bytes: demoBankStatement() }],
    today: TODAY,
  })
  if (!r.ok) return r.error.code
  return `${r.value.invoices.length} payable invoices, ${r.value.documents.filter((d) => d.match?.status === 'matched').length} matched`
})

// 100 sent invoices, each paid in full by its own bank document.
const sent = [...portal.store.invoices.values()].filter((i) => i.stageId === 'DT31_2:S' && i.currencyId === 'RUB')
const receipts: AcceptedReceipt[] = sent.slice(0, 100).map((i, k) => ({
  key: `40702810538000123456|2026-11-20|${k + 1}|${i.opportunity}|`,
  documentNumber: String(k + 1),
  date: TODAY,
  amount: i.opportunity,
  currency: 'RUB',
  allocations: [{ invoiceId: i.id, amount: i.opportunity }],
}))
if (receipts.length < 100) throw new Error(`only ${receipts.length} sent invoices to pay`)

await measure('apply 100 receipts (applyBankReceipts)', 6, async () => {
  const r = await applyBankReceipts(gateway, { receipts, today: TODAY, lang: 'ru' })
  if (!r.ok) return r.error.code
  const applied = r.value.receipts.filter((x) => x.status === 'applied').length
  return `${applied} applied`
})

// Why 6 cannot be reached: every receipt writes payment.add, one payment.product.add per row it pays (the paid marks
// must agree with ours), pay, the audit comment and the stage update, and reads its invoice's newest comments back
// (the race check); before that each invoice's payments and comments are read (no list method takes several
// invoices). A batch carries at most 50 commands.
const count = (method: string) => portal.log.filter((e) => e.transport === 'batch' && e.method === method).length
const [adds, products, lookBacks] = [
  count('crm.item.payment.add'),
  count('crm.item.payment.product.add'),
  count('crm.timeline.comment.list') - receipts.length, // one comment read per invoice before writing
]
const writeBatch = portal.log.filter((e) => e.transport === 'batch' && /\.(add|pay|update)$/.test(e.method)).length
const reads = commands() - writeBatch - lookBacks
console.log(
  `  per receipt: payment.add + ${(products / adds).toFixed(2)} product.add (one per row) + pay + comment + stage ` +
    `+ 1 look back = ${((writeBatch + lookBacks) / adds).toFixed(2)} commands; ${writeBatch + lookBacks} in all need ` +
    `${Math.ceil((writeBatch + lookBacks) / 50)} batches of 50; the ${reads} reads before them (payments and comments ` +
    `per invoice, rows, products, context) ${Math.ceil(reads / 50)} at least`,
)

// Re-import: each invoice's payments and first comments (one command each, no list takes several invoices) show the
// document already held, so its rows and products are not read: ⌈(100 × 2 + 8 context, stages, lists, rows) / 50⌉.
await measure('the same 100 again (nothing written)', 6, async () => {
  const r = await applyBankReceipts(gateway, { receipts, today: TODAY, lang: 'ru' })
  if (!r.ok) return r.error.code
  return `${r.value.receipts.filter((x) => x.status === 'already_applied').length} already applied`
})
env.stop()
