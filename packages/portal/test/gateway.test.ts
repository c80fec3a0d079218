import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { D } from '@salesflow/rules'
import { createRepositories, loadDealCard, loadInvoiceCard, loadLeadCard } from '../src'
import { NO_COMPANY, appClient, roundTrips, startPortal, webhookClient } from './support/harness'

// Repositories, the card loader and bulk reads against the emulated demo portal.
const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())
beforeAll(() => portal.reset())

/** A demo deal of the Sale funnel (category 1), with product rows. */
function saleDeal(): number {
  const withRows = new Set(
    [...portal.store.productRows.values()].filter((r) => r.ownerType === 'D').map((r) => r.ownerId),
  )
  const deal = [...portal.store.deals.values()].find((d) => d.categoryId === 1 && withRows.has(d.id))
  if (!deal) throw new Error('the demo seed has no Sale deal with rows')
  return deal.id
}

describe('deal card loader', () => {
  it('opens a deal card in exactly one round trip with every part typed', async () => {
    const { client } = await appClient(portal, 2)
    const id = saleDeal()
    portal.log.length = 0
    const card = await loadDealCard(client, id, NO_COMPANY)
    expect(roundTrips(portal)).toBe(1)
    expect(card.ok).toBe(true)
    if (!card.ok) return
    const stored = portal.store.deals.get(id)!
    expect(card.value.deal).toMatchObject({
      id,
      categoryId: 1,
      stageId: stored.stageId,
      opportunity: stored.opportunity,
    })
    expect(card.value.category).toMatchObject({ id: 1, name: 'Продажа' })
    expect(card.value.stages.map((s) => s.id)).toEqual([
      'C1:NEW',
      'C1:PREPARATION',
      'C1:PREPAYMENT_INVOICE',
      'C1:EXECUTING',
      'C1:FINAL_INVOICE',
      'C1:WON',
      'C1:LOSE',
    ])
    expect(card.value.stages.map((s) => s.semantics).slice(-2)).toEqual(['success', 'failure'])
    expect(card.value.stage?.id).toBe(stored.stageId)
    expect(card.value.productRows.length).toBeGreaterThan(0)
    expect(typeof card.value.productRows[0]!.price).toBe('string')
    expect(card.value.currencies.map((c) => [c.CURRENCY, c.AMOUNT, c.isBase])).toEqual(
      expect.arrayContaining([
        ['RUB', expect.stringMatching(/^1(\.0+)?$/), true],
        ['USD', '92.5000', false],
      ]),
    )
    expect(card.value.currentUser).toMatchObject({ id: 2, lastName: 'Петров' })
    for (const inv of card.value.invoices) expect(inv.dealId).toBe(id)
  })

  it('opens with the default parts too (client company included) in one round trip', async () => {
    const { client } = await appClient(portal, 2)
    const id = saleDeal()
    portal.log.length = 0
    const card = await loadDealCard(client, id)
    expect(roundTrips(portal)).toBe(1)
    expect(card.ok).toBe(true)
    // The emulator has no crm.company.get yet: then the card says why the client is missing.
    if (card.ok && card.value.company === null) expect(card.value.companyError).not.toBeNull()
  })

  it('reports a missing deal as NOT_FOUND', async () => {
    const { client } = await appClient(portal, 1)
    const card = await loadDealCard(client, 999_999, NO_COMPANY)
    expect(card).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', method: 'crm.deal.get' } })
  })

  it('reads the rest of a deal’s invoices when the batch page (50) was not all of them, in id order', async () => {
    const repos = createRepositories(webhookClient(portal))
    const id = saleDeal()
    for (let i = 0; i < 60; i++) {
      const r = await repos.invoices.create({ title: `Счёт ${i + 1}`, dealId: id, currency: 'RUB' })
      expect(r.ok).toBe(true)
    }
    const expected = [...portal.store.invoices.values()]
      .filter((inv) => inv.parentId2 === id)
      .map((inv) => inv.id)
      .sort((x, y) => x - y)
    expect(expected.length).toBeGreaterThan(50)
    const { client } = await appClient(portal, 1)
    portal.log.length = 0
    const card = await loadDealCard(client, id, NO_COMPANY)
    expect(card.ok && card.value.invoices.map((inv) => inv.id)).toEqual(expected)
    // One more for the invoices past the first page, one more for the payments of invoices past the batch's slots.
    expect(roundTrips(portal)).toBe(3)
  })
})

