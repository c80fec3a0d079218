// Round trips and time to read 10,000 deals from the emulated portal with its leaky bucket on (standard plan:
// 2 requests/s, burst 50): (a) page by page like the SDK's callList, (b) the gateway's chained batches; plus the
// round trips of the deal-card loader. Waiting for the bucket in real time would take over a minute for (a), so the
// portal runs on a simulated clock that a compliant client advances: before each request the clock jumps to the
// moment the bucket has room. "simulated" is therefore the time a real client at 2/s would need; "wall" is what this
// machine spent.
import { B24Hook, LoggerFactory } from '@bitrix24/b24jssdk'
import { setupServer } from 'msw/node'
import { createPortal, seedDeals } from '@salesflow/emulator'
import { connectWebhook, loadDealCard, loadInvoiceCard, loadLeadCard, mapDeal, readAll } from '@salesflow/portal'

const ORIGIN = 'https://bench.bitrix24.test'
const N = 10_000
const BURST = 50
const DRAIN = 2 // per second

const clock = { t: Date.parse('2026-11-25T09:00:00Z') }
const bucket = { level: 0, at: clock.t }
/** A client that never trips the bucket: wait (on the simulated clock) until one more request fits. */
function paceOneRequest(): void {
  bucket.level = Math.max(0, bucket.level - ((clock.t - bucket.at) / 1000) * DRAIN)
  bucket.at = clock.t
  if (bucket.level + 1 > BURST) {
    clock.t += Math.ceil(((bucket.level + 1 - BURST) / DRAIN) * 1000)
    bucket.level = BURST - 1
    bucket.at = clock.t
  }
  bucket.level += 1
}

// seedDeals needs the demo catalog; the demo's own deals are filtered out with `>=ID` (callList owns `>ID`).
const portal = createPortal({ seed: 'demo', now: () => clock.t, faults: { rateLimit: true } })
const firstId = seedDeals(portal, N)[0]!
const server = setupServer(...portal.handlers)
server.events.on('request:start', () => paceOneRequest())
server.listen({ onUnhandledRequest: 'error' })

// The SDK's own limiter would sleep in real time; the simulated pacing above replaces it.
const unthrottled = { rateLimit: { burstLimit: 1_000_000, drainRate: 1_000_000, adaptiveEnabled: false } }
const url = portal.webhookUrl(ORIGIN, 1)
const http = () => portal.log.filter((e) => e.transport === 'http')

async function measure<T>(label: string, run: () => Promise<T>) {
  portal.log.length = 0
  clock.t += 60_000 // each run starts with a drained bucket (as after a minute of quiet)
  const t0 = clock.t
  const w0 = performance.now()
  const value = await run()
  const wall = performance.now() - w0
  const trips = http().length
  const rejected = http().filter((e) => e.status !== 200).length
  const simulated = (clock.t - t0) / 1000
  console.log(
    `${label.padEnd(34)} round trips ${String(trips).padStart(4)}  rejected ${rejected}  simulated ${simulated.toFixed(1).padStart(6)} s  wall ${(wall / 1000).toFixed(2).padStart(6)} s`,
  )
  return { value, trips, simulated, wall }
}

const hook = B24Hook.fromWebhookUrl(url, { restrictionParams: unthrottled })
hook.offClientSideWarning()
hook.setLogger(LoggerFactory.createNullLogger())
const select = ['ID', 'TITLE', 'CATEGORY_ID', 'STAGE_ID', 'STAGE_SEMANTIC_ID', 'CURRENCY_ID', 'OPPORTUNITY']

const a = await measure(`(a) callList, page by page`, async () => {
  const res = await hook.actions.v2.callList.make<Record<string, unknown>>({
    method: 'crm.deal.list',
    params: { select, filter: { '>=ID': firstId } },
  })
  return res.getData()?.length ?? 0
})

const client = connectWebhook(url, { restrictions: unthrottled })
const spec = { method: 'crm.deal.list', params: { select, filter: { '>=ID': firstId } }, idKey: 'ID' }
const b = await measure(`(b) chained batches, counted`, async () => {
  const res = await readAll(client, spec, mapDeal)
  return res.ok ? res.value.records.length : `error ${res.error.code}`
})
const c = await measure(`(b') chained batches, no count`, async () => {
  const res = await readAll(client, spec, mapDeal, { count: false })
  return res.ok ? res.value.records.length : `error ${res.error.code}`
})

console.log(`records read: (a) ${a.value}, (b) ${b.value}, (b') ${c.value}`)
console.log(
  `round-trip ratio (a)/(b): ${(a.trips / b.trips).toFixed(1)}x (target >= 40x); (a)/(b'): ${(a.trips / c.trips).toFixed(1)}x`,
)
console.log(
  `simulated time (a) ${a.simulated.toFixed(1)} s vs (b) ${b.simulated.toFixed(1)} s; wall (a) ${(a.wall / 1000).toFixed(2)} s vs (b) ${(b.wall / 1000).toFixed(2)} s`,
)

// Card loaders of the widgets (webhook auth, so without app options).
const cardClient = connectWebhook(url, { restrictions: unthrottled })
const cards = [
  ['deal card (loadDealCard)', () => loadDealCard(cardClient, firstId, { appOptions: false })],
  [
    'invoice card (loadInvoiceCard)',
    () => loadInvoiceCard(cardClient, portal.store.invoices.keys().next().value!, { appOptions: false }),
  ],
  [
    'lead card (loadLeadCard)',
    () => loadLeadCard(cardClient, portal.store.leads.keys().next().value!, { appOptions: false }),
  ],
] as const
for (const [label, load] of cards) {
  const card = await measure(label, async () => {
    const res = await load()
    return res.ok ? 'ok' : `error ${res.error.code}`
  })
  console.log(`${label}: ${card.value}, ${card.trips} round trip(s) (target exactly 1)`)
}
server.close()
