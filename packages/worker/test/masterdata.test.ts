import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { setupServer } from 'msw/node'
import { createPortal } from '@salesflow/emulator'
import { connectWebhook, loadDealCard } from '@salesflow/portal'
import { dealMessage, dealMessageProblems } from '../src/masterdata/message'
import { startMasterDataStandIn, type StandIn } from '../src/masterdata/stand-in'
import { postDealsHandler } from '../src/masterdata/client'
import { MemoryQueue } from '../src/queue/memory'
import { StateStore } from '../src/state'
import type { Parked } from '../src/queue/types'
import { sampleDealMessage } from './support/messages'
import { waitFor } from './support/wait'

interface Schema {
  required?: string[]
  properties?: Record<string, Schema>
}
const openapi = JSON.parse(readFileSync(new URL('../masterdata.openapi.json', import.meta.url), 'utf8')) as {
  openapi: string
  paths: Record<string, unknown>
  components: { schemas: Record<string, Schema> }
}

/** Every `required` property of `schema`, as dotted paths, following nested objects. */
function requiredPaths(schema: Schema, prefix = ''): string[] {
  return (schema.required ?? []).flatMap((k) => {
    const child = schema.properties?.[k]
    return [`${prefix}${k}`, ...(child?.required ? requiredPaths(child, `${prefix}${k}.`) : [])]
  })
}
const at = (v: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], v)

let standIn: StandIn
beforeAll(async () => {
  standIn = await startMasterDataStandIn()
})
afterAll(async () => {
  await standIn.close()
})
afterEach(() => {
  standIn.state.applied.clear()
  standIn.state.duplicates = 0
  standIn.state.refused = 0
  standIn.state.down = false
})

describe('the master-data contract (masterdata.openapi.json)', () => {
  it('declares POST /deals and GET /directories, /stock, /rates in OpenAPI 3.1', () => {
    expect(openapi.openapi).toBe('3.1.0')
    expect(Object.keys(openapi.paths).sort()).toEqual(['/deals', '/directories', '/rates', '/stock'])
  })

  it('a deal read from the emulated portal becomes a message with every required field, money as strings', async () => {
    const portal = createPortal({ faults: { rateLimit: false } })
    const server = setupServer(...portal.handlers)
    server.listen({ onUnhandledRequest: 'error' })
    try {
      const client = connectWebhook(portal.webhookUrl('https://demo.bitrix24.test', 1))
      const card = await loadDealCard(client, 12, { appOptions: false })
      expect(card.ok).toBe(true)
      if (!card.ok) return
      const m = dealMessage(card.value, 'ONCRMDEALUPDATE/12/2026-11-25T12:00:00+03:00', '2026-11-25T12:00:00+03:00')
      for (const path of requiredPaths(openapi.components.schemas['DealMessage']!))
        expect(at(m, path), path).not.toBeUndefined()
      expect(dealMessageProblems(m)).toEqual([])
      expect(m.deal.amounts.opportunity).toBe(portal.store.deals.get(12)?.opportunity)
      expect(m.deal.rows.length).toBeGreaterThan(0)
    } finally {
      server.close()
    }
  })

  it('the stand-in applies a deal once per event key, refuses an invalid one, and serves the read endpoints', async () => {
    const post = (body: unknown) =>
      fetch(`${standIn.url}/deals`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }))
    expect(await post(sampleDealMessage('k1'))).toEqual({ status: 201, body: { status: 'applied', eventKey: 'k1' } })
    expect(await post(sampleDealMessage('k1'))).toEqual({ status: 200, body: { status: 'duplicate', eventKey: 'k1' } })
    const bad = { ...sampleDealMessage('k2'), deal: { ...sampleDealMessage('k2').deal, amounts: { opportunity: 1.5 } } }
    expect(await post(bad)).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION', fields: ['deal.amounts.opportunity', 'deal.amounts.tax'] },
    })
    expect([...standIn.state.applied.keys()]).toEqual(['k1'])
    for (const [path, schema] of [
      ['/directories', 'Directories'],
      ['/stock', 'Stock'],
      ['/rates', 'Rates'],
    ] as const) {
      const body = (await (await fetch(`${standIn.url}${path}`)).json()) as Record<string, unknown>
      for (const key of openapi.components.schemas[schema]!.required ?? [])
        expect(body, `${path} ${key}`).toHaveProperty(key)
    }
  })
})

describe('the masterdata consumer (in-process queue)', () => {
  it('POSTs each message; while the system is down it retries, then delivers once it is back', async () => {
    const state = new StateStore(':memory:')
    const queue = new MemoryQueue(state, { exchange: 'md', retryDelaysMs: [30, 60, 120], maxAttempts: 5 })
    await queue.start()
    await queue.consume({ name: 'masterdata', pattern: 'masterdata.deal' }, postDealsHandler(standIn.url))
    standIn.state.down = true
    await queue.publish('masterdata.deal', 'e1', sampleDealMessage('e1'))
    await waitFor(() => standIn.state.refused >= 2, 'two refused attempts')
    standIn.state.down = false
    await waitFor(() => standIn.state.applied.has('e1'), 'the message to arrive')
    await queue.close()
    state.close()
  })

  it('parks a message the system keeps refusing and says why', async () => {
    const state = new StateStore(':memory:')
    const parked: Parked[] = []
    const queue = new MemoryQueue(
      state,
      { exchange: 'md', retryDelaysMs: [10], maxAttempts: 3 },
      { onParked: (p) => void parked.push(p) },
    )
    await queue.start()
    await queue.consume({ name: 'masterdata', pattern: 'masterdata.deal' }, postDealsHandler(standIn.url))
    standIn.state.down = true
    await queue.publish('masterdata.deal', 'e2', sampleDealMessage('e2'))
    await waitFor(() => parked.length === 1, 'the park')
    expect(standIn.state.refused).toBe(3)
    expect(parked[0]?.error).toMatch(/POST \/deals answered 503/)
    await queue.close()
    state.close()
  })
})