describe('invoice and lead card loaders', () => {
  it('opens a smart invoice with its deal, rows, payments and category stages in one round trip', async () => {
    const { client } = await appClient(portal, 3)
    const inv = [...portal.store.invoices.values()].find((i) => i.parentId2)!
    portal.log.length = 0
    const card = await loadInvoiceCard(client, inv.id)
    expect(roundTrips(portal)).toBe(1)
    expect(card.ok).toBe(true)
    if (!card.ok) return
    expect(card.value.invoice).toMatchObject({ id: inv.id, dealId: inv.parentId2, stageId: inv.stageId })
    expect(card.value.deal?.id).toBe(inv.parentId2)
    expect(card.value.stage?.id).toBe(inv.stageId)
    expect(card.value.stages.every((s) => s.entityId === `SMART_INVOICE_STAGE_${inv.categoryId}`)).toBe(true)
    expect(card.value.stages.find((s) => s.semantics === 'success')?.id).toBe(`DT31_${inv.categoryId}:P`)
    const storedRows = [...portal.store.productRows.values()].filter(
      (r) => r.ownerType === 'SI' && r.ownerId === inv.id,
    )
    expect(card.value.productRows.map((r) => r.id).sort()).toEqual(storedRows.map((r) => r.id).sort())
    expect(card.value.invoice.stageSemantics).toBe(card.value.stage?.semantics)
  })

  it('reads the rest of a long invoice’s rows by id (one more round trip per 2,500 rows)', async () => {
    const repos = createRepositories(webhookClient(portal))
    const inv = [...portal.store.invoices.values()][0]!
    const rows = Array.from({ length: 73 }, (_, i) => ({ productName: `Позиция ${i + 1}`, price: '10', quantity: '1' }))
    expect((await repos.productRows.setOfInvoice(inv.id, rows)).ok).toBe(true)
    const { client } = await appClient(portal, 1)
    portal.log.length = 0
    const card = await loadInvoiceCard(client, inv.id)
    expect(card.ok && card.value.productRows.map((r) => r.productName)).toEqual(rows.map((r) => r.productName))
    expect(roundTrips(portal)).toBe(2)
  })

  it('opens a lead with its statuses in one round trip', async () => {
    const { client } = await appClient(portal, 2)
    const lead = [...portal.store.leads.values()][0]!
    portal.log.length = 0
    const card = await loadLeadCard(client, lead.id)
    expect(roundTrips(portal)).toBe(1)
    expect(card).toMatchObject({ ok: true, value: { lead: { id: lead.id }, status: { id: lead.stageId } } })
    expect(card.ok && card.value.statuses.map((s) => [s.id, s.semantics])).toEqual([
      ['NEW', 'process'],
      ['IN_PROCESS', 'process'],
      ['CONVERTED', 'success'],
      ['JUNK', 'failure'],
    ])
  })
})

describe('repositories', () => {
  it('reads a deal with its funnel and stage in one round trip', async () => {
    const repos = createRepositories(webhookClient(portal))
    const id = saleDeal()
    portal.log.length = 0
    const r = await repos.deals.getWithStage(id)
    expect(roundTrips(portal)).toBe(1)
    expect(r).toMatchObject({
      ok: true,
      value: { deal: { id }, category: { id: 1 }, stage: { id: portal.store.deals.get(id)!.stageId } },
    })
  })

  it('reads reference data: funnels, stages with semantics, lead statuses, invoice stages', async () => {
    const repos = createRepositories(webhookClient(portal))
    const cats = await repos.reference.categories(2)
    expect(cats.ok && cats.value.map((c) => c.id).sort()).toEqual([0, 1, 2])
    const leadStatuses = await repos.reference.leadStatuses()
    expect(leadStatuses.ok && leadStatuses.value.map((s) => [s.id, s.semantics])).toEqual(
      expect.arrayContaining([
        ['CONVERTED', 'success'],
        ['JUNK', 'failure'],
      ]),
    )
    const invCats = await repos.reference.categories(31)
    expect(invCats.ok).toBe(true)
    if (!invCats.ok) return
    const stages = await repos.reference.invoiceStages(invCats.value[0]!.id)
    expect(stages.ok && stages.value.find((s) => s.semantics === 'success')?.id).toMatch(/^DT31_\d+:P$/)
  })

  it('reads leads, invoices with payments, users and departments as domain types', async () => {
    const repos = createRepositories(webhookClient(portal))
    const leads = await repos.leads.list()
    expect(leads.ok && leads.value.records.length).toBe(portal.store.leads.size)
    const invoice = [...portal.store.invoices.values()].find((i) => i.parentId2)
    if (invoice) {
      const list = await repos.invoices.ofDeal(invoice.parentId2!)
      expect(list.ok && list.value.map((i) => i.id)).toContain(invoice.id)
      const pays = await repos.payments.ofInvoices([invoice.id])
      expect(pays.ok).toBe(true)
    }
    const me = await repos.users.current()
    expect(me).toMatchObject({ ok: true, value: { id: 1, lastName: 'Смирнова' } })
    const deps = await repos.departments.all()
    expect(deps.ok && deps.value.map((d) => d.name)).toContain('Отдел продаж')
  })

  it('reads the catalog: products, sections, prices and stock', async () => {
    const repos = createRepositories(webhookClient(portal))
    const iblockId = portal.store.catalogIblockId
    const products = await repos.catalog.products(iblockId)
    expect(products.ok && products.value.length).toBe(portal.store.products.size)
    const sections = await repos.catalog.sections(iblockId)
    expect(sections.ok && sections.value.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Платформы', 'Компоненты']),
    )
    if (!products.ok) return
    const ids = products.value.slice(0, 3).map((p) => p.id)
    const prices = await repos.catalog.prices(ids)
    expect(prices.ok && prices.value.every((p) => ids.includes(p.productId) && /^\d+(\.\d+)?$/.test(p.price))).toBe(
      true,
    )
    const stock = await repos.catalog.stock(ids)
    expect(stock.ok).toBe(true)
  })

  it('reads app options in an application context', async () => {
    const { client } = await appClient(portal, 1)
    const repos = createRepositories(client)
    expect(await repos.options.setApp({ mode: 'strict' })).toMatchObject({ ok: true })
    expect(await repos.options.app()).toMatchObject({ ok: true, value: { mode: 'strict' } })
  })
})

