import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Portal } from '@salesflow/emulator'
import { readSettings, type PortalGateway } from '@salesflow/usecases'
import { pullDirectoriesOnce } from '../src/masterdata/pull'
import { startMasterDataStandIn, type StandIn } from '../src/masterdata/stand-in'
import { startWorker } from '../src/worker'
import { adminGrant, FAST, freshAppGateway, startPortal } from './support/portal'
import { waitFor } from './support/wait'

// The master-data directories pulled into the app's settings (GET /directories → salesflow.delivery).
let env: ReturnType<typeof startPortal>
let portal: Portal
let gateway: PortalGateway
let standIn: StandIn
let seeded: unknown
let dir: string

beforeAll(async () => {
  env = startPortal()
  portal = env.portal
  standIn = await startMasterDataStandIn()
  seeded = JSON.parse(JSON.stringify(standIn.state.directories))
  dir = mkdtempSync(join(tmpdir(), 'salesflow-directories-'))
})
afterAll(async () => {
  env.stop()
  await standIn.close()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(async () => {
  standIn.state.directories = JSON.parse(JSON.stringify(seeded))
  ;({ gateway } = await freshAppGateway(portal))
})

const options = () => portal.store.appOptions
const history = () =>
  JSON.parse(String(options()['salesflow.history.delivery'] ?? '{"version":0}')) as {
    version: number
    entries: { what: string; by: { id: number } }[]
  }
const optionWrites = () => portal.log.filter((l) => l.method === 'app.option.set' && l.status === 200).length

describe('the master-data directories pulled into the settings (GET /directories → salesflow.delivery)', () => {
  it('saves the delivery zones through the settings use case (a new version, audit "master data"); a repeat writes nothing', async () => {
    const before = history().version
    const lines: string[] = []
    expect(await pullDirectoriesOnce(gateway, standIn.url, (l) => void lines.push(l))).toBe(true)
    expect(lines).toEqual([`master-data directories: saved delivery (version ${before + 1})`])
    expect(history()).toMatchObject({ version: before + 1, entries: [{ what: 'master data', by: { id: 1 } }] })
    // What the widgets read now: the master-data system's Moscow rate.
    const settings = readSettings(options())
    expect(settings.problems).toEqual([])
    expect(settings.delivery.tiers.find((t) => t.zone === 'moscow')).toMatchObject({ upToKg: 100, base: '3200' })
    const writes = optionWrites()
    expect(await pullDirectoriesOnce(gateway, standIn.url, (l) => void lines.push(l))).toBe(true)
    expect(lines[1]).toBe('master-data directories: nothing changed')
    expect(optionWrites()).toBe(writes)
  })

  it('a section the settings refuse, an answer that breaks the contract, or the system down: nothing written', async () => {
    const before = JSON.stringify(options())
    const lines: string[] = []
    standIn.state.directories = { delivery: { currency: 'RUB', tiers: 'none' } }
    expect(await pullDirectoriesOnce(gateway, standIn.url, (l) => void lines.push(l))).toBe(false)
    expect(lines[0]).toContain('SETTINGS_INVALID')
    standIn.state.directories = { units: [] }
    expect(await pullDirectoriesOnce(gateway, standIn.url, (l) => void lines.push(l))).toBe(false)
    expect(lines[1]).toContain('MASTER_DATA_INVALID')
    standIn.state.down = true
    try {
      expect(await pullDirectoriesOnce(gateway, standIn.url, (l) => void lines.push(l))).toBe(false)
    } finally {
      standIn.state.down = false
    }
    expect(lines[2]).toContain('MASTER_DATA_UNAVAILABLE')
    expect(JSON.stringify(options())).toBe(before)
  })

  it('npm run worker pulls rates, directories and stock on one schedule, one line each', async () => {
    const lines: string[] = []
    const worker = await startWorker(
      {
        statePath: join(dir, 'pull.sqlite'),
        queue: { kind: 'memory' },
        topology: { exchange: 'd', retryDelaysMs: [20], maxAttempts: 3 },
        app: { clientId: 'local.salesflow', clientSecret: 'secret' },
        bootstrapGrant: adminGrant(portal),
        masterDataUrl: standIn.url,
        http: { host: '127.0.0.1', port: 0 },
        pollMs: 60_000,
        offlineLimit: 50,
        pullMs: 50,
      },
      { log: (l) => void lines.push(l), portalOptions: FAST },
    )
    try {
      await waitFor(() => lines.some((l) => l.startsWith('master-data stock: deduct') || l.startsWith('master-data stock: arrival')), 'the scheduled stock pull') // prettier-ignore
      await waitFor(() => lines.some((l) => l.startsWith('master-data directories: saved delivery')), 'the directories')
      expect(lines.some((l) => l.startsWith('master-data rates of'))).toBe(true)
      expect(portal.store.storeProducts.get(1)?.amount).toBe(12) // 101 in Москва, as the stand-in's seed says
    } finally {
      await worker.stop()
    }
  })
})
