// Events drained per second from the portal's offline queue into the worker's durable outbox, against the emulated
// portal with its real limit on (standard plan: 2 requests/s, burst 50; the SDK paces itself to it) and 50 events
// a call. The burst is spent before the clock starts, so the figure is the steady rate. Each batch costs one
// request: its clear rides with the next reservation (event.offline.clear + event.offline.get in one batch).
// Ceiling: 2 requests/s × 50 events = 100 events/s. Target ≥ 90/s.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import { createPortal, seedDeals } from '@salesflow/emulator'
import { connectApp, connectWebhook, createEventRepository, createRepositories } from '@salesflow/portal'
import { drainOffline, StateStore } from '@salesflow/worker'

const ORIGIN = 'https://bench.bitrix24.test'
const N = 1_500
const LIMIT = 50
const CEILING = 2 * LIMIT
const TARGET = 90

const portal = createPortal({ origin: ORIGIN, faults: { rateLimit: false } })
const server = setupServer(...portal.handlers)
server.listen({ onUnhandledRequest: 'bypass' })
const dir = mkdtempSync(join(tmpdir(), 'salesflow-drain-bench-'))
try {
  const g = portal.issueAuth(1)
  const grant = {
    accessToken: g.accessToken,
    refreshToken: g.refreshToken,
    expiresAt: Date.now() + g.expiresIn * 1000,
    memberId: g.memberId,
    domain: new URL(ORIGIN).host,
    clientEndpoint: `${ORIGIN}/rest/`,
    applicationToken: 'bench',
  }
  const app = await connectApp(grant, { clientId: 'local.salesflow', clientSecret: 'secret' }, () => undefined)
  const events = createEventRepository(app)
  const bound = await events.bindOffline('ONCRMDEALUPDATE')
  if (!bound.ok) throw new Error(bound.error.code)

  // N changed deals, made by a user through a webhook (the set-up is not rate-limited).
  const ids = seedDeals(portal, N)
  const user = connectWebhook(portal.webhookUrl(ORIGIN, 2), {
    restrictions: { rateLimit: { burstLimit: 10_000, drainRate: 10_000, adaptiveEnabled: false } },
  })
  for (let i = 0; i < ids.length; i += 50) {
    const cmds = Object.fromEntries(
      ids
        .slice(i, i + 50)
        .map((id) => [`d${id}`, { method: 'crm.deal.update', params: { id, fields: { COMMENTS: 'b' } } }]),
    )
    const r = await user.batch(cmds)
    if (!r.ok) throw new Error(r.error.code)
  }

  portal.setFaults({ rateLimit: true })
  // Spend the burst (50 requests go through at once) so the clock measures the sustained rate.
  const repos = createRepositories(app)
  await Promise.all(Array.from({ length: 50 }, () => repos.users.current()))

  const state = new StateStore(join(dir, 'state.sqlite'))
  const requestsBefore = app.stats.roundTrips
  const t0 = performance.now()
  const r = await drainOffline({
    events,
    state,
    enqueue: (m) => void state.enqueue(m.key, m.routingKey, m.body),
    log: () => undefined,
    limit: LIMIT,
  })
  const s = (performance.now() - t0) / 1000
  if (r.error) throw new Error(`drain stopped: ${r.error.code}`)
  const rate = r.queued / s
  const requests = app.stats.roundTrips - requestsBefore
  const refused = portal.log.filter((l) => l.error === 'QUERY_LIMIT_EXCEEDED').length
  console.log(
    `drained ${r.queued} events in ${s.toFixed(1)} s with ${requests} requests = ${rate.toFixed(1)} events/s ` +
      `(portal limit: 2 req/s × ${LIMIT} = ${CEILING}/s; target ≥ ${TARGET}/s) ${rate >= TARGET ? 'OK' : 'BELOW'}`,
  )
  console.log(`outbox holds ${state.pendingCount()} messages; the portal refused ${refused} request(s) with 503`)
  state.close()
} finally {
  server.close()
  rmSync(dir, { recursive: true, force: true })
}
