import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { http } from 'msw'
import { setupServer } from 'msw/node'
import { createPortal, type Portal } from '@salesflow/emulator'
import { createRepositories } from '@salesflow/portal'
import type { PortalGateway } from '@salesflow/usecases'
import { pullStockOnce } from '../src/masterdata/pull'
import { readStock } from '../src/masterdata/stock'
import { startMasterDataStandIn, type StandIn } from '../src/masterdata/stand-in'
import { appClient } from './support/portal'

// The master-data stock pulled into the emulated portal through inventory documents (GET /stock → catalog.document.*).
const portal: Portal = createPortal({ faults: { rateLimit: false } })
const server = setupServer(...portal.handlers)
let standIn: StandIn
let gateway: PortalGateway

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'bypass' })
  standIn = await startMasterDataStandIn()
})
afterAll(async () => {
  server.close()
  await standIn.close()
})
const seedStock = () => JSON.parse(JSON.stringify(standIn.state.stock)) as unknown
let seeded: unknown
beforeEach(async () => {
  portal.reset()
  seeded ??= seedStock()
  standIn.state.stock = JSON.parse(JSON.stringify(seeded)) as unknown
  const client = await appClient(portal)
  gateway = { client, repositories: createRepositories(client) }
})
afterEach(() => server.resetHandlers())

const held = (productId: number, storeId: number) =>
  [...portal.store.storeProducts.values()].find((s) => s.productId === productId && s.storeId === storeId)?.amount ?? 0
const documentWrites = () => portal.log.filter((l) => l.method.startsWith('catalog.document.') && l.status === 200)
const items = (list: [number, number, string][]) => ({
  items: list.map(([productId, storeId, quantity]) => ({ productId, storeId, quantity })),
})
const pull = async (lines: string[]) => pullStockOnce(gateway, standIn.url, (l) => void lines.push(l))

/** Lets the n-th conduct through after `before` ran, or answers it as the portal refuses a conduct. */
function onConduct(n: number, act: { before?: () => void; refuse?: boolean }) {
  let seen = 0
  server.use(
    http.post(/catalog\.document\.conduct/, () => {
      seen++
      if (seen !== n) return undefined // on to the portal's own handler
      act.before?.()
      if (!act.refuse) return undefined
      return new Response(JSON.stringify({ error: 0, error_description: 'Document conducting error: test' }), {
        status: 400,
        headers: { 'Content-Type': 'application/json' },
      })
    }),
  )
}

