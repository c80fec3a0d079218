import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEventRepository } from '@salesflow/portal'
import { describeConfig, loadConfig } from '../src/config'
import { startWorker } from '../src/worker'
import { StateStore } from '../src/state'
import { startMasterDataStandIn, type StandIn } from '../src/masterdata/stand-in'
import { adminGrant, appClient, FAST, startPortal, webhookClient } from './support/portal'
import { waitFor } from './support/wait'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'salesflow-worker-test-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('configuration from the environment', () => {
  it('defaults to the in-process queue and never prints a secret', () => {
    const c = loadConfig({
      SALESFLOW_AMQP_URL: 'amqp://worker:s3cret-pass@mq.internal:5672',
      SALESFLOW_APP_CLIENT_ID: 'local.abc',
      SALESFLOW_APP_CLIENT_SECRET: 'client-secret-value',
      SALESFLOW_APP_ACCESS_TOKEN: 'access-token-value',
      SALESFLOW_APP_REFRESH_TOKEN: 'refresh-token-value',
      SALESFLOW_APP_MEMBER_ID: 'm1',
      SALESFLOW_PORTAL_URL: 'https://acme.bitrix24.ru',
    })
    expect(c.ok).toBe(true)
    if (!c.ok) return
    expect(c.value.queue).toEqual({ kind: 'rabbitmq', url: 'amqp://worker:s3cret-pass@mq.internal:5672' })
    expect(c.value.bootstrapGrant?.clientEndpoint).toBe('https://acme.bitrix24.ru/rest/')
    const printed = describeConfig(c.value).join('\n')
    for (const secret of ['s3cret-pass', 'client-secret-value', 'access-token-value', 'refresh-token-value'])
      expect(printed).not.toContain(secret)
    expect(printed).toContain('amqp://worker:***@mq.internal:5672')
    const memory = loadConfig({})
    expect(memory.ok && memory.value.queue).toEqual({ kind: 'memory' })
  })

  it.each([
    [{ SALESFLOW_QUEUE: 'rabbitmq' }, 'SALESFLOW_AMQP_URL'],
    [{ SALESFLOW_AMQP_URL: 'http://nope' }, 'SALESFLOW_AMQP_URL'],
    [{ SALESFLOW_HTTP_PORT: '70000' }, 'SALESFLOW_HTTP_PORT'],
    [{ SALESFLOW_RETRY_DELAYS_MS: '100,abc' }, 'SALESFLOW_RETRY_DELAYS_MS'],
    [{ SALESFLOW_APP_CLIENT_ID: 'only-the-id' }, 'SALESFLOW_APP_CLIENT_SECRET'],
    [{ SALESFLOW_APP_ACCESS_TOKEN: 'x' }, 'SALESFLOW_APP_ACCESS_TOKEN'],
  ])('refuses %o naming %s, in ru and en', (env, variable) => {
    const c = loadConfig(env)
    expect(c.ok).toBe(false)
    if (c.ok) return
    expect(c.error).toMatchObject({ code: 'WORKER_CONFIG', variable })
    expect(c.error.message.ru).toMatch(new RegExp(`^${variable}: `))
    expect(c.error.message.en).toMatch(new RegExp(`^${variable}: `))
  })
})

describe('the state store', () => {
  it('creates its SQLite file with mode 0600 and keeps tokens, processed keys and the outbox across reopen', () => {
    const path = join(dir, 'state.sqlite')
    const s = new StateStore(path)
    s.saveTokens({
      memberId: 'm',
      domain: 'd',
      clientEndpoint: 'e',
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: 1,
      applicationToken: 't',
    })
    s.markProcessed('masterdata', 'k1')
    s.enqueue('k2', 'masterdata.deal', { a: '1.10' })
    s.enqueue('k2', 'masterdata.deal', { a: 'ignored: same key still waiting' })
    s.close()
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const again = new StateStore(path)
    expect(again.tokens('m')?.accessToken).toBe('a')
    expect(again.isProcessed('masterdata', 'k1')).toBe(true)
    expect(again.markProcessed('masterdata', 'k1')).toBe(false)
    expect(again.pending().map((r) => [r.messageId, r.body])).toEqual([['k2', { a: '1.10' }]])
    again.close()
  })
})

