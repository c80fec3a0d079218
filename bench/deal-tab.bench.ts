// Round trips of the deal tab's three user actions, through the same use cases its stores call, against the
// emulated portal with an application token (as in the frame): open (openDealCard), save the order (saveOrder,
// then the card is read again) and a stage move (moveDeal, then the card is read again).
import { createRepositories } from '@salesflow/portal'
import { draftFromRow, moveDeal, moveOptionsOf, openDealCard, saveOrder, type PortalGateway } from '@salesflow/usecases'
import { appClient, startPortal } from '../packages/portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
const { client } = await appClient(portal, 2) // the demo's sales manager
const gateway: PortalGateway = { client, repositories: createRepositories(client) }
const trips = () => portal.log.filter((e) => e.transport === 'http').length

/** A Sale-funnel deal with rows and a move the guard allows without asking for data. */
const withRows = new Set(
  [...portal.store.productRows.values()].filter((r) => r.ownerType === 'D').map((r) => r.ownerId),
)
const candidates = [...portal.store.deals.values()].filter((d) => withRows.has(d.id) && d.categoryId === 1)

/** Commands the portal ran (batch sub-commands and single calls). */
const commands = () => portal.log.filter((e) => e.method !== 'batch').length

/** `target`: the most round trips the action may take (the write itself is 1 of them, the re-read 1). */
async function measure(label: string, target: number, run: () => Promise<string>): Promise<void> {
  portal.log.length = 0
  const outcome = await run()
  const verdict = trips() <= target ? 'within' : 'OVER'
  console.log(
    `${label.padEnd(40)} round trips ${String(trips()).padStart(2)} (target ${target}, ${verdict}), commands ${String(commands()).padStart(2)}  (${outcome})`,
  )
}

const dealId = candidates[0]!.id
await measure('open (openDealCard)', 1, async () => {
  const r = await openDealCard(gateway, { dealId })
  return r.ok ? 'ok' : r.error.code
})

await measure('save order (saveOrder + re-read)', 2, async () => {
  const opened = await openDealCard(gateway, { dealId })
  if (!opened.ok) return opened.error.code
  portal.log.length = 0
  const { card, settings } = opened.value
  const draft = card.productRows.map(draftFromRow)
  draft[0]!.quantity = String(Number(draft[0]!.quantity) + 1)
  const saved = await saveOrder(gateway, {
    card,
    draft,
    currency: card.deal.currency,
    dealFields: {},
    funnels: settings.funnels,
  })
  if (!saved.ok) return saved.error.code
  const again = await openDealCard(gateway, { dealId })
  return again.ok ? 'ok' : again.error.code
})

let moved = 'no deal with a free move in the demo'
for (const d of candidates) {
  const opened = await openDealCard(gateway, { dealId: d.id })
  if (!opened.ok) continue
  const free = moveOptionsOf(opened.value).find((o) => o.check.ok)
  if (!free) continue
  const from = d.stageId
  await measure('stage move (moveDeal + re-read)', 2, async () => {
    const r = await moveDeal(gateway, { opened: opened.value, to: free.stageId })
    if (!r.ok) return r.error.code
    const again = await openDealCard(gateway, { dealId: d.id })
    return again.ok ? `ok, ${from} -> ${free.stageId}` : again.error.code
  })
  moved = ''
  break
}
if (moved) console.log(moved)
env.stop()