describe('optimistic product-row replace', () => {
  it('writes when nothing changed and returns the stored rows', async () => {
    const repos = createRepositories(webhookClient(portal))
    const id = saleDeal()
    const loaded = await repos.productRows.ofDeal(id)
    if (!loaded.ok) throw new Error(loaded.error.code)
    const next = [{ productName: 'Монтаж', price: '15000.00', quantity: '2', taxRate: '22', taxIncluded: 'Y' as const }]
    const res = await repos.productRows.replaceOfDeal(id, loaded.value, next)
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.value).toHaveLength(1)
    expect(res.value[0]!.productName).toBe('Монтаж')
    expect(new D(res.value[0]!.price).eq('15000')).toBe(true)
    expect(new D(res.value[0]!.quantity).eq('2')).toBe(true)
    expect(await repos.productRows.ofDeal(id)).toEqual(res)
  })

  it('refuses to overwrite someone else’s edit: CONFLICT with both versions, nothing written', async () => {
    const mine = createRepositories(webhookClient(portal, 2))
    const theirs = createRepositories(webhookClient(portal, 1))
    const id = saleDeal()
    const loaded = await mine.productRows.ofDeal(id)
    if (!loaded.ok) throw new Error(loaded.error.code)
    const edited = loaded.value.map((r, i) => (i === 0 ? { ...r, quantity: '7' } : r))
    expect((await theirs.productRows.replaceOfDeal(id, loaded.value, edited)).ok).toBe(true)
    const before = await theirs.productRows.ofDeal(id)
    const res = await mine.productRows.replaceOfDeal(id, loaded.value, [
      { productName: 'Моё', price: '1', quantity: '1' },
    ])
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', expected: loaded.value } })
    if (!res.ok) expect(res.error.actual).toEqual(before.ok ? before.value : undefined)
    expect(await theirs.productRows.ofDeal(id)).toEqual(before)
  })
})

describe('product rows with a currency switch', () => {
  it('switches the deal currency and writes the rows in one batch', async () => {
    const repos = createRepositories(webhookClient(portal))
    const id = saleDeal()
    const loaded = await repos.productRows.ofDeal(id)
    if (!loaded.ok) throw new Error(loaded.error.code)
    portal.log.length = 0
    const res = await repos.productRows.replaceOfDeal(
      id,
      loaded.value,
      [{ productName: 'Доставка', price: '100', quantity: '1' }],
      {
        currency: 'USD',
      },
    )
    expect(res.ok).toBe(true)
    expect(roundTrips(portal)).toBe(1) // guard, update, set and read-back in one batch
    expect(portal.store.deals.get(id)!.currencyId).toBe('USD')
  })
})

describe('bulk reads', () => {
  // Seeds 3,000 deals: slow on a loaded machine, so a generous guard, not a timing claim.
  it('pages 3,000 leads-sized lists by id in 3 round trips instead of 60', { timeout: 30_000 }, async () => {
    const { seedDeals } = await import('@salesflow/emulator')
    seedDeals(portal, 3_000)
    const repos = createRepositories(webhookClient(portal))
    portal.log.length = 0
    const res = await repos.deals.list({})
    expect(res.ok && res.value.records.length).toBe(portal.store.deals.size)
    const ids = res.ok ? res.value.records.map((d) => d.id) : []
    expect(new Set(ids).size).toBe(ids.length)
    // The counted first page, then the rest planned from its total, 2,500 rows per round trip.
    expect(roundTrips(portal)).toBe(1 + Math.ceil((portal.store.deals.size - 50) / 2_500))
  })
})