describe('the master-data stock pulled into the portal (GET /stock → catalog.document.*)', () => {
  it('one deduct and one arrival, both conducted, make every named pair equal; the same pull again writes nothing', async () => {
    expect([held(101, 1), held(101, 2), held(102, 1), held(102, 2), held(103, 1)]).toEqual([4, 2, 2, 1, 3])
    const untouched = held(104, 1)
    standIn.state.stock = items([
      [101, 1, '12'],
      [101, 2, '2'], // as the portal has it
      [102, 1, '0'],
      [102, 2, '7'],
      [103, 1, '5.5'],
      [999, 1, '1'], // not in the catalog
      [104, 9, '1'], // no such store
    ])
    const lines: string[] = []
    expect(await pull(lines)).toBe(true)
    expect([held(101, 1), held(101, 2), held(102, 1), held(102, 2), held(103, 1)]).toEqual([12, 2, 0, 7, 5.5])
    expect(held(104, 1)).toBe(untouched)
    const docs = [...portal.store.storeDocuments.values()]
    expect(docs.map((d) => [d.docType, d.status])).toEqual([
      ['D', 'Y'],
      ['S', 'Y'],
    ])
    expect(lines).toEqual([
      `master-data stock: deduct #${docs[0]!.id}: 102@1 -2; arrival #${docs[1]!.id}: 101@1 +8, 102@2 +6, 103@1 +2.5; ` +
        'not on the portal: products 999, stores 9',
    ])
    const writes = documentWrites().length
    expect(await pull(lines)).toBe(true)
    expect(documentWrites().length).toBe(writes)
    expect(lines[1]).toBe('master-data stock: nothing changed; not on the portal: products 999, stores 9')
    expect(portal.store.storeDocuments.size).toBe(2)
  })

  it('stock sold meanwhile makes the portal refuse the deduct: both drafts deleted, nothing moved, next pull retries', async () => {
    standIn.state.stock = items([
      [101, 1, '1'],
      [102, 1, '9'],
    ])
    onConduct(1, { before: () => void (portal.store.storeProducts.get(1)!.amount = 0) }) // 101@1 sold out
    const lines: string[] = []
    expect(await pull(lines)).toBe(false)
    expect(lines[0]).toMatch(
      /^master-data stock: not written, STOCK_NOT_APPLIED .*"step":"conduct D #\d+".*insufficient quantity/,
    )
    expect(portal.store.storeDocuments.size).toBe(0)
    expect(portal.store.storeDocumentElements.size).toBe(0)
    expect([held(101, 1), held(102, 1)]).toEqual([0, 2])
    server.resetHandlers()
    expect(await pull(lines)).toBe(true) // from the stock as it is now: nothing to deduct, 102@1 arrives
    expect([held(101, 1), held(102, 1)]).toEqual([1, 9])
  })

  it('the arrival refused after the deduct was conducted: the deduct is cancelled, both deleted, nothing half-applied', async () => {
    standIn.state.stock = items([
      [101, 1, '1'],
      [102, 1, '9'],
    ])
    onConduct(2, { refuse: true })
    const lines: string[] = []
    expect(await pull(lines)).toBe(false)
    expect(lines[0]).toContain('"step":"conduct S #')
    expect(lines[0]).toContain('"leftDrafts":[]')
    expect([held(101, 1), held(102, 1)]).toEqual([4, 2])
    expect(portal.store.storeDocuments.size).toBe(0)
    // The refused conduct never reached the portal; the conducted deduct is refused a delete (null), cancelled, deleted.
    const calls = documentWrites()
      .map((l) => l.method)
      .filter((m) => m !== 'catalog.document.element.add')
    expect(calls).toEqual([
      'catalog.document.add',
      'catalog.document.add',
      'catalog.document.conduct',
      'catalog.document.delete',
      'catalog.document.delete',
      'catalog.document.cancel',
      'catalog.document.delete',
    ])
  })

  it('a conduct whose answer is lost (it did happen) is found conducted, cancelled and deleted with the rest', async () => {
    standIn.state.stock = items([
      [101, 1, '1'],
      [102, 1, '9'],
    ])
    let seen = 0
    server.use(
      http.post(/catalog\.document\.conduct/, async ({ request }) => {
        if (++seen !== 2) return undefined
        await portal.handle(request.clone()) // the portal conducts the arrival; its answer never arrives
        return Response.error()
      }),
    )
    const lines: string[] = []
    expect(await pull(lines)).toBe(false)
    expect(lines[0]).toContain('STOCK_NOT_APPLIED')
    expect(lines[0]).toContain('UNKNOWN_OUTCOME')
    expect([held(101, 1), held(102, 1)]).toEqual([4, 2])
    expect(portal.store.storeDocuments.size).toBe(0)
  })

  it('an answer that breaks the contract, or the system down, writes nothing and the next pull retries', async () => {
    const lines: string[] = []
    for (const bad of [
      items([[101, 1, '-1']]),
      items([[101, 1, '1e3']]),
      items([
        [101, 1, '1'],
        [101, 1, '2'],
      ]),
      { items: 3 },
    ]) {
      standIn.state.stock = bad
      expect(await pull(lines)).toBe(false)
    }
    expect(lines.every((l) => l.includes('MASTER_DATA_INVALID'))).toBe(true)
    expect(
      readStock(
        items([
          [101, 1, '1'],
          [101, 1, '2'],
        ]),
      ),
    ).toMatchObject({ ok: false, error: { field: 'items[1]' } })
    standIn.state.down = true
    try {
      expect(await pull(lines)).toBe(false)
    } finally {
      standIn.state.down = false
    }
    expect(lines.at(-1)).toContain('MASTER_DATA_UNAVAILABLE')
    expect(documentWrites()).toEqual([])
    standIn.state.stock = items([[101, 1, '7']])
    expect(await pull(lines)).toBe(true)
    expect(held(101, 1)).toBe(7)
  })
})
