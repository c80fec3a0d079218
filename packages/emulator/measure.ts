/**
 * Emulator figures for a 10 000-deal portal: seeding time and per-call cost of the list shapes the widgets and
 * the gateway use. Run: `npx tsx packages/emulator/measure.ts` (the repo's bench/ owner may wrap it).
 */
import { createPortal, seedDeals } from './src/index'

const portal = createPortal({ faults: { rateLimit: false } })
let t = performance.now()
seedDeals(portal, 10_000)
console.log(`seedDeals(10000): ${(performance.now() - t).toFixed(0)} ms, ${portal.store.productRows.size} product rows`)

const call = async (method: string, body: unknown): Promise<unknown> => {
  const url = `${portal.webhookUrl('https://demo.bitrix24.test', 1)}${method}`
  const res = await portal.handle(
    new Request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  )
  return res.json()
}

const cases: [string, string, Record<string, unknown>][] = [
  ['page 101 of crm.deal.list', 'crm.deal.list', { start: 5000 }],
  ['"ID >" cursor page (start=-1)', 'crm.deal.list', { filter: { '>ID': 9000 }, order: { ID: 'ASC' }, start: -1 }],
  ['crm.deal.list filtered by funnel', 'crm.deal.list', { filter: { CATEGORY_ID: 1 }, start: 0 }],
  ['crm.item.list filtered by stage', 'crm.item.list', { entityTypeId: 2, filter: { stageId: 'C1:WON' }, start: 0 }],
  ['crm.deal.get', 'crm.deal.get', { id: 5000 }],
  ['batch of 50 crm.deal.get', 'batch', { cmd: Array.from({ length: 50 }, (_, i) => `crm.deal.get?id=${i + 1}`) }],
  [
    'crm.item.productrow.set (4 rows)',
    'crm.item.productrow.set',
    {
      ownerType: 'D',
      ownerId: 7000,
      productRows: [
        { price: 100, quantity: 2, taxRate: 22, taxIncluded: 'Y' },
        { price: 50 },
        { price: 10 },
        { price: 1 },
      ],
    },
  ],
]
for (const [label, method, params] of cases) {
  const runs = 10
  t = performance.now()
  for (let i = 0; i < runs; i++) await call(method, params)
  console.log(`${label}: ${((performance.now() - t) / runs).toFixed(1)} ms/call`)
}
