// Events drained per second from the portal's offline queue into the worker's durable outbox, against the emulated
// portal with its real limit on (standard plan: 2 requests/s, burst 50; the SDK paces itself to it) and 50 events
// a call. The burst is spent before the clock starts, so the figure is the steady rate. Each batch costs one
// request: its clear rides with the next reservation (event.offline.clear + event.offline.get in one batch).
// Ceiling: 2 requests/s × 50 events = 100 events/s. Target ≥ 90/s.
//
// Then the deal actions of the worker's table (stage guard, publisher, invoice on stage) take SAMPLE of those
// events through the in-process queue, as `npm run worker` runs them: the round trips they spend per deal event
// (counted with the limit off) bound the events/s the actions keep up with at the portal's 2 requests/s.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import { createPortal, seedDeals } from '@salesflow/emulator'
import { connectApp, connectWebhook, createEventRepository, createRepositories } from '@salesflow/portal'
import {
  ACTIONS,
  actionContext,
  drainOffline,
  MemoryQueue,
  OutboxPublisher,
  primeDealStages,
  StateStore,
  topicMatches,
  type EventMessage,
} from '@salesflow/worker'

const ORIGIN = 'https://bench.bitrix24.test'
const N = 1_500
const LIMIT = 50
const CEILING = 2 * LIMIT
const TARGET = 90
const SAMPLE = 200

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
  const drained: EventMessage[] = []
  const requestsBefore = app.stats.roundTrips
  const t0 = performance.now()
  const r = await drainOffline({
    events,
    state,
    enqueue: (m) => void (state.enqueue(m.key, m.routingKey, m.body), drained.push(m)),
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

  portal.setFaults({ rateLimit: false })
  const actionsState = new StateStore(join(dir, 'actions.sqlite'))
  const gateway = { client: app, repositories: repos }
  await primeDealStages(gateway, actionsState)
  const queue = new MemoryQueue(actionsState, { exchange: 'bench', retryDelaysMs: [10], maxAttempts: 3 })
  await queue.start()
  const publisher = new OutboxPublisher(queue, actionsState)
  const dealActions = ACTIONS.filter((a) => topicMatches(a.pattern, 'b24.deal.update'))
  const context = actionContext({ gateway, state: actionsState, publisher, log: () => undefined })
  for (const a of dealActions)
    await queue.consume({ name: a.name, pattern: a.pattern, concurrency: a.concurrency ?? 1 }, a.handler(context))
  const sample = drained.slice(0, SAMPLE)
  const tripsBefore = app.stats.roundTrips
  const invoicesBefore = portal.store.invoices.size
  for (const m of sample) await queue.publish(m.routingKey, m.key, m.body)
  const done = () => sample.every((m) => dealActions.every((a) => actionsState.isProcessed(a.name, m.key)))
  const deadline = Date.now() + 300_000
  while (!done()) {
    if (Date.now() > deadline) throw new Error('the deal actions did not finish the sample (parked?)')
    await new Promise((r) => setTimeout(r, 20))
  }
  const perEvent = (app.stats.roundTrips - tripsBefore) / sample.length
  const issued = portal.store.invoices.size - invoicesBefore
  console.log(
    `deal actions (${dealActions.map((a) => a.name).join(', ')}): ${perEvent.toFixed(2)} round trips per deal ` +
      `event over ${sample.length} events → at most ${(2 / perEvent).toFixed(2)} deal events/s at the portal's 2 req/s ` +
      `(${issued} of these deals stand at the invoice stage and got their invoice, which has round trips of its own)`,
  )
  await queue.close()
  actionsState.close()
} finally {
  server.close()
  rmSync(dir, { recursive: true, force: true })
}
