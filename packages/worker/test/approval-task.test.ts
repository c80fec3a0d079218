import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Portal } from '@salesflow/emulator'
import { createRepositories, type EventRepository } from '@salesflow/portal'
import { openConfigurator, sendForApproval, type PortalGateway } from '@salesflow/usecases'
import { drainOffline } from '../src/intake/offline'
import type { EventMessage } from '../src/intake/events'
import { StateStore } from '../src/state'
import { approvalTask } from '../src/actions/approval-task'
import { actionContext } from '../src/actions/table'
import { OutboxPublisher } from '../src/queue/outbox'
import { MemoryQueue } from '../src/queue/memory'
import type { Delivery } from '../src/queue/types'
import { appClientOf, startPortal, webhookClient, freshAppGateway } from './support/portal'

let env: ReturnType<typeof startPortal>
let portal: Portal
let gateway: PortalGateway
let events: EventRepository

beforeAll(() => {
  env = startPortal()
  portal = env.portal
})
afterAll(() => env.stop())
beforeEach(async () => {
  ;({ gateway, events } = await freshAppGateway(portal, 'ONTASKUPDATE'))
})

const MANAGER = 2
const TECHNICIAN = 4
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

/** The manager sends a configuration of a new Sale deal for approval in the configurator tab. */
async function sent(): Promise<{ dealId: number; taskId: number; productId: number }> {
  const dealId = [...portal.store.deals.values()].find((d) => d.stageId === 'C1:NEW')!.id
  const client = await appClientOf(portal, MANAGER)
  const manager = { client, repositories: createRepositories(client) }
  const opened = await openConfigurator(manager, { dealId })
  if (!opened.ok) throw new Error(JSON.stringify(opened.error))
  const r = await sendForApproval(manager, opened.value, { configuration: VALID, now: Date.now() })
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return { dealId, taskId: r.value.item.taskId!, productId: r.value.item.productId }
}

async function drain(state: StateStore): Promise<Delivery[]> {
  const out: EventMessage[] = []
  const r = await drainOffline({ events, state, enqueue: (m) => void out.push(m), log: () => undefined })
  expect(r.error).toBeUndefined()
  return out.map((m) => ({ id: m.key, routingKey: m.routingKey, body: m.body, attempt: 1 }))
}

function approvals() {
  const state = new StateStore(':memory:')
  const lines: string[] = []
  const publisher = new OutboxPublisher(new MemoryQueue(state), state, () => undefined)
  return {
    state,
    lines,
    handler: approvalTask(actionContext({ gateway, state, publisher, log: (l) => void lines.push(l) })),
  }
}

/** The item's approval as the configurator reads it back. */
async function approvalOf(dealId: number, productId: number) {
  const opened = await openConfigurator(gateway, { dealId })
  if (!opened.ok) throw new Error(opened.error.code)
  return opened.value.items.find((i) => i.productId === productId)
}
const auditOn = (dealId: number) =>
  [...portal.store.comments.values()].filter((c) => c.entityId === dealId && c.comment.startsWith('Конфигурация'))

describe('configurator approvals from the task (ONTASKUPDATE)', () => {
  it('the technician completes the task in Bitrix24: the item is approved once, however often the event comes', async () => {
    const { dealId, taskId, productId } = await sent()
    const { state, handler, lines } = approvals()
    expect((await webhookClient(portal, TECHNICIAN).call('tasks.task.complete', { taskId })).ok).toBe(true)
    const [d, ...more] = await drain(state)
    expect(more).toEqual([])
    for (let i = 0; i < 100; i++) await handler(d!)
    expect(await approvalOf(dealId, productId)).toMatchObject({ approval: 'approved', taskId })
    expect(auditOn(dealId)).toHaveLength(1)
    expect(auditOn(dealId)[0]?.comment).toMatch(/согласована \(.+\)$/)
    expect(portal.store.tasks.get(taskId)?.status).toBe(5)
    expect(lines.filter((l) => l.startsWith('approval: item'))).toHaveLength(1)
  }, 240_000) // 100 replays, each re-reading the portal: slow on a loaded machine

  it('the technician declines the task: the item is rejected with the reason written to the task', async () => {
    const { dealId, taskId, productId } = await sent()
    const { state, handler } = approvals()
    const declined = await webhookClient(portal, TECHNICIAN).call('tasks.task.update', {
      taskId,
      fields: { STATUS: 7 },
    })
    expect(declined.ok).toBe(true)
    for (const d of await drain(state)) await handler(d)
    expect(await approvalOf(dealId, productId)).toMatchObject({ approval: 'rejected' })
    expect(portal.store.tasks.get(taskId)?.description).toContain('Отклонено: задача согласования отклонена')
    expect(portal.store.tasks.get(taskId)?.status).toBe(7) // declined stays declined: not completed over it
  })

  it('a task closed by somebody who is not the technician leaves the item pending', async () => {
    const { dealId, taskId, productId } = await sent()
    const { state, handler, lines } = approvals()
    expect((await webhookClient(portal, MANAGER).call('tasks.task.complete', { taskId })).ok).toBe(true)
    for (const d of await drain(state)) await handler(d)
    expect(await approvalOf(dealId, productId)).toMatchObject({ approval: 'pending' })
    expect(lines.some((l) => l.includes(`(manager); item`) && l.endsWith('not decided: ROLE_NOT_ALLOWED'))).toBe(true)
  })

  it('a task that is not an approval task, or still open, changes nothing', async () => {
    const { dealId, taskId, productId } = await sent()
    const { state, handler } = approvals()
    const other = await webhookClient(portal, TECHNICIAN).call('tasks.task.add', {
      fields: { TITLE: 'Позвонить клиенту', RESPONSIBLE_ID: TECHNICIAN, UF_CRM_TASK: [`D_${dealId}`] },
    })
    const otherId = Number((other.ok && (other.value.result as { task: { id: string } }).task.id) || 0)
    await webhookClient(portal, TECHNICIAN).call('tasks.task.complete', { taskId: otherId })
    await webhookClient(portal, TECHNICIAN).call('tasks.task.update', { taskId, fields: { TITLE: 'Согласовать' } })
    const before = portal.log.filter((l) => l.method === 'catalog.product.update').length
    for (const d of await drain(state)) await handler(d)
    expect(await approvalOf(dealId, productId)).toMatchObject({ approval: 'pending' })
    expect(portal.log.filter((l) => l.method === 'catalog.product.update').length).toBe(before)
  })

  it('a task deleted before its event is read is logged and finished', async () => {
    const { taskId } = await sent()
    const { state, handler, lines } = approvals()
    expect((await webhookClient(portal, TECHNICIAN).call('tasks.task.complete', { taskId })).ok).toBe(true)
    const [d] = await drain(state)
    portal.store.tasks.delete(taskId)
    await handler(d!)
    expect(lines).toContain(`approval: task ${taskId} is gone (${d!.id})`)
  })
})
