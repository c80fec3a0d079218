import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { D } from '@salesflow/rules'
import { useConfiguratorStore } from '../src/stores/useConfiguratorStore'
import { openConfiguratorTab, startPortal } from './session'

const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const MANAGER = 2
const TECHNICIAN = 4
const saleDeal = () => [...portal.store.deals.values()].find((d) => d.categoryId === 1 && d.stageId.endsWith('NEW'))!.id

async function loaded(dealId: number, userId: number) {
  const tab = await openConfiguratorTab(portal, dealId, userId)
  const store = tab.run(() => useConfiguratorStore())
  await store.load()
  if (store.status !== 'ready') throw new Error(JSON.stringify(store.error))
  return { tab, store }
}

function configure(store: ReturnType<typeof useConfiguratorStore>, sensors: number): void {
  store.setPlatform('pt-300')
  for (const id of ['frame-rm1200', 'drive-emp3', 'sensor-dpi12', 'ctrl-plc48', 'cable-kvvg']) store.addComponent(id)
  store.setQuantity('sensor-dpi12', String(sensors))
}

describe('the configurator tab store', () => {
  it('rejection round: the technician alone decides, the manager sees the reason, edits with a diff and re-sends', async () => {
    const dealId = saleDeal()
    const { store: manager } = await loaded(dealId, MANAGER)
    configure(manager, 3)
    expect(manager.check?.valid).toBe(true)
    await manager.send()
    expect(manager.notice).toBe('sent')
    const sent = manager.dealItems.find((i) => i.approval === 'pending')!
    expect(manager.actionsOf(sent)).toMatchObject({ canDecide: false, canEdit: true, addMode: null })

    const { store: tech } = await loaded(dealId, TECHNICIAN)
    expect(tech.canConfigure).toBe(false)
    const waiting = tech.dealItems.find((i) => i.productId === sent.productId)!
    expect(tech.actionsOf(waiting)).toMatchObject({ canDecide: true, canSend: false, canEdit: false })
    await tech.decide(waiting, 'reject', '   ')
    expect(tech.actionError?.code).toBe('REASON_REQUIRED')
    await tech.decide(waiting, 'reject', 'Мало датчиков')
    expect(tech.notice).toBe('rejected')

    const { store: again } = await loaded(dealId, MANAGER)
    const rejected = again.dealItems.find((i) => i.productId === sent.productId)!
    expect(rejected).toMatchObject({ approval: 'rejected', reason: 'Мало датчиков' })
    again.edit(rejected)
    expect(again.check?.diff?.identical).toBe(true)
    again.setQuantity('sensor-dpi12', '4')
    expect(again.check?.diff?.changed).toEqual([{ componentId: 'sensor-dpi12', from: 3, to: 4 }])
    const { change, editingPrice, price } = again.check!
    if (!price.ok || !editingPrice) throw new Error('priced')
    expect(new D(editingPrice.listPrice).plus(change!.priceDelta!).eq(price.value.listPrice)).toBe(true)
    expect(change!.reapproval).toBe(true)
    await again.send()
    expect(again.notice).toBe('sent')
    expect(again.dealItems.filter((i) => i.approval === 'pending')).toHaveLength(1)
    expect(again.dealItems.filter((i) => i.approval === 'rejected')).toHaveLength(1)
  })
})
