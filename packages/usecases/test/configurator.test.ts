import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRepositories } from '@salesflow/portal'
import { D } from '@salesflow/rules'
import {
  addConfiguredItemToDeal,
  checkConfiguration,
  decideApproval,
  ensureConfiguredItem,
  openConfigurator,
  sendForApproval,
  type OpenedConfigurator,
  type PortalGateway,
} from '../src'
import { appClient, startPortal } from '../../portal/test/support/harness'

const env = startPortal('demo')
const { portal, clock } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const MANAGER = 2
const TECHNICIAN = 4

async function gateway(userId: number): Promise<PortalGateway> {
  const { client } = await appClient(portal, userId)
  return { client, repositories: createRepositories(client) }
}

const dealIn = (categoryId: number): number => {
  const deal = [...portal.store.deals.values()].find((d) => d.categoryId === categoryId && d.stageId.endsWith('NEW'))
  if (!deal) throw new Error(`seed: a new deal in funnel ${categoryId}`)
  return deal.id
}

async function open(userId: number, dealId: number): Promise<OpenedConfigurator> {
  const opened = await openConfigurator(await gateway(userId), { dealId })
  if (!opened.ok) throw new Error(JSON.stringify(opened.error))
  return opened.value
}

const VALID = {
  platformId: 'pt-300',
  components: [
    { componentId: 'frame-rm1200', quantity: 1 },
    { componentId: 'drive-emp3', quantity: 1 },
    { componentId: 'sensor-dpi12', quantity: 2 },
    { componentId: 'ctrl-plc48', quantity: 1 },
    { componentId: 'cable-kvvg', quantity: 2 },
  ],
}

describe('openConfigurator', () => {
  it('opens in one round trip with the model, the prices of every part, the role and the funnel', async () => {
    const g = await gateway(MANAGER)
    const before = g.client.stats.roundTrips
    const opened = await openConfigurator(g, { dealId: dealIn(1) })
    expect(g.client.stats.roundTrips - before).toBe(1)
    if (!opened.ok) throw new Error(JSON.stringify(opened.error))
    expect(opened.value).toMatchObject({ role: 'manager', funnel: 'sale', taxRate: '22', approverId: 4 })
    const parts = [...opened.value.settings.model.platforms, ...opened.value.settings.model.components]
    const priced = new Set(opened.value.prices.map((p) => p.productId))
    expect(parts.every((p) => priced.has(p.productId as number))).toBe(true)
  })

  it('an option that is not JSON is MODEL_INVALID at "$"; an option stored as a JSON string still opens', async () => {
    const model = portal.store.appOptions['salesflow.configurator']
    portal.store.appOptions['salesflow.configurator'] = '{"platforms": ['
    const broken = await openConfigurator(await gateway(MANAGER), { dealId: dealIn(1) })
    expect(broken).toMatchObject({ ok: false, error: { code: 'MODEL_INVALID', path: '$' } })
    portal.store.appOptions['salesflow.configurator'] = JSON.stringify(model)
    const g = await gateway(MANAGER)
    const opened = await openConfigurator(g, { dealId: dealIn(1) })
    expect(opened.ok).toBe(true)
  })
})

