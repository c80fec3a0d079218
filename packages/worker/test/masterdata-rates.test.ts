import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Portal } from '@salesflow/emulator'
import type { PortalGateway } from '@salesflow/usecases'
import { pullRatesOnce } from '../src/masterdata/pull'
import { readRates } from '../src/masterdata/rates'
import { startMasterDataStandIn, type StandIn } from '../src/masterdata/stand-in'
import { startWorker } from '../src/worker'
import { adminGrant, FAST, startPortal, freshAppGateway } from './support/portal'
import { waitFor } from './support/wait'

let env: ReturnType<typeof startPortal>
let portal: Portal
let gateway: PortalGateway
let standIn: StandIn
let dir: string

beforeAll(async () => {
  env = startPortal()
  portal = env.portal
  standIn = await startMasterDataStandIn()
  dir = mkdtempSync(join(tmpdir(), 'salesflow-rates-'))
})
afterAll(async () => {
  env.stop()
  await standIn.close()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(async () => {
  ;({ gateway } = await freshAppGateway(portal))
})

const rates = (rows: { currency: string; rate: string; nominal: number }[], base = 'RUB') => ({
  base,
  date: '2026-12-02',
  rates: rows,
})
const usd = () => portal.store.currencies.get('USD')!
const updates = () => portal.log.filter((l) => l.method === 'crm.currency.update' && l.status === 200).length

describe('the master-data rates pulled into the portal (GET /rates → crm.currency.update)', () => {
  it('writes what differs, and the same pull again writes nothing', async () => {
    const eur = portal.store.currencies.get('EUR')!
    standIn.state.rates = rates([
      { currency: 'USD', rate: '95.1234', nominal: 1 },
      { currency: 'EUR', rate: eur.amount, nominal: Number(eur.amountCnt) }, // as the portal has it
      { currency: 'XYZ', rate: '1.5', nominal: 1 },
    ])
    const lines: string[] = []
    expect(await pullRatesOnce(gateway, standIn.url, (l) => void lines.push(l))).toBe(true)
    expect(usd()).toMatchObject({ amount: '95.1234', amountCnt: '1' })
    expect(updates()).toBe(1)
    expect(lines).toEqual(['master-data rates of 2026-12-02: updated USD; not on the portal: XYZ'])
    expect(await pullRatesOnce(gateway, standIn.url, (l) => void lines.push(l))).toBe(true)
    expect(updates()).toBe(1)
    expect(lines[1]).toBe('master-data rates of 2026-12-02: nothing changed; not on the portal: XYZ')
  })

  it('refuses rates against another base, or an answer that breaks the contract, writing nothing', async () => {
    const before = { ...usd() }
    const lines: string[] = []
    standIn.state.rates = rates([{ currency: 'USD', rate: '1.1', nominal: 1 }], 'EUR')
    expect(await pullRatesOnce(gateway, standIn.url, (l) => void lines.push(l))).toBe(false)
    expect(lines[0]).toContain('MASTER_DATA_BASE_MISMATCH')
    for (const bad of ['0', '-1', 'abc', '1e3']) {
      standIn.state.rates = rates([{ currency: 'USD', rate: bad, nominal: 1 }])
      expect(await pullRatesOnce(gateway, standIn.url, (l) => void lines.push(l))).toBe(false)
    }
    expect(usd()).toEqual(before)
    expect(updates()).toBe(0)
    expect(readRates(rates([{ currency: 'USD', rate: '90', nominal: 0 }]))).toMatchObject({
      ok: false,
      error: { code: 'MASTER_DATA_INVALID', field: 'rates[0].nominal' },
    })
  })

  it('the master-data system down: nothing written, the next pull retries', async () => {
    standIn.state.down = true
    const lines: string[] = []
    try {
      expect(await pullRatesOnce(gateway, standIn.url, (l) => void lines.push(l))).toBe(false)
    } finally {
      standIn.state.down = false
    }
    expect(lines[0]).toContain('MASTER_DATA_UNAVAILABLE')
    standIn.state.rates = rates([{ currency: 'USD', rate: '91.0000', nominal: 1 }])
    expect(await pullRatesOnce(gateway, standIn.url, () => undefined)).toBe(true)
    expect(usd().amount).toBe('91.0000')
  })

  it('npm run worker pulls on its schedule (SALESFLOW_PULL_MS)', async () => {
    standIn.state.rates = rates([{ currency: 'USD', rate: '88.8800', nominal: 1 }])
    const worker = await startWorker(
      {
        statePath: join(dir, 'rates.sqlite'),
        queue: { kind: 'memory' },
        topology: { exchange: 'r', retryDelaysMs: [20], maxAttempts: 3 },
        app: { clientId: 'local.salesflow', clientSecret: 'secret' },
        bootstrapGrant: adminGrant(portal),
        masterDataUrl: standIn.url,
        http: { host: '127.0.0.1', port: 0 },
        pollMs: 60_000,
        offlineLimit: 50,
        pullMs: 50,
      },
      { log: () => undefined, portalOptions: FAST },
    )
    try {
      await waitFor(() => usd().amount === '88.8800', 'the scheduled pull')
    } finally {
      await worker.stop()
    }
  })
})
