// Round trips of the lead tab's user actions, through the same use cases its store calls, against the emulated
// portal with an application token (as in the frame): open (openLeadCard, target 1), unqualify (one write batch,
// then the card is read again: target 2), take into work (one update and the re-read: target 2) and qualify =
// convert (lookups, creates and the re-read: printed, no target; a second click reads the existing deal).
import { createRepositories } from '@salesflow/portal'
import {
  moveLead,
  openLeadCard,
  qualifyLead,
  unqualifyLead,
  type OpenedLead,
  type PortalGateway,
} from '@salesflow/usecases'
import { appClient, startPortal } from '../packages/portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
const { client } = await appClient(portal, 2) // the demo's sales manager
const gateway: PortalGateway = { client, repositories: createRepositories(client) }
const trips = () => portal.log.filter((e) => e.transport === 'http').length
/** Commands the portal ran (batch sub-commands and single calls). */
const commands = () => portal.log.filter((e) => e.method !== 'batch').length

async function measure(label: string, target: number | null, run: () => Promise<string>): Promise<void> {
  portal.log.length = 0
  const outcome = await run()
  const verdict = target === null ? '' : ` (target ${target}, ${trips() <= target ? 'within' : 'OVER'})`
  console.log(
    `${label.padEnd(44)} round trips ${String(trips()).padStart(2)}${verdict}, commands ${String(commands()).padStart(2)}  (${outcome})`,
  )
}

async function opened(leadId: number): Promise<OpenedLead> {
  const r = await openLeadCard(gateway, { leadId })
  if (!r.ok) throw new Error(`lead ${leadId}: ${r.error.code}`)
  return r.value
}

const inWork = [...portal.store.leads.values()].filter((l) => l.stageId === 'IN_PROCESS').map((l) => l.id)
const fresh = [...portal.store.leads.values()].filter((l) => l.stageId === 'NEW').map((l) => l.id)

await measure('open (openLeadCard)', 1, async () => {
  const r = await openLeadCard(gateway, { leadId: inWork[0]! })
  return r.ok ? `ok, ${r.value.explanation.ok ? r.value.explanation.value.fired.length : 0} rules fired` : r.error.code
})

await measure('unqualify (unqualifyLead + re-read)', 2, async () => {
  const lead = await opened(inWork[1]!)
  portal.log.length = 0
  const r = await unqualifyLead(gateway, { opened: lead, reason: 'duplicate' })
  if (!r.ok) return r.error.code
  const again = await openLeadCard(gateway, { leadId: lead.card.lead.id })
  return again.ok ? `ok, ${again.value.stage}` : again.error.code
})

await measure('take into work (moveLead + re-read)', 2, async () => {
  const lead = await opened(fresh[0]!)
  portal.log.length = 0
  const r = await moveLead(gateway, { opened: lead, event: 'TAKE' })
  if (!r.ok) return r.error.code
  const again = await openLeadCard(gateway, { leadId: lead.card.lead.id })
  return again.ok ? `ok, ${again.value.stage}` : again.error.code
})

const converted = await opened(inWork[2]!)
await measure('qualify = convert (qualifyLead + re-read)', null, async () => {
  const r = await qualifyLead(gateway, { opened: converted })
  if (!r.ok) return r.error.code
  const again = await openLeadCard(gateway, { leadId: converted.card.lead.id })
  return again.ok ? `ok, deal ${r.value.dealId}, ${again.value.stage}` : again.error.code
})

await measure('qualify again (the deal exists)', null, async () => {
  const r = await qualifyLead(gateway, { opened: await opened(converted.card.lead.id) })
  return r.ok ? `ok, deal ${r.value.dealId}, created ${r.value.created}` : r.error.code
})
env.stop()