describe('checkConfiguration', () => {
  it('prices the parts in EUR/USD/CNY at the portal rates and names each broken rule', async () => {
    const opened = await open(MANAGER, dealIn(1))
    const withHmi = {
      ...VALID,
      components: [
        ...VALID.components.filter((c) => c.componentId !== 'ctrl-plc48'),
        { componentId: 'ctrl-plc24', quantity: 1 },
        { componentId: 'panel-hmi7', quantity: 1 },
        { componentId: 'drive-mr75', quantity: 0 },
      ],
    }
    const bad = checkConfiguration(opened, withHmi)
    expect(bad.valid).toBe(false)
    expect(bad.violations).toEqual([
      expect.objectContaining({ code: 'REQUIRES', ruleId: 'hmi-plc48', item: 'panel-hmi7', anyOf: ['ctrl-plc48'] }),
    ])
    expect(bad.price.ok).toBe(true) // the price shows while the manager fixes the rule
    const fixed = checkConfiguration(opened, VALID)
    expect(fixed.valid).toBe(true)
    expect(fixed.item?.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    const unknown = checkConfiguration(opened, { ...VALID, components: [{ componentId: 'nope', quantity: 1 }] })
    expect(unknown.violations).toContainEqual({ code: 'UNKNOWN_COMPONENT', id: 'nope' })
    const fractional = checkConfiguration(opened, {
      ...VALID,
      components: [{ componentId: 'sensor-dpi12', quantity: '1.5' }],
    })
    expect(fractional.violations).toContainEqual(expect.objectContaining({ code: 'INVALID_QUANTITY' }))
  })

  it('editing an opened configuration: the parts that changed, the exact price delta, and whether approval is needed', async () => {
    const opened = await open(MANAGER, dealIn(1))
    const edited = {
      ...VALID,
      components: VALID.components.map((c) => (c.componentId === 'sensor-dpi12' ? { ...c, quantity: 3 } : c)),
    }
    const state = checkConfiguration(opened, edited, VALID)
    expect(state.diff).toMatchObject({ identical: false, changed: [{ componentId: 'sensor-dpi12', from: 2, to: 3 }] })
    const [before, after] = [checkConfiguration(opened, VALID).price, state.price]
    if (!before.ok || !after.ok) throw new Error('priced')
    expect(state.editingPrice?.listPrice).toBe(before.value.listPrice)
    expect(new D(after.value.listPrice).minus(before.value.listPrice).eq(state.change!.priceDelta!)).toBe(true)
    expect(new D(state.change!.priceDelta!).gt(0)).toBe(true)
    expect(state.change!.reapproval).toBe(true)
    // Back to an approved configuration: nothing to approve again.
    const approved = {
      ...opened,
      items: [
        {
          ...opened.items[0]!,
          fingerprint: checkConfiguration(opened, VALID).item!.fingerprint,
          approval: 'approved' as const,
        },
      ],
    }
    expect(checkConfiguration(approved, VALID, edited).change).toMatchObject({ reapproval: false })
  })

  it('a part whose catalog price is in an unknown currency, or missing, gives a typed error instead of a price', async () => {
    const opened = await open(MANAGER, dealIn(1))
    const unknown = {
      ...opened,
      prices: opened.prices.map((p) => (p.productId === 106 ? { ...p, currency: 'XYZ' } : p)),
    }
    expect(checkConfiguration(unknown, VALID).price).toMatchObject({ error: { code: 'UNKNOWN_CURRENCY' } })
    const missing = { ...opened, prices: opened.prices.filter((p) => p.productId !== 106) }
    expect(checkConfiguration(missing, VALID).price).toMatchObject({
      error: { code: 'PRICE_MISSING', productId: '106' },
    })
  })
})

describe('ensureConfiguredItem', () => {
  it('two managers configuring the same thing at the same moment end with one catalog item, with its price', async () => {
    const dealId = dealIn(1)
    const [a, b] = [await open(MANAGER, dealId), await open(1, dealId)]
    const input = (o: OpenedConfigurator) => {
      const s = checkConfiguration(o, VALID)
      if (!s.item || !s.price.ok) throw new Error('valid')
      return { configuration: VALID, item: s.item, price: s.price.value }
    }
    const [ra, rb] = await Promise.all([
      ensureConfiguredItem(await gateway(MANAGER), a, input(a)),
      ensureConfiguredItem(await gateway(1), b, input(b)),
    ])
    if (!ra.ok || !rb.ok) throw new Error(JSON.stringify([ra, rb]))
    expect(ra.value.item.productId).toBe(rb.value.item.productId)
    const fp = input(a).item.fingerprint
    const items = [...portal.store.products.values()].filter((p) => p.xmlId === fp)
    expect(items.map((p) => p.id)).toEqual([ra.value.item.productId])
    const prices = [...portal.store.prices.values()].filter((p) => p.productId === ra.value.item.productId)
    expect(prices.map((p) => [p.price, p.currency])).toEqual([[input(a).price.listPrice, 'RUB']])
    // Order of components is irrelevant: the reversed configuration finds the same item in one round trip.
    const g = await gateway(MANAGER)
    const reversed = { ...VALID, components: [...VALID.components].reverse() }
    const before = g.client.stats.roundTrips
    const again = await ensureConfiguredItem(g, a, { ...input(a), configuration: reversed })
    expect(g.client.stats.roundTrips - before).toBe(1)
    expect(again).toMatchObject({ ok: true, value: { how: 'found', item: { productId: ra.value.item.productId } } })
  })
})

describe('approval', () => {
  it('a new item is created and sent in 2 round trips; two managers sending it at once leave one item and one task', async () => {
    const dealId = dealIn(1)
    const g = await gateway(MANAGER)
    const before = g.client.stats.roundTrips
    const first = await sendForApproval(g, await open(MANAGER, dealId), { configuration: VALID, now: clock.t })
    expect(g.client.stats.roundTrips - before).toBe(2)
    expect(first).toMatchObject({ ok: true, value: { how: 'created', item: { approval: 'pending' } } })
    if (!first.ok) return
    const stored = portal.store.products.get(first.value.item.productId)!
    expect(stored.properties?.[202]).toBe('pending')
    expect(stored.properties?.[203]).toBe(String(first.value.item.taskId))
    expect(portal.store.tasks.get(first.value.item.taskId!)?.checklist).toHaveLength(6)

    portal.reset()
    const [a, b] = [await open(MANAGER, dealId), await open(1, dealId)]
    const [ga, gb] = [await gateway(MANAGER), await gateway(1)]
    const [ra, rb] = await Promise.all([
      sendForApproval(ga, a, { configuration: VALID, now: clock.t }),
      sendForApproval(gb, b, { configuration: VALID, now: clock.t }),
    ])
    if (!ra.ok || !rb.ok) throw new Error(JSON.stringify([ra, rb]))
    expect(ra.value.item.productId).toBe(rb.value.item.productId)
    const fp = checkConfiguration(a, VALID).item!.fingerprint
    expect([...portal.store.products.values()].filter((p) => p.xmlId === fp).map((p) => p.id)).toEqual([
      ra.value.item.productId,
    ])
    const tasks = [...portal.store.tasks.values()].filter((t) => t.ufCrmTask?.includes(`D_${dealId}`))
    expect(tasks).toHaveLength(1)
    const winner = portal.store.products.get(ra.value.item.productId)!
    expect(winner.properties?.[203]).toBe(String(tasks[0]!.id))
  })

  it('a checklist the portal refuses in the create-and-send batch leaves no task; the priced draft is sent next time', async () => {
    const dealId = dealIn(1)
    portal.setFaults({ forceStatus500: ['task.checklistitem.add'] })
    const failed = await sendForApproval(await gateway(MANAGER), await open(MANAGER, dealId), {
      configuration: VALID,
      now: clock.t,
    })
    portal.setFaults({ forceStatus500: null })
    expect(failed.ok).toBe(false)
    expect(portal.store.tasks.size).toBe(0)
    const opened = await open(MANAGER, dealId)
    const fp = checkConfiguration(opened, VALID).item!.fingerprint
    const [draft] = [...portal.store.products.values()].filter((p) => p.xmlId === fp)
    expect(draft?.properties?.[202]).toBe('draft')
    expect([...portal.store.prices.values()].some((p) => p.productId === draft!.id)).toBe(true)
    const again = await sendForApproval(await gateway(MANAGER), opened, { configuration: VALID, now: clock.t })
    expect(again).toMatchObject({
      ok: true,
      value: { how: 'found', item: { productId: draft!.id, approval: 'pending' } },
    })
    expect(portal.store.tasks.size).toBe(1)
  })

  it('manager sends (task, checklist, deal binding, deadline); the technician approves; the manager adds the row', async () => {
    const dealId = dealIn(1)
    const manager = await open(MANAGER, dealId)
    const g = await gateway(MANAGER)
    const now = clock.t
    const sent = await sendForApproval(g, manager, { configuration: VALID, now })
    if (!sent.ok) throw new Error(JSON.stringify(sent.error))
    const { item } = sent.value
    expect(item).toMatchObject({ approval: 'pending' })
    const task = portal.store.tasks.get(item.taskId!)!
    expect(task).toMatchObject({ responsibleId: 4, createdBy: MANAGER, ufCrmTask: [`D_${dealId}`], status: 2 })
    expect(task.title).toContain(item.article)
    expect(task.checklist?.map((c) => c.title)).toEqual([
      'Платформа ПТ-300 алюминиевая',
      'Привод ЭМП-3 кВт × 1',
      'Датчик положения ДПИ-12 × 2',
      'Контроллер ПЛК-48 расширенный × 1',
      'Рама монтажная РМ-1200 × 1',
      'Кабель контрольный КВВГ 7×1,5, 10 м × 2',
    ])
    expect(task.deadline).toBe(new Date(now + 3 * 86_400_000).toISOString().slice(0, 19))

    // Not approved yet: the Sale funnel refuses it.
    const early = await addConfiguredItemToDeal(g, manager, { item, quantity: 1 })
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFIGURATION_NOT_APPROVED', funnel: 'sale' } })

    // Nobody but the technician decides, even calling the use case directly.
    expect(await decideApproval(g, manager, { item, decision: 'approve' })).toMatchObject({
      error: { code: 'ROLE_NOT_ALLOWED' },
    })
    const tech = await open(TECHNICIAN, dealId)
    const pending = tech.items.find((i) => i.productId === item.productId)!
    expect(pending).toMatchObject({ approval: 'pending', taskId: item.taskId })
    expect(await decideApproval(await gateway(TECHNICIAN), tech, { item: pending, decision: 'reject' })).toMatchObject({
      error: { code: 'REASON_REQUIRED' },
    })
    const approved = await decideApproval(await gateway(TECHNICIAN), tech, { item: pending, decision: 'approve' })
    expect(approved).toMatchObject({ ok: true, value: { approval: 'approved' } })
    expect(portal.store.tasks.get(item.taskId!)?.status).toBe(5)

    const reopened = await open(MANAGER, dealId)
    const g2 = await gateway(MANAGER)
    const before = g2.client.stats.roundTrips
    const added = await addConfiguredItemToDeal(g2, reopened, { item, quantity: 2 })
    expect(g2.client.stats.roundTrips - before).toBe(2)
    if (!added.ok) throw new Error(JSON.stringify(added.error))
    const row = added.value.rows.find((r) => r.productId === item.productId)!
    const price = checkConfiguration(reopened, VALID).price
    expect(price.ok && row).toMatchObject({ productName: item.name, quantity: '2', taxRate: '22' })
    expect(price.ok && new D(row.price).eq(price.value.listPrice)).toBe(true)
    expect(added.value.rows).toHaveLength(reopened.card.productRows.length + 1)

    // A second manager configuring the same set gets the existing, approved item: nothing new is sent.
    const other = await open(1, dealIn(0))
    const tasksBefore = portal.store.tasks.size
    const again = await sendForApproval(await gateway(1), other, { configuration: VALID, now: clock.t })
    expect(again).toMatchObject({ ok: true, value: { how: 'found', item: { approval: 'approved' } } })
    expect(portal.store.tasks.size).toBe(tasksBefore)
  })

  it('a rejection records the reason in the task, the item and the timeline; a deleted task writes nothing', async () => {
    const dealId = dealIn(1)
    const sent = await sendForApproval(await gateway(MANAGER), await open(MANAGER, dealId), {
      configuration: VALID,
      now: clock.t,
    })
    if (!sent.ok) throw new Error(JSON.stringify(sent.error))
    const tech = await open(TECHNICIAN, dealId)
    const item = tech.items.find((i) => i.productId === sent.value.item.productId)!
    const rejected = await decideApproval(await gateway(TECHNICIAN), tech, {
      item,
      decision: 'reject',
      reason: 'Рама не выдержит ПТ-300 с приводом 3 кВт',
    })
    expect(rejected).toMatchObject({ ok: true, value: { approval: 'rejected' } })
    expect(portal.store.tasks.get(item.taskId!)?.description).toContain('Рама не выдержит')
    const comments = [...portal.store.comments.values()].filter((c) => c.entityId === dealId)
    expect(comments.some((c) => c.comment.includes('Рама не выдержит'))).toBe(true)
    const after = await open(MANAGER, dealId)
    expect(after.items.find((i) => i.productId === item.productId)).toMatchObject({
      approval: 'rejected',
      reason: 'Рама не выдержит ПТ-300 с приводом 3 кВт',
    })
    // Sent again (a new task), then the task is deleted in the portal before the technician decides.
    const resent = await sendForApproval(await gateway(MANAGER), after, { configuration: VALID, now: clock.t })
    if (!resent.ok) throw new Error(JSON.stringify(resent.error))
    portal.store.tasks.delete(resent.value.item.taskId!)
    const tech2 = await open(TECHNICIAN, dealId)
    const waiting = tech2.items.find((i) => i.productId === item.productId)!
    const gone = await decideApproval(await gateway(TECHNICIAN), tech2, { item: waiting, decision: 'approve' })
    expect(gone).toMatchObject({ ok: false, error: { code: 'TASK_NOT_FOUND' } })
    expect(portal.store.products.get(item.productId)?.properties?.[202]).toBe('pending')
  })

  it('in the Activity funnel an unapproved item goes on as a draft marked unapproved', async () => {
    const dealId = dealIn(0)
    const manager = await open(MANAGER, dealId)
    const sent = await sendForApproval(await gateway(MANAGER), manager, { configuration: VALID, now: clock.t })
    if (!sent.ok) throw new Error(JSON.stringify(sent.error))
    const added = await addConfiguredItemToDeal(await gateway(MANAGER), manager, { item: sent.value.item, quantity: 1 })
    if (!added.ok) throw new Error(JSON.stringify(added.error))
    expect(added.value.draft).toBe(true)
    expect(added.value.rows.find((r) => r.productId === sent.value.item.productId)?.productName).toContain(
      '[не согласовано]',
    )
  })
})
