// The configurator tab: validation + pricing per change on a 200-component model with 50 rules (target < 1 ms
// median), and the round trips of its actions through the use cases the store calls, against the emulated portal
// with an application token: open (target 1), send for approval (target 2), add to the deal (target 2).
import {
  priceConfiguration,
  validateConfiguration,
  type CompatibilityRule,
  type ConfiguratorPricing,
  type PortalCurrency,
  type ProductModel,
} from '@salesflow/rules'
import { createRepositories } from '@salesflow/portal'
import {
  addConfiguredItemToDeal,
  decideApproval,
  openConfigurator,
  sendForApproval,
  type PortalGateway,
} from '@salesflow/usecases'
import { appClient, startPortal } from '../packages/portal/test/support/harness'

// ---- validation + pricing per change -------------------------------------------------------------------------
const GROUPS = 20
const model: ProductModel = {
  platforms: Array.from({ length: 5 }, (_, i) => ({
    id: `p${i}`,
    code: `P${i}`,
    name: `Platform ${i}`,
    productId: 1 + i,
  })),
  components: Array.from({ length: 200 }, (_, i) => ({
    id: `c${i}`,
    code: `C${i}`,
    name: `Component ${i}`,
    group: `g${i % GROUPS}`,
    productId: 100 + i,
  })),
  rules: Array.from({ length: 50 }, (_, i): CompatibilityRule => {
    if (i % 3 === 0) return { id: `r${i}`, kind: 'requires', if: `c${i}`, then: [`c${i + 1}`, `c${i + 2}`] }
    if (i % 3 === 1) return { id: `r${i}`, kind: 'excludes', a: `c${i}`, b: `c${199 - i}` }
    return { id: `r${i}`, kind: 'quantity', item: `group:g${i % GROUPS}`, min: 0, max: 20, platform: `p${i % 5}` }
  }),
}
const currencies: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'EUR', AMOUNT: '95.5', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'USD', AMOUNT: '88.1', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'CNY', AMOUNT: '122.37', AMOUNT_CNT: '10', isBase: false, decimals: 2 },
]
const prices = [...model.platforms, ...model.components].map((x, i) => ({
  productId: x.productId as number,
  price: `${1000 + i * 7}.${String(i % 100).padStart(2, '0')}`,
  currency: ['RUB', 'EUR', 'USD', 'CNY'][i % 4]!,
}))
const pricing: ConfiguratorPricing = {
  currency: 'RUB',
  assembly: '25000',
  markupPercent: '10',
  vatId: 3,
  priceTypeId: 1,
}
const components = Array.from({ length: 40 }, (_, i) => ({ componentId: `c${i * 5}`, quantity: 1 + (i % 3) }))

const samples: number[] = []
for (let n = 0; n < 3000; n++) {
  // One change: a quantity edited, as the manager types.
  const change = components.map((c, i) => (i === n % components.length ? { ...c, quantity: 1 + (n % 4) } : c))
  const configuration = { platformId: `p${n % 5}`, components: change }
  const t0 = performance.now()
  const check = validateConfiguration(model, configuration)
  const price = priceConfiguration({ model, pricing, configuration, prices, currencies, taxRate: '22' })
  samples.push(performance.now() - t0)
  if (!price.ok || check.violations.length < 0) throw new Error(JSON.stringify(price))
}
const measured = samples.slice(500).sort((a, b) => a - b)
const at = (q: number) => measured[Math.floor(q * (measured.length - 1))]!
console.log(
  `validation + pricing per change (200 components, 50 rules, 40 parts): median ${at(0.5).toFixed(3)} ms, ` +
    `p95 ${at(0.95).toFixed(3)} ms (target median < 1 ms, ${at(0.5) < 1 ? 'within' : 'OVER'})`,
)

// ---- round trips ---------------------------------------------------------------------------------------------
const env = startPortal('demo')
const { portal, clock } = env
const gatewayOf = async (userId: number): Promise<PortalGateway> => {
  const { client } = await appClient(portal, userId)
  return { client, repositories: createRepositories(client) }
}
const manager = await gatewayOf(2)
const technician = await gatewayOf(4)
const trips = () => portal.log.filter((e) => e.transport === 'http').length
async function measure(label: string, target: number, run: () => Promise<string>): Promise<void> {
  portal.log.length = 0
  const outcome = await run()
  const verdict = trips() <= target ? 'within' : 'OVER'
  console.log(
    `${label.padEnd(48)} round trips ${String(trips()).padStart(2)} (target ${target}, ${verdict})  (${outcome})`,
  )
}
const dealId = [...portal.store.deals.values()].find((d) => d.categoryId === 1)!.id
const VALID = {
  platformId: 'pt-300',
  components: [
    { componentId: 'frame-rm1200', quantity: 1 },
    { componentId: 'drive-emp3', quantity: 1 },
    { componentId: 'sensor-dpi12', quantity: 2 },
    { componentId: 'ctrl-plc48', quantity: 1 },
    { componentId: 'cable-kvvg', quantity: 2 },
  ],
}
const open = async (g: PortalGateway) => {
  const o = await openConfigurator(g, { dealId })
  if (!o.ok) throw new Error(o.error.code)
  return o.value
}

await measure('open (openConfigurator)', 1, async () =>
  (await openConfigurator(manager, { dealId })).ok ? 'ok' : 'error',
)
let opened = await open(manager)
await measure('send, new item (list; create + re-list + task)', 2, async () => {
  const r = await sendForApproval(manager, opened, { configuration: VALID, now: clock.t })
  return r.ok ? r.value.how : r.error.code
})
const tech = await open(technician)
const pending = tech.items.find((i) => i.approval === 'pending')!
await measure('approve (decideApproval)', 1, async () => {
  const r = await decideApproval(technician, tech, { item: pending, decision: 'approve' })
  return r.ok ? r.value.approval : r.error.code
})
opened = await open(manager)
await measure('send, existing item (list only)', 2, async () => {
  const r = await sendForApproval(manager, opened, { configuration: VALID, now: clock.t })
  return r.ok ? `${r.value.how}, ${r.value.item.approval}` : r.error.code
})
const approved = opened.items.find((i) => i.productId === pending.productId)!
await measure('add to deal (re-read item, guarded rows write)', 2, async () => {
  const r = await addConfiguredItemToDeal(manager, opened, { item: approved, quantity: 1 })
  return r.ok ? `${r.value.rows.length} rows` : r.error.code
})
env.stop()
