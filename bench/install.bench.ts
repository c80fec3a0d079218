// The install page's round trips on a fresh portal (target ≤ 3 with installFinish) and on a re-run, and the settings
// page's lead-rules dry run over 10,000 past leads: round trips to read them (target ≤ 6) and the computation alone
// (target < 1 s). In-process emulator (msw); the clock moves one second per request, as for a client at 2/s.
import { readFileSync } from 'node:fs'
import { createRepositories } from '@salesflow/portal'
import { DEFAULT_LEAD_RULES, compileLeadRuleSet, dryRun, ok } from '@salesflow/rules'
import { compareLeadRules, installApp, leadInputOf, type PortalGateway } from '@salesflow/usecases'
import { appClient, startPortal } from '../packages/portal/test/support/harness'

const table: unknown = JSON.parse(readFileSync(new URL('../widgets/placements.json', import.meta.url), 'utf8'))
const N = 10_000

async function gateway(portal: ReturnType<typeof startPortal>['portal']): Promise<PortalGateway> {
  const { client } = await appClient(portal, 1)
  return { client, repositories: createRepositories(client) }
}

const fresh = startPortal('empty')
let finishes = 0
const install = async () => {
  const gw = await gateway(fresh.portal)
  const t0 = performance.now()
  const r = await installApp(gw, {
    table,
    appUrl: 'https://app.salesflow.test/',
    lang: 'ru',
    finish: async () => (finishes++, ok(undefined)),
  })
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return { trips: gw.client.stats.roundTrips, ms: performance.now() - t0, created: r.value.created }
}
const first = await install()
console.log(
  `install, fresh portal: ${first.trips} REST round trips + installFinish = ${first.trips + finishes} (target ≤ 3); ` +
    `created ${JSON.stringify(first.created)}; ${first.ms.toFixed(0)} ms wall`,
)
const again = await install()
console.log(`install, re-run: ${again.trips} REST round trip(s), nothing written (${JSON.stringify(again.created)})`)
fresh.stop()

// 10,000 past leads: the demo's leads repeated under new ids.
const demo = startPortal('demo')
const seedLeads = [...demo.portal.store.leads.values()]
let id = Math.max(...demo.portal.store.leads.keys())
while (demo.portal.store.leads.size < N) {
  const lead = seedLeads[demo.portal.store.leads.size % seedLeads.length]!
  id++
  demo.portal.store.leads.set(id, { ...lead, id, title: `${lead.title} #${id}`, uf: { ...lead.uf } })
}
demo.portal.store.sequences.set('lead', id + 1)
const gw = await gateway(demo.portal)
demo.portal.log.length = 0
const w0 = performance.now()
const leads = await gw.repositories.leads.list({}, { count: true })
if (!leads.ok) throw new Error(JSON.stringify(leads.error))
const readMs = performance.now() - w0
const trips = demo.portal.log.filter((e) => e.transport === 'http').length

const proposed = structuredClone(DEFAULT_LEAD_RULES) as { rules: { name: string; conditions: unknown }[] }
for (const r of proposed.rules)
  if (r.name === 'project-by-amount')
    r.conditions = { all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: 1_000_000 }] }
const samples: number[] = []
let changed = 0
for (let i = 0; i < 5; i++) {
  const t0 = performance.now()
  const r = compareLeadRules(DEFAULT_LEAD_RULES, proposed, leads.value.records)
  samples.push(performance.now() - t0)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  changed = r.value.report.changed
}
samples.sort((a, b) => a - b)
console.log(
  `dry run, ${leads.value.records.length} leads: read in ${trips} round trips (target ≤ 6, ${readMs.toFixed(0)} ms wall ` +
    `in-process); compute median ${samples[2]!.toFixed(0)} ms of 5 (target < 1000 ms); ${changed} leads would change`,
)
// Where the time goes: mapping the portal's leads, and the rules' dry run alone on pre-compiled sets.
const m0 = performance.now()
const inputs = leads.value.records.map((lead) => leadInputOf(lead))
const mapMs = performance.now() - m0
const [a, b] = [compileLeadRuleSet(DEFAULT_LEAD_RULES), compileLeadRuleSet(proposed)]
if (!a.ok || !b.ok) throw new Error('rules')
const d0 = performance.now()
dryRun(a.value, b.value, inputs)
console.log(`  of which: mapping ${mapMs.toFixed(0)} ms, rules dryRun ${(performance.now() - d0).toFixed(0)} ms`)
demo.stop()
