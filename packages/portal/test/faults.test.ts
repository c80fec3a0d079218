import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { createRepositories, loadDealCard, planDealCard } from '../src'
import { NO_COMPANY, appClient, roundTrips, startPortal, TEST_OPTIONS, webhookClient } from './support/harness'

// Every fault the emulator can switch on: nothing is written twice, nothing is lost, one typed error each.
const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const http = () => portal.log.filter((e) => e.transport === 'http')
const anyDeal = () => [...portal.store.deals.values()][0]!
const invoiceCount = () => portal.store.invoices.size
const draft = (title: string) => ({ title, dealId: anyDeal().id, currency: 'RUB' })

describe('a storm of 503s', () => {
  it('backs off, then reports QUERY_LIMIT_EXCEEDED once; the same read works when the storm ends', async () => {
    const repos = createRepositories(webhookClient(portal))
    portal.setFaults({ forceQueryLimit: true })
    const r = await repos.deals.get(anyDeal().id)
    expect(r).toMatchObject({ ok: false, error: { code: 'QUERY_LIMIT_EXCEEDED', retriable: true, status: 503 } })
    expect(http().every((e) => e.status === 503)).toBe(true)
    expect(http().length).toBe(TEST_OPTIONS.restrictions!.maxRetries) // the SDK's back-off attempts, no more
    portal.setFaults({ forceQueryLimit: false })
    expect((await repos.deals.get(anyDeal().id)).ok).toBe(true)
  })

  it('creates nothing while every request is rejected, and exactly one invoice afterwards', async () => {
    const repos = createRepositories(webhookClient(portal))
    const before = invoiceCount()
    portal.setFaults({ forceQueryLimit: true })
    expect(await repos.invoices.create(draft('storm'))).toMatchObject({
      ok: false,
      error: { code: 'QUERY_LIMIT_EXCEEDED' },
    })
    expect(invoiceCount()).toBe(before)
    portal.setFaults({ forceQueryLimit: false })
    const created = await repos.invoices.create(draft('after the storm'))
    expect(created.ok).toBe(true)
    expect(invoiceCount()).toBe(before + 1)
  })
})

/** Runs `effect` once, after the portal has answered `after` HTTP requests. */
function afterResponses(after: number, effect: () => void): () => void {
  let seen = 0
  const listener = () => {
    if (++seen === after) effect()
  }
  env.server.events.on('response:mocked', listener)
  return () => env.server.events.removeListener('response:mocked', listener)
}

describe('a storm that ends while we back off', () => {
  it('creates the invoice exactly once when the SDK’s retry lands after the storm', async () => {
    const repos = createRepositories(webhookClient(portal))
    const before = invoiceCount()
    portal.setFaults({ forceQueryLimit: true })
    const stop = afterResponses(1, () => portal.setFaults({ forceQueryLimit: false }))
    const created = await repos.invoices.create(draft('retried after a 503'))
    stop()
    expect(created.ok).toBe(true)
    expect(http().map((e) => e.status)).toEqual([503, 200])
    expect(invoiceCount()).toBe(before + 1)
  })
})

describe('an expired token in the middle of work', () => {
  it('finishes a multi-batch bulk read across a token refresh: every record once', { timeout: 30_000 }, async () => {
    const { seedDeals } = await import('@salesflow/emulator')
    seedDeals(portal, 6_000)
    const { client, refreshes } = await appClient(portal, 1)
    const stop = afterResponses(1, () => portal.setFaults({ forceExpiredToken: true }))
    const res = await createRepositories(client).deals.list({})
    stop()
    expect(refreshes.count).toBe(1)
    // The counted first page, then 2,500 + 2,500 + the rest; the 401 is repeated once after the refresh.
    expect(http().map((e) => e.status)).toEqual([200, 401, 200, 200, 200])
    const ids = res.ok ? res.value.records.map((d) => d.id) : []
    expect(ids).toEqual([...portal.store.deals.keys()].sort((a, b) => a - b))
  })

  it('refreshes once and repeats the batch: the card opens, no sub-command runs twice', async () => {
    const { client, refreshes } = await appClient(portal, 2)
    const id = anyDeal().id
    expect((await loadDealCard(client, id, NO_COMPANY)).ok).toBe(true)
    portal.log.length = 0
    portal.setFaults({ forceExpiredToken: true })
    const card = await loadDealCard(client, id, NO_COMPANY)
    expect(card.ok).toBe(true)
    expect(refreshes.count).toBe(1)
    expect(http().map((e) => e.status)).toEqual([401, 200])
    // Every planned command ran once: the 401 stopped the first attempt before any of them ran. (Counted, not
    // compared as a set: the invoice-payment slots of invoices the deal does not have are identical commands.)
    const sub = portal.log.filter((e) => e.transport === 'batch')
    expect(sub).toHaveLength(Object.keys(planDealCard(id, NO_COMPANY)).length)
  })

  it('creates an invoice exactly once across the refresh', async () => {
    const { client, refreshes } = await appClient(portal, 1)
    const repos = createRepositories(client)
    const before = invoiceCount()
    portal.setFaults({ forceExpiredToken: true })
    expect((await repos.invoices.create(draft('across a refresh'))).ok).toBe(true)
    expect(refreshes.count).toBe(1)
    expect(invoiceCount()).toBe(before + 1)
  })
})

