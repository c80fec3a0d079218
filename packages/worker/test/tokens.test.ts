import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { toPhpQuery, type Portal } from '@salesflow/emulator'
import { connectApp, createRepositories, type AppGrant } from '@salesflow/portal'
import { StateStore } from '../src/state'
import { TokenKeeper } from '../src/tokens'
import { startWorker } from '../src/worker'
import { adminGrant, FAST, ORIGIN, startPortal } from './support/portal'

const APP = { clientId: 'local.salesflow', clientSecret: 'secret' }
let env: ReturnType<typeof startPortal>
let portal: Portal
let dir: string
beforeAll(() => {
  env = startPortal()
  portal = env.portal
  dir = mkdtempSync(join(tmpdir(), 'salesflow-tokens-'))
})
afterAll(() => {
  env.stop()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => portal.reset())

/** The ONAPPINSTALL call a portal makes to a server application's handler. */
function installBody(grant: AppGrant): string {
  return toPhpQuery({
    event: 'ONAPPINSTALL',
    data: { VERSION: '1', ACTIVE: 'Y', INSTALLED: 'Y', LANGUAGE_ID: 'ru' },
    ts: 1764000000,
    auth: {
      access_token: grant.accessToken,
      expires_in: 3600,
      scope: 'crm',
      domain: grant.domain,
      server_endpoint: 'https://oauth.bitrix.info/rest/',
      status: 'L',
      client_endpoint: grant.clientEndpoint,
      member_id: grant.memberId,
      user_id: 1,
      refresh_token: grant.refreshToken,
      application_token: grant.applicationToken,
    },
  })
}

describe('the install call of a server application', () => {
  it('stores the checked tokens in the 0600 state file, connects, and logs no token', async () => {
    const path = join(dir, 'install.sqlite')
    const lines: string[] = []
    const worker = await startWorker(
      {
        statePath: path,
        queue: { kind: 'memory' },
        topology: { exchange: 'i', retryDelaysMs: [20], maxAttempts: 3 },
        app: APP,
        bootstrapGrant: null,
        masterDataUrl: null,
        http: { host: '127.0.0.1', port: 0 },
        pollMs: 100,
        offlineLimit: 50,
      },
      { log: (l) => void lines.push(l), portalOptions: FAST, pollLoop: false },
    )
    const url = `http://127.0.0.1:${worker.httpPort}/install`
    const post = (body: string) =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body })
    try {
      expect(worker.portal).toBeNull()
      const forged = { ...adminGrant(portal), accessToken: 'f'.repeat(38), refreshToken: 'e'.repeat(38) }
      expect((await post(installBody(forged))).status).toBe(401)
      expect((await post('event=ONAPPINSTALL&auth[member_id]=m')).status).toBe(400)
      expect(worker.state.allTokens()).toEqual([])

      const grant = adminGrant(portal)
      const res = await post(installBody(grant))
      expect(res.status).toBe(200)
      expect(worker.state.tokens(grant.memberId)).toMatchObject({
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        applicationToken: grant.applicationToken,
        clientEndpoint: `${ORIGIN}/rest/`,
      })
      expect(statSync(path).mode & 0o777).toBe(0o600)
      await expect.poll(() => worker.portal !== null).toBe(true)
      for (const secret of [grant.accessToken, grant.refreshToken, grant.applicationToken, forged.refreshToken])
        expect(lines.join('\n')).not.toContain(secret)
      expect(lines).toContain(`installed on demo.bitrix24.test (member ${grant.memberId}) by user 1`)
    } finally {
      await worker.stop()
    }
  })
})

describe('refreshing the tokens', () => {
  it('two workers on one state file whose token expired at once: one refresh, both go on', async () => {
    const path = join(dir, 'race.sqlite')
    const first = adminGrant(portal)
    const stores = [new StateStore(path), new StateStore(path)]
    stores[0]!.saveTokens(first)
    const lines: string[] = []
    const clients = await Promise.all(
      stores.map((s) => {
        const keeper = new TokenKeeper(s, APP, first.memberId, (l) => void lines.push(l))
        return connectApp(
          first,
          APP,
          () => undefined,
          FAST,
          (used) => keeper.refresh(used),
        )
      }),
    )
    portal.setFaults({ forceExpiredToken: true })
    const answers = await Promise.all(clients.map((c) => createRepositories(c).users.current()))
    expect(answers.map((a) => a.ok)).toEqual([true, true])
    expect(lines.filter((l) => l.startsWith('tokens refreshed'))).toHaveLength(1)
    const stored = stores[1]!.tokens(first.memberId)!
    expect(stored.refreshToken).not.toBe(first.refreshToken)
    // …and the stored refresh token is the live one: it refreshes again.
    expect((await new TokenKeeper(stores[1]!, APP, first.memberId).refresh(stored)).accessToken).not.toBe(
      stored.accessToken,
    )
    for (const s of stores) s.close()
  })

  it('without the shared lease the same race loses a worker (refresh tokens are single-use)', async () => {
    const first = adminGrant(portal)
    const clients = await Promise.all([0, 1].map(() => connectApp(first, APP, () => undefined, FAST)))
    portal.setFaults({ forceExpiredToken: true })
    const answers = await Promise.all(clients.map((c) => createRepositories(c).users.current()))
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
  })

  it('refreshes ahead of expiry, and not before it is due', async () => {
    const state = new StateStore(':memory:')
    const grant = adminGrant(portal)
    state.saveTokens({ ...grant, expiresAt: Date.now() + 60 * 60_000 })
    const keeper = new TokenKeeper(state, APP, grant.memberId)
    expect(await keeper.refreshIfDue()).toBe(false)
    state.saveTokens({ ...grant, expiresAt: Date.now() + 2 * 60_000 }) // two minutes left
    expect(await keeper.refreshIfDue()).toBe(true)
    const next = state.tokens(grant.memberId)!
    expect(next.accessToken).not.toBe(grant.accessToken)
    expect(next.expiresAt).toBeGreaterThan(Date.now() + 50 * 60_000)
  })
})