describe('the worker with the in-process queue (what npm run worker does)', () => {
  let standIn: StandIn
  beforeAll(async () => {
    standIn = await startMasterDataStandIn()
  })
  afterAll(() => standIn.close())

  it('drains a deal change from the offline queue and delivers its master-data message once', async () => {
    const { portal, stop } = startPortal()
    const events = createEventRepository(await appClient(portal))
    expect((await events.bindOffline('ONCRMDEALUPDATE')).ok).toBe(true)
    const lines: string[] = []
    const grant = adminGrant(portal)
    const worker = await startWorker(
      {
        statePath: join(dir, 'worker.sqlite'),
        queue: { kind: 'memory' },
        topology: { exchange: 'sf', retryDelaysMs: [20], maxAttempts: 3 },
        app: { clientId: 'local.salesflow', clientSecret: 'secret' },
        bootstrapGrant: grant,
        masterDataUrl: standIn.url,
        http: { host: '127.0.0.1', port: 0 },
        pollMs: 100,
        offlineLimit: 50,
      },
      { log: (l) => void lines.push(l), portalOptions: FAST, pollLoop: false },
    )
    try {
      expect((await webhookClient(portal, 1).call('crm.deal.update', { id: 12, fields: { COMMENTS: 'x' } })).ok).toBe(
        true,
      )
      await worker.drainOnce()
      await waitFor(() => standIn.state.applied.size === 1, 'the master-data message')
      const [message] = [...standIn.state.applied.values()]
      expect(message?.deal.id).toBe(12)
      expect(message?.deal.amounts.opportunity).toBe(portal.store.deals.get(12)?.opportunity)
      expect(message?.eventKey).toMatch(/^ONCRMDEALUPDATE\/12\//)
      await worker.drainOnce() // nothing new: nothing sent again
      await waitFor(() => worker.publisher.pendingCount() === 0, 'the outbox to drain')
      expect(standIn.state.applied.size).toBe(1)
      expect(lines.some((l) => l.startsWith('event ONCRMDEALUPDATE/12/'))).toBe(true)
      for (const secret of [grant.accessToken, grant.refreshToken]) expect(lines.join(' ')).not.toContain(secret)
    } finally {
      await worker.stop()
      stop()
    }
  })

  it('a forbidden kanban move comes back with a comment; the master-data system sees the move and the way back', async () => {
    const { portal, stop } = startPortal()
    const events = createEventRepository(await appClient(portal))
    expect((await events.bindOffline('ONCRMDEALUPDATE')).ok).toBe(true)
    standIn.state.applied.clear()
    const lines: string[] = []
    const worker = await startWorker(
      {
        statePath: join(dir, 'guard.sqlite'),
        queue: { kind: 'memory' },
        topology: { exchange: 'g', retryDelaysMs: [20], maxAttempts: 5 },
        app: { clientId: 'local.salesflow', clientSecret: 'secret' },
        bootstrapGrant: adminGrant(portal),
        masterDataUrl: standIn.url,
        http: { host: '127.0.0.1', port: 0 },
        pollMs: 100,
        offlineLimit: 50,
      },
      { log: (l) => void lines.push(l), portalOptions: FAST, pollLoop: false },
    )
    try {
      const manager = webhookClient(portal, 2)
      expect((await manager.call('crm.deal.update', { id: 9, fields: { STAGE_ID: 'C1:EXECUTING' } })).ok).toBe(true)
      await worker.drainOnce()
      await waitFor(() => portal.store.deals.get(9)?.stageId === 'C1:NEW', 'the deal back at its stage')
      await waitFor(() => standIn.state.applied.size === 2, 'the move and the way back at the master-data system')
      // The publisher re-reads the deal (before or after the guard moved it back): the last word is the way back.
      const messages = [...standIn.state.applied.values()]
      expect(messages.map((m) => m.sequence)).toEqual([1, 2])
      expect(messages[1]?.deal.stage.id).toBe('C1:NEW')
      expect(messages[1]?.eventKey).toMatch(/^ONCRMDEALUPDATE\/9\/.*\/moved-back$/)
      expect([...portal.store.comments.values()].filter((c) => c.entityId === 9)).toHaveLength(1)
      expect(portal.store.notifications.map((n) => n.userId)).toEqual([2])
      expect(lines).toContain('stage guard: deal 9 moved back C1:EXECUTING → C1:NEW')
    } finally {
      await worker.stop()
      stop()
    }
  })

  it("a guard message parked half-way releases its deal: the deal's next move is judged, not held", async () => {
    // Every change in the same second (one TIMESTAMP_X).
    const { portal, stop, worker, lines } = await frozenClockWorker('parked-guard', 2)
    try {
      const manager = webhookClient(portal, 2)
      portal.setFaults({ forceStatus500: 'im.notify.personal.add' }) // the revert stops before its notification
      expect((await manager.call('crm.deal.update', { id: 9, fields: { STAGE_ID: 'C1:EXECUTING' } })).ok).toBe(true)
      await worker.drainOnce()
      await waitFor(() => lines.some((l) => l.startsWith('PARKED stage-guard ')), 'the guard message parked')
      const parkedKey = lines.find((l) => l.startsWith('PARKED stage-guard '))!.split(' ')[2]
      expect(lines).toContain(`stage guard: deal 9 released; its revert stopped at step commented (${parkedKey})`)
      expect(worker.state.dealStage(9)).toEqual({ stageId: 'C1:NEW', pendingKey: null })
      portal.setFaults({ forceStatus500: null })
      // The next move (a legal one, in the same second) is judged at once instead of waiting for a revert that never
      // finishes.
      expect((await manager.call('crm.deal.update', { id: 9, fields: { STAGE_ID: 'C1:PREPARATION' } })).ok).toBe(true)
      await worker.drainOnce()
      await waitFor(() => worker.state.dealStage(9)?.stageId === 'C1:PREPARATION', 'the legal move accepted')
      expect(lines.filter((l) => l.startsWith('PARKED stage-guard '))).toHaveLength(1)
    } finally {
      await worker.stop()
      stop()
    }
  })
  it('two moves of one deal in the same second are both judged', async () => {
    // One TIMESTAMP_X for both moves.
    const { portal, stop, worker, lines } = await frozenClockWorker('same-second', 5)
    try {
      const manager = webhookClient(portal, 2)
      expect((await manager.call('crm.deal.update', { id: 9, fields: { STAGE_ID: 'C1:PREPARATION' } })).ok).toBe(true)
      await worker.drainOnce()
      await waitFor(() => worker.state.dealStage(9)?.stageId === 'C1:PREPARATION', 'the legal move accepted')
      // A skip over the funnel order, the same second: a record of its own (the first was reserved), judged too.
      expect((await manager.call('crm.deal.update', { id: 9, fields: { STAGE_ID: 'C1:FINAL_INVOICE' } })).ok).toBe(true)
      await worker.drainOnce()
      await waitFor(() => portal.store.deals.get(9)?.stageId === 'C1:PREPARATION', 'the skip moved back')
      expect(lines).toContain('stage guard: deal 9 C1:NEW → C1:PREPARATION allowed for manager')
      expect(lines).toContain('stage guard: deal 9 moved back C1:FINAL_INVOICE → C1:PREPARATION')
      expect(lines.filter((l) => l.startsWith('duplicate dropped'))).toEqual([])
    } finally {
      await worker.stop()
      stop()
    }
  })
})

/** A worker on the in-process queue against a portal whose clock stands still: every change gets one TIMESTAMP_X. */
async function frozenClockWorker(name: string, maxAttempts: number) {
  const frozen = Date.now()
  const { portal, stop } = startPortal({ now: () => frozen })
  const events = createEventRepository(await appClient(portal))
  expect((await events.bindOffline('ONCRMDEALUPDATE')).ok).toBe(true)
  const lines: string[] = []
  const worker = await startWorker(
    {
      statePath: join(dir, `${name}.sqlite`),
      queue: { kind: 'memory' },
      topology: { exchange: name, retryDelaysMs: [20], maxAttempts },
      app: { clientId: 'local.salesflow', clientSecret: 'secret' },
      bootstrapGrant: adminGrant(portal),
      masterDataUrl: null,
      http: { host: '127.0.0.1', port: 0 },
      pollMs: 100,
      offlineLimit: 50,
    },
    { log: (l) => void lines.push(l), portalOptions: FAST, pollLoop: false },
  )
  return { portal, stop, worker, lines }
}