describe('a 500', () => {
  it('retries a read, then reports INTERNAL', async () => {
    const repos = createRepositories(webhookClient(portal))
    portal.setFaults({ forceStatus500: 'crm.deal.get' })
    expect(await repos.deals.get(anyDeal().id)).toMatchObject({ ok: false, error: { code: 'INTERNAL', status: 500 } })
    expect(http().length).toBe(1 + TEST_OPTIONS.transientRetries!)
  })

  it('does not repeat a create: UNKNOWN_OUTCOME after one attempt', async () => {
    const repos = createRepositories(webhookClient(portal))
    const before = invoiceCount()
    portal.setFaults({ forceStatus500: 'crm.item.add' })
    expect(await repos.invoices.create(draft('500'))).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OUTCOME', restCode: 'INTERNAL' },
    })
    expect(http().length).toBe(1)
    expect(invoiceCount()).toBe(before)
  })

  it('fails one batch sub-command with its own error and keeps the others', async () => {
    const { client } = await appClient(portal, 1)
    portal.setFaults({ forceStatus500: 'crm.currency.list' })
    const card = await loadDealCard(client, anyDeal().id, NO_COMPANY)
    expect(card).toMatchObject({ ok: false, error: { code: 'INTERNAL', method: 'crm.currency.list' } })
  })
})

describe('a timeout', () => {
  const fast = { ...TEST_OPTIONS, timeoutMs: 60 }

  it('retries a read, then reports TIMEOUT', async () => {
    const repos = createRepositories(webhookClient(portal, 1, fast))
    portal.setFaults({ forceTimeout: 'crm.deal.get', timeoutDelayMs: 150 })
    expect(await repos.deals.get(anyDeal().id)).toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT', retriable: true },
    })
    // The portal logs a request when it answers: wait for the held ones.
    await vi.waitFor(() => expect(http().length).toBe(1 + fast.transientRetries!), { timeout: 3_000 })
  })

  it('never repeats a create whose answer was lost: the invoice exists exactly once, the caller hears UNKNOWN_OUTCOME', async () => {
    const repos = createRepositories(webhookClient(portal, 1, fast))
    const before = invoiceCount()
    portal.setFaults({ forceTimeout: 'crm.item.add', timeoutDelayMs: 150 })
    expect(await repos.invoices.create(draft('slow'))).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OUTCOME', restCode: 'TIMEOUT' },
    })
    await vi.waitFor(() => expect(invoiceCount()).toBe(before + 1), { timeout: 3_000 })
    await new Promise((r) => setTimeout(r, 50)) // and nothing more arrives
    expect(invoiceCount()).toBe(before + 1)
    expect(http().filter((e) => e.method === 'crm.item.add')).toHaveLength(1)
  })
})

describe('malformed JSON', () => {
  it('reports MALFORMED_RESPONSE for a read after retrying', async () => {
    const repos = createRepositories(webhookClient(portal))
    portal.setFaults({ forceMalformedJson: 'crm.deal.get' })
    expect(await repos.deals.get(anyDeal().id)).toMatchObject({ ok: false, error: { code: 'MALFORMED_RESPONSE' } })
    expect(http().length).toBe(1 + TEST_OPTIONS.transientRetries!)
  })

  it('reports UNKNOWN_OUTCOME for a create whose answer is garbage, and does not create twice', async () => {
    const repos = createRepositories(webhookClient(portal))
    const before = invoiceCount()
    portal.setFaults({ forceMalformedJson: 'crm.item.add' })
    expect(await repos.invoices.create(draft('garbled'))).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OUTCOME' },
    })
    expect(invoiceCount()).toBe(before + 1)
  })

  it('reports MALFORMED_RESPONSE for a garbled batch', async () => {
    const { client } = await appClient(portal, 1)
    portal.setFaults({ forceMalformedJson: 'batch' })
    expect(await loadDealCard(client, anyDeal().id, NO_COMPANY)).toMatchObject({
      ok: false,
      error: { code: 'MALFORMED_RESPONSE' },
    })
  })
})

describe('a field of the wrong type', () => {
  it('becomes VALIDATION naming the field, never undefined further in', async () => {
    const repos = createRepositories(webhookClient(portal))
    portal.setFaults({ forceWrongFieldType: 'crm.deal.get' })
    const r = await repos.deals.get(anyDeal().id)
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'deal.OPPORTUNITY', retriable: false } })
    if (!r.ok) expect(r.error.message.en).toContain('deal.OPPORTUNITY')
  })
})

describe('the operating-time limit', () => {
  it('reports OPERATION_TIME_LIMIT for a blocked method (one attempt when the SDK may not wait)', async () => {
    const repos = createRepositories(
      webhookClient(portal, 1, { ...TEST_OPTIONS, restrictions: { ...TEST_OPTIONS.restrictions, maxRetries: 1 } }),
    )
    portal.setFaults({ forceOperatingLimit: 'crm.deal.get' })
    expect(await repos.deals.get(anyDeal().id)).toMatchObject({
      ok: false,
      error: { code: 'OPERATION_TIME_LIMIT', status: 429 },
    })
  })

  it('re-runs only the blocked batch sub-command once, then reports it', async () => {
    const { client } = await appClient(portal, 1)
    portal.setFaults({ forceOperatingLimit: 'crm.currency.list' })
    const card = await loadDealCard(client, anyDeal().id, NO_COMPANY)
    expect(card).toMatchObject({ ok: false, error: { code: 'OPERATION_TIME_LIMIT', method: 'crm.currency.list' } })
    expect(roundTrips(portal)).toBe(2)
    const second = portal.log.filter((e) => e.transport === 'batch').slice(-1)
    expect(second.map((e) => e.method)).toEqual(['crm.currency.list'])
  })
})
