import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { D } from '@salesflow/rules'
import { createRepositories } from '../src'
import { appClient, startPortal, webhookClient } from './support/harness'

// Every repository method against the emulated demo portal: domain types out, money as decimal strings.
const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const repos = () => createRepositories(webhookClient(portal))
const isDecimal = (s: string) => /^-?\d+(\.\d+)?$/.test(s)
const anyInvoice = () => [...portal.store.invoices.values()][0]!

describe('deals and leads', () => {
  it('gets a deal and a lead, updates them, and reads the change back', async () => {
    const r = repos()
    const dealId = [...portal.store.deals.keys()][0]!
    expect(await r.deals.update(dealId, { TITLE: 'Переименована' })).toMatchObject({ ok: true })
    expect(await r.deals.get(dealId)).toMatchObject({ ok: true, value: { id: dealId, title: 'Переименована' } })
    const leadId = [...portal.store.leads.keys()][0]!
    const lead = await r.leads.get(leadId)
    expect(lead.ok && lead.value.id).toBe(leadId)
    expect(lead.ok && isDecimal(lead.value.opportunity)).toBe(true)
    expect(await r.leads.update(leadId, { STATUS_ID: 'IN_PROCESS' })).toMatchObject({ ok: true })
    expect(await r.leads.get(leadId)).toMatchObject({
      ok: true,
      value: { statusId: 'IN_PROCESS', statusSemantics: 'process' },
    })
  })

  it('updates many deals in one round trip with one answer each', async () => {
    const r = repos()
    const ids = [...portal.store.deals.keys()].slice(0, 5)
    const res = await r.deals.updateMany([
      ...ids.map((id) => ({ id, fields: { TITLE: `#${id}` } })),
      { id: 999_999, fields: { TITLE: 'x' } },
    ])
    expect(res.ok && res.value.roundTrips).toBe(1)
    expect(res.ok && res.value.answers.map((a) => a.ok)).toEqual([true, true, true, true, true, false])
    expect(res.ok && !res.value.answers[5]!.ok && res.value.answers[5]!.error.code).toBe('NOT_FOUND')
    for (const id of ids) expect(portal.store.deals.get(id)!.title).toBe(`#${id}`)
  })

  it('reads every deal of a funnel with a filter', async () => {
    const res = await repos().deals.list({ CATEGORY_ID: 2 })
    const expected = [...portal.store.deals.values()].filter((d) => d.categoryId === 2).length
    expect(res.ok && res.value.records.length).toBe(expected)
    expect(res.ok && res.value.records.every((d) => d.categoryId === 2 && d.stageId.startsWith('C2:'))).toBe(true)
  })
})

describe('smart invoices, their rows and payments', () => {
  it('gets an invoice with its deal and reads and replaces its rows', async () => {
    const r = repos()
    const inv = anyInvoice()
    const got = await r.invoices.get(inv.id)
    expect(got).toMatchObject({
      ok: true,
      value: { id: inv.id, dealId: inv.parentId2 ?? null, currency: inv.currencyId },
    })
    const rows = await r.productRows.ofInvoice(inv.id)
    expect(rows.ok).toBe(true)
    const set = await r.productRows.setOfInvoice(inv.id, [
      { productName: 'Услуга', price: '1000', quantity: '3', taxRate: '22', taxIncluded: 'Y' },
    ])
    expect(set.ok && set.value.map((x) => [x.productName, new D(x.quantity).toNumber()])).toEqual([['Услуга', 3]])
  })

  it('creates an invoice bound to a deal, moves it to a stage and lists it with the deal', async () => {
    const r = repos()
    const dealId = [...portal.store.deals.keys()][0]!
    const cats = await r.reference.categories(31)
    if (!cats.ok) throw new Error(cats.error.code)
    const stages = await r.reference.invoiceStages(cats.value[0]!.id)
    if (!stages.ok) throw new Error(stages.error.code)
    const created = await r.invoices.create({ title: 'Счёт', dealId, currency: 'RUB' })
    expect(created.ok).toBe(true)
    if (!created.ok) return
    const sent = stages.value.find((s) => s.id.endsWith(':S'))!
    expect(await r.invoices.moveToStage(created.value, sent.id)).toMatchObject({ ok: true })
    const list = await r.invoices.ofDeal(dealId, stages.value)
    const mine = list.ok ? list.value.find((i) => i.id === created.value) : undefined
    expect(mine).toMatchObject({ dealId, stageId: sent.id, stageSemantics: 'process' })
  })

  it('reads payments of a deal and of invoices', async () => {
    const r = repos()
    const pay = [...portal.store.payments.values()][0]!
    expect(pay).toBeDefined() // the demo seed has payments
    const byEntity =
      pay.entityTypeId === 31 ? await r.payments.ofInvoice(pay.entityId) : await r.payments.ofDeal(pay.entityId)
    expect(byEntity.ok && byEntity.value.map((p) => p.id)).toContain(pay.id)
    expect(byEntity.ok && byEntity.value.every((p) => isDecimal(p.sum))).toBe(true)
    const invIds = [...portal.store.invoices.keys()].slice(0, 3)
    const many = await r.payments.ofInvoices(invIds)
    expect(many.ok && [...many.value.keys()]).toEqual(invIds)
  })
})

describe('catalog, users, tasks, options, timeline', () => {
  it('finds the product catalog and one product', async () => {
    const r = repos()
    const cats = await r.catalog.catalogs()
    expect(cats.ok && cats.value.map((c) => c.iblockId)).toContain(portal.store.catalogIblockId)
    const productId = [...portal.store.products.keys()][0]!
    const p = await r.catalog.product(productId)
    expect(p).toMatchObject({ ok: true, value: { id: productId, iblockId: portal.store.catalogIblockId } })
  })

  it('reads users by id and by department', async () => {
    const r = repos()
    const users = await r.users.byIds([2, 3])
    expect(users.ok && users.value.map((u) => u.fullName).sort()).toEqual(['Игорь Петров', 'Ольга Кузнецова'])
    const sales = await r.users.ofDepartment(2)
    expect(sales.ok && sales.value.map((u) => u.id)).toContain(2)
  })

  it('creates a task for the technical department and reads it back', async () => {
    const r = repos()
    const dealId = [...portal.store.deals.keys()][0]!
    const id = await r.tasks.create({
      title: 'Согласовать конфигурацию',
      responsibleId: 4,
      createdBy: 2,
      crm: [`D_${dealId}`],
    })
    expect(id.ok).toBe(true)
    if (!id.ok) return
    expect(await r.tasks.get(id.value)).toMatchObject({ ok: true, value: { id: id.value, responsibleId: 4 } })
  })

  it('adds a timeline comment with a file', async () => {
    const dealId = [...portal.store.deals.keys()][0]!
    const before = portal.store.comments.size
    const id = await repos().timeline.addComment('deal', dealId, 'КП отправлено', [['offer.pdf', 'JVBERi0xLjQK']])
    expect(id.ok).toBe(true)
    expect(portal.store.comments.size).toBe(before + 1)
  })

  it('stores user options per user in an application context', async () => {
    const { client } = await appClient(portal, 3)
    const r = createRepositories(client)
    expect(await r.options.setUser({ view: 'compact' })).toMatchObject({ ok: true })
    expect(await r.options.user()).toMatchObject({ ok: true, value: { view: 'compact' } })
  })
})
