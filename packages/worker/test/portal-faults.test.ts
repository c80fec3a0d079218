import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEventRepository } from '@salesflow/portal'
import { startWorker } from '../src/worker'
import { startMasterDataStandIn, type StandIn } from '../src/masterdata/stand-in'
import { adminGrant, appClient, FAST, startPortal, webhookClient } from './support/portal'
import { sleep, waitFor } from './support/wait'

let env: ReturnType<typeof startPortal>
let standIn: StandIn
let dir: string
beforeAll(async () => {
  env = startPortal()
  standIn = await startMasterDataStandIn()
  dir = mkdtempSync(join(tmpdir(), 'salesflow-faults-'))
})
afterAll(async () => {
  env.stop()
  await standIn.close()
  rmSync(dir, { recursive: true, force: true })
})

const dealsAtStandIn = () => new Set([...standIn.state.applied.values()].map((m) => m.deal.id))

describe('the worker against a portal that refuses or expires its token', () => {
  it('503 QUERY_LIMIT_EXCEEDED: backs off, loses no event; an expired token mid-run: refreshed, work goes on', async () => {
    const { portal } = env
    const events = createEventRepository(await appClient(portal))
    expect((await events.bindOffline('ONCRMDEALUPDATE')).ok).toBe(true)
    const admin = webhookClient(portal, 1)
    const touch = async (ids: readonly number[]) => {
      for (const id of ids)
        expect((await admin.call('crm.deal.update', { id, fields: { COMMENTS: `x${id}` } })).ok).toBe(true)
    }
    await touch(Array.from({ length: 20 }, (_, i) => i + 1))

    portal.setFaults({ forceQueryLimit: true })
    const grant = adminGrant(portal)
    const lines: string[] = []
    const worker = await startWorker(
      {
        statePath: join(dir, 'faults.sqlite'),
        queue: { kind: 'memory' },
        topology: { exchange: 'f', retryDelaysMs: [20, 60, 150], maxAttempts: 30 },
        app: { clientId: 'local.salesflow', clientSecret: 'secret' },
        bootstrapGrant: grant,
        masterDataUrl: standIn.url,
        http: { host: '127.0.0.1', port: 0 },
        pollMs: 50,
        offlineLimit: 50,
      },
      { log: (l) => void lines.push(l), portalOptions: FAST },
    )
    try {
      await sleep(1_500)
      const asked = portal.log.filter((l) => l.method === 'event.offline.get').length
      // Without back-off a 50 ms poll would have asked ~30 times in 1.5 s; doubling delays ask about 5 times.
      expect(asked).toBeGreaterThan(0)
      expect(asked).toBeLessThanOrEqual(8)
      expect(lines.some((l) => l.includes('QUERY_LIMIT_EXCEEDED'))).toBe(true)
      expect(standIn.state.applied.size).toBe(0)

      portal.setFaults({ forceQueryLimit: false })
      await waitFor(() => dealsAtStandIn().size === 20, 'all 20 deals after the portal is back', 30_000)

      portal.setFaults({ forceExpiredToken: true }) // every token issued so far expires now
      await touch([21, 22, 23])
      await waitFor(() => dealsAtStandIn().size === 23, 'the deals changed after the token expired', 30_000)
      expect(worker.state.tokens(grant.memberId)?.accessToken).not.toBe(grant.accessToken)
      expect(lines.filter((l) => l.startsWith('tokens refreshed'))).toHaveLength(1)
      const left = await (await appClient(portal)).call<unknown[]>('event.offline.list', {})
      expect(left.ok && left.value.total).toBe(0)
      for (const secret of [grant.accessToken, grant.refreshToken]) expect(lines.join('\n')).not.toContain(secret)
    } finally {
      await worker.stop()
    }
  }, 90_000)
})
