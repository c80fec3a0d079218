import { mkdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { dirname } from 'node:path'
import {
  connectApp,
  createEventRepository,
  createRepositories,
  type AppCredentials,
  type AppGrant,
  type ConnectOptions,
  type EventRepository,
  type PortalClient,
} from '@salesflow/portal'
import type { PortalGateway } from '@salesflow/usecases'
import { DEFAULT_PULL_MS, type WorkerConfig } from './config'
import { StateStore } from './state'
import { MemoryQueue } from './queue/memory'
import { RabbitQueue } from './queue/rabbitmq'
import { OutboxPublisher } from './queue/outbox'
import type { Queue, QueueHooks } from './queue/types'
import { drainOffline } from './intake/offline'
import { onlineEventHandler } from './intake/online'
import { installHandler } from './intake/install'
import { TokenKeeper } from './tokens'
import type { EventMessage } from './intake/events'
import { postDealsHandler } from './masterdata/client'
import { inDealOrder, releaseParked } from './masterdata/ordered'
import { ACTIONS, actionContext, type WorkerAction } from './actions/table'
import { primeDealStages, releaseParkedGuard } from './actions/stage-guard'
import { pullMasterDataOnce } from './masterdata/pull'
import { distSite } from './serve-dist'
import { startBankFolder, type BankFolder, type BankFolderOptions } from './bank-folder/folder'

export interface RunningWorker {
  readonly state: StateStore
  readonly queue: Queue
  readonly publisher: OutboxPublisher
  readonly portal: PortalClient | null
  /** The events endpoint's port (the configured one, or the one the OS gave for port 0). */
  readonly httpPort: number
  /** One drain of the portal's offline queue (the loop runs this every pollMs); false when the portal refused. */
  drainOnce(): Promise<boolean>
  /** One pull of the master-data rates, directories and stock into the portal (every pullMs); false when one failed. */
  pullOnce(): Promise<boolean>
  /** The watched folder of 1C statements, once the portal is connected (config.bankDir); null otherwise. */
  readonly bankFolder: BankFolder | null
  stop(): Promise<void>
}

export interface WorkerOptions {
  readonly log?: (line: string) => void
  /** Portal client options (tests shrink retries). */
  readonly portalOptions?: ConnectOptions
  /** Off in tests that call drainOnce themselves. */
  readonly pollLoop?: boolean
  /** The consumers of portal events (default: ACTIONS). */
  readonly actions?: readonly WorkerAction[]
  /** The bank folder's timing (tests shrink it); the folder itself is config.bankDir. */
  readonly bankFolder?: BankFolderOptions
}

/**
 * The worker at this stage: opens its state, connects the queue and declares the topology, serves the online
 * events endpoint, drains the portal's offline queue into the broker, turns deal events into master-data messages
 * and runs the actions of the table (actions/table.ts: the stage guard, the deal publisher) on them, and POSTs the
 * master-data messages to the master-data system (masterdata consumer). The same HTTP server serves the built app
 * (config.distDir) to the portal's handler calls (serve-dist.ts), after its own routes.
 */
export async function startWorker(config: WorkerConfig, options: WorkerOptions = {}): Promise<RunningWorker> {
  const log = options.log ?? ((line: string) => console.log(`${new Date().toISOString()} ${line}`))
  if (config.statePath !== ':memory:') mkdirSync(dirname(config.statePath), { recursive: true, mode: 0o700 })
  const state = new StateStore(config.statePath)
  if (config.bootstrapGrant) state.saveTokens(config.bootstrapGrant)

  const late: { publisher?: OutboxPublisher } = {}
  const hooks: QueueHooks = {
    onReady: () => void late.publisher?.flush(),
    onParked: (p) => {
      log(`PARKED ${p.consumer} ${p.delivery.id} after ${p.delivery.attempt} attempts: ${p.error}`)
      if (p.consumer === 'masterdata') releaseParked(state, p)
      if (p.consumer === 'stage-guard') releaseParkedGuard(state, p, log)
    },
    onRetry: (c, d, e, ms) => log(`retry ${c} ${d.id} (attempt ${d.attempt}) in ${ms} ms: ${e}`),
    onDuplicate: (c, d) => log(`duplicate dropped by ${c}: ${d.id}`),
    onConnectionError: (e) => log(`queue: ${e}`),
  }
  const queue: Queue =
    config.queue.kind === 'rabbitmq'
      ? new RabbitQueue(state, { url: config.queue.url, topology: config.topology, hooks })
      : new MemoryQueue(state, config.topology, hooks)
  const publisher = (late.publisher = new OutboxPublisher(queue, state, log))
  const enqueue = (m: EventMessage) => publisher.enqueue(m.routingKey, m.key, m.body)
  await queue.start()
  log(`queue ready (${queue.kind}); ${publisher.pendingCount()} message(s) waiting in the outbox`)

  let portal: PortalClient | null = null
  let events: EventRepository | null = null
  let gatewayOf: PortalGateway | null = null
  let keeper: TokenKeeper | null = null
  let connecting: Promise<void> | undefined
  let bankFolder: BankFolder | null = null
  /** Connects with the stored grant (at start, or when the install call stores one) and starts the actions. */
  const connectPortal = (grant: AppGrant, app: AppCredentials) =>
    (connecting ??= (async () => {
      const k = (keeper = new TokenKeeper(state, app, grant.memberId, log))
      const client = await connectApp(
        grant,
        app,
        () => undefined,
        options.portalOptions ?? {},
        (used) => k.refresh(used),
      )
      log(`portal: ${grant.domain} (member ${grant.memberId})`)
      const gateway = { client, repositories: createRepositories(client) }
      const primed = await primeDealStages(gateway, state).catch((e: unknown) => {
        log(`stage guard: could not read the deals' stages (${String(e)}); unseen deals start at their next event`)
        return 0
      })
      if (primed > 0) log(`stage guard: ${primed} deal stage(s) recorded as the starting point`)
      const context = actionContext({ gateway, state, publisher, log })
      for (const a of options.actions ?? ACTIONS)
        await queue.consume(
          { name: a.name, pattern: a.pattern, ...(a.concurrency ? { concurrency: a.concurrency } : {}) },
          a.handler(context),
        )
      events = createEventRepository(client)
      gatewayOf = gateway
      portal = client
      if (config.bankDir)
        bankFolder = await startBankFolder({ gateway, state, dir: config.bankDir, log }, options.bankFolder)
    })())
  const stored = state.allTokens()[0]
  if (stored && config.app) await connectPortal(stored, config.app)
  else
    log(
      config.app
        ? 'portal: no app tokens stored yet; waiting for the install call'
        : 'portal: no app configured; intake off',
    )

  if (config.masterDataUrl) {
    const post = postDealsHandler(config.masterDataUrl)
    await queue.consume(
      { name: 'masterdata', pattern: 'masterdata.deal' },
      inDealOrder(state, async (d) => {
        await post(d)
        log(`master data ← ${d.id}`)
      }),
    )
  }

  const drainOnce = async (): Promise<boolean> => {
    if (!events) return true
    const r = await drainOffline({ events, state, enqueue, log, limit: config.offlineLimit })
    if (r.error) log(`offline events: ${r.error.code} (${r.error.message.en}); will retry`)
    return !r.error
  }

  const masterDataUrl = config.masterDataUrl
  const pullOnce = async (): Promise<boolean> =>
    gatewayOf && masterDataUrl ? pullMasterDataOnce(gatewayOf, masterDataUrl, log) : true

  const online = onlineEventHandler({ state, enqueue, log })
  const app = config.app
  const install = app
    ? installHandler({
        state,
        credentials: app,
        log,
        ...(options.portalOptions ? { portalOptions: options.portalOptions } : {}),
        installed: (grant) =>
          void connectPortal(grant, app).catch((e: unknown) => log(`portal: could not connect (${String(e)})`)),
      })
    : null
  const pages = config.distDir ? distSite({ dir: config.distDir, log, grants: () => state.allTokens() }) : null
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (req.method === 'POST' && path === '/events') return void online(req, res)
    if (req.method === 'POST' && path === '/install' && install) return void install(req, res)
    if (req.method === 'GET' && path === '/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      return void res.end(JSON.stringify({ queue: queue.kind, outbox: publisher.pendingCount() }))
    }
    // The app's own routes above win; everything else is a page or an asset of the built app.
    if (pages) return void pages(req, res).catch((e: unknown) => (log(`pages: ${String(e)}`), res.destroy()))
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(config.http.port, config.http.host, resolve))
  const httpPort = (server.address() as { port: number }).port
  log(`events endpoint: http://${config.http.host}:${httpPort}/events`)

  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let pass: Promise<void> = Promise.resolve()
  let refusals = 0
  const loop = async () => {
    await keeper?.refreshIfDue().catch((e: unknown) => log(`tokens: ${String(e)}`))
    const drained = await drainOnce().catch((e: unknown) => (log(`offline events: ${String(e)}`), false))
    // A portal that refuses (503 QUERY_LIMIT_EXCEEDED, down) is asked again later and later, up to a minute;
    // what it did not hand out stays in its queue, what it did stays reserved in ours: nothing is lost.
    refusals = drained ? 0 : refusals + 1
    await publisher.flush().catch((e: unknown) => log(`outbox: ${String(e)}`))
    // Keys older than a week cannot come back from the broker's retries; the table stays small.
    state.pruneProcessed(Date.now() - 7 * 24 * 3_600_000)
    const delay = Math.min(config.pollMs * 2 ** Math.min(refusals, 10), Math.max(config.pollMs, 60_000))
    if (!stopped) timer = setTimeout(() => void (pass = loop()), delay)
  }
  if (options.pollLoop !== false) pass = loop()

  // The scheduled pull of the master-data rates, directories and stock: first one a pull period after start, then
  // every period.
  const pullMs = config.pullMs ?? DEFAULT_PULL_MS
  let pullTimer: ReturnType<typeof setTimeout> | undefined
  let pulling: Promise<unknown> = Promise.resolve()
  const schedulePull = () => {
    if (stopped || !masterDataUrl || pullMs === 0 || options.pollLoop === false) return
    pullTimer = setTimeout(() => {
      pulling = pullOnce()
        .catch((e: unknown) => log(`master-data pull: ${String(e)}`))
        .finally(schedulePull)
    }, pullMs)
  }
  schedulePull()

  return {
    state,
    queue,
    publisher,
    get portal() {
      return portal
    },
    httpPort,
    drainOnce,
    pullOnce,
    get bankFolder() {
      return bankFolder
    },
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      clearTimeout(pullTimer)
      await bankFolder?.stop()
      await pass
      await pulling
      await new Promise<void>((r) => server.close(() => r()))
      await queue.close()
      state.close()
    },
  }
}
