import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Portal } from '@salesflow/emulator'
import { type EventRepository } from '@salesflow/portal'
import type { PortalGateway } from '@salesflow/usecases'
import { drainOffline } from '../src/intake/offline'
import type { EventMessage } from '../src/intake/events'
import { StateStore } from '../src/state'
import { primeDealStages, stageGuard } from '../src/actions/stage-guard'
import { sharedDealReads } from '../src/actions/deal-reads'
import type { Delivery, Handler } from '../src/queue/types'
import { startPortal, webhookClient, freshAppGateway } from './support/portal'

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
  ;({ gateway, events } = await freshAppGateway(portal, 'ONCRMDEALUPDATE'))
})

/** A user drags the deal in the kanban: a stage change through their own credentials. */
async function move(dealId: number, stageId: string, userId: number): Promise<void> {
  const r = await webhookClient(portal, userId).call('crm.deal.update', { id: dealId, fields: { STAGE_ID: stageId } })
  expect(r.ok).toBe(true)
}

/** What the offline queue holds now, as queue deliveries. */
async function drain(state: StateStore): Promise<Delivery[]> {
  const out: EventMessage[] = []
  const r = await drainOffline({ events, state, enqueue: (m) => void out.push(m), log: () => undefined })
  expect(r.error).toBeUndefined()
  return out.map((m) => ({ id: m.key, routingKey: m.routingKey, body: m.body, attempt: 1 }))
}

async function deliver(handler: Handler, deliveries: readonly Delivery[]): Promise<void> {
  for (const d of deliveries) await handler(d)
}

const stageOf = (id: number) => portal.store.deals.get(id)?.stageId
const commentsOn = (id: number) => [...portal.store.comments.values()].filter((c) => c.entityId === id)
/** Successful writes of a method, wherever they ran (alone or inside a batch). */
const writes = (method: string) => portal.log.filter((l) => l.method === method && l.status === 200).length

async function guarded(): Promise<{ state: StateStore; handler: Handler; lines: string[] }> {
  const state = new StateStore(':memory:')
  expect(await primeDealStages(gateway, state)).toBe(portal.store.deals.size)
  const lines: string[] = []
  return {
    state,
    handler: stageGuard({ gateway, state, log: (l) => void lines.push(l), readDeal: sharedDealReads(gateway, state) }),
    lines,
  }
}

describe('the stage guard on kanban moves (offline events)', () => {
  it('moves a deal back when fields are missing, with a comment and a notification to the mover', async () => {
    const { state, handler } = await guarded()
    expect(stageOf(10)).toBe('C1:PREPARATION') // configuration still a draft
    await move(10, 'C1:PREPAYMENT_INVOICE', 2)
    await deliver(handler, await drain(state))
    expect(stageOf(10)).toBe('C1:PREPARATION')
    const [comment, ...more] = commentsOn(10)
    expect(more).toEqual([])
    expect(comment?.comment).toMatch(
      /^Сделка возвращена на этап «Конфигурация»: переход на «Расчёт стоимости» не разрешён — не заполнено: /,
    )
    expect(comment?.comment).toContain('approved')
    expect(comment?.comment).toContain('The deal was moved back to «Конфигурация»')
    expect(portal.store.notifications).toHaveLength(1)
    expect(portal.store.notifications[0]).toMatchObject({ userId: 2, fromApp: true })
    expect(portal.store.notifications[0]?.message).toContain('не заполнено')
    expect(state.dealStage(10)).toEqual({ stageId: 'C1:PREPARATION', pendingKey: null })
  })

  it('leaves an allowed move alone and accepts the new stage', async () => {
    const { state, handler } = await guarded()
    await move(8, 'C1:PREPARATION', 2) // a manager, direction filled
    await deliver(handler, await drain(state))
    expect(stageOf(8)).toBe('C1:PREPARATION')
    expect(commentsOn(8)).toEqual([])
    expect(portal.store.notifications).toEqual([])
    expect(state.dealStage(8)?.stageId).toBe('C1:PREPARATION')
  })

  it('moves back a move made by a role the rule does not name', async () => {
    const { state, handler } = await guarded()
    await move(8, 'C1:PREPARATION', 4) // the technician: only sales may start the configuration
    await deliver(handler, await drain(state))
    expect(stageOf(8)).toBe('C1:NEW')
    expect(portal.store.notifications[0]).toMatchObject({ userId: 4 })
    expect(portal.store.notifications[0]?.message).toContain('роль «технический специалист» не может')
  })

  it('moves back a skip over the funnel order, naming the next stage', async () => {
    const { state, handler } = await guarded()
    await move(9, 'C1:EXECUTING', 2)
    await deliver(handler, await drain(state))
    expect(stageOf(9)).toBe('C1:NEW')
    expect(commentsOn(9)[0]?.comment).toContain('этапы нельзя пропускать: следующий этап — «Конфигурация»')
  })

  it('the same event 100 times changes the portal once; its own write does not come back as an event', async () => {
    const { state, handler } = await guarded()
    await move(10, 'C1:PREPAYMENT_INVOICE', 2)
    const [d, ...rest] = await drain(state)
    expect(rest).toEqual([])
    const before = writes('crm.deal.update')
    for (let i = 0; i < 100; i++) await handler(d!)
    expect(writes('crm.deal.update') - before).toBe(1)
    expect(commentsOn(10)).toHaveLength(1)
    expect(portal.store.notifications).toHaveLength(1)
    expect(await drain(state)).toEqual([]) // the move back was the app's own: not queued to it
  }, 60_000)

  it('a failure half-way resumes at the step it stopped: moved back once, commented once, then notified', async () => {
    const { state, handler } = await guarded()
    await move(10, 'C1:PREPAYMENT_INVOICE', 2)
    const [d] = await drain(state)
    portal.setFaults({ forceStatus500: 'im.notify.personal.add' })
    await expect(handler(d!)).rejects.toThrow(/notifying user 2: INTERNAL/)
    expect(stageOf(10)).toBe('C1:PREPARATION') // moved back and commented
    expect(commentsOn(10)).toHaveLength(1)
    expect(portal.store.notifications).toEqual([])
    expect(state.dealStage(10)?.pendingKey).toBe(d!.id) // …and the deal stays claimed by this event
    portal.setFaults({ forceStatus500: null })
    const moves = writes('crm.deal.update')
    await handler(d!) // the queue's retry
    expect(writes('crm.deal.update')).toBe(moves)
    expect(commentsOn(10)).toHaveLength(1)
    expect(portal.store.notifications).toHaveLength(1)
    expect(state.dealStage(10)).toEqual({ stageId: 'C1:PREPARATION', pendingKey: null })
  })

  it('a deal the worker has never seen: its first event records the stage and judges nothing', async () => {
    const state = new StateStore(':memory:') // not primed
    const lines: string[] = []
    const handler = stageGuard({
      gateway,
      state,
      log: (l) => void lines.push(l),
      readDeal: sharedDealReads(gateway, state),
    })
    await move(9, 'C1:EXECUTING', 2)
    await deliver(handler, await drain(state))
    expect(stageOf(9)).toBe('C1:EXECUTING')
    expect(state.dealStage(9)?.stageId).toBe('C1:EXECUTING')
    expect(lines).toContain('stage guard: deal 9 first seen at C1:EXECUTING')
  })

  it('a portal administrator named nowhere in salesflow.roles is judged as admin (user.admin), not by department', async () => {
    // The install's roles: nobody named, no department mapped, everybody else a viewer.
    portal.store.appOptions['salesflow.roles'] = JSON.stringify({ users: {}, departments: {}, fallback: 'viewer' })
    const { state, handler, lines } = await guarded()
    await move(9, 'C1:PREPARATION', 1) // the administrator: sales moves, admin included
    await deliver(handler, await drain(state))
    expect(stageOf(9)).toBe('C1:PREPARATION')
    expect(lines).toContain('stage guard: deal 9 C1:NEW → C1:PREPARATION allowed for admin')
    await move(8, 'C1:PREPARATION', 2) // the same move by the manager, a viewer under these roles: moved back
    await deliver(handler, await drain(state))
    expect(stageOf(8)).toBe('C1:NEW')
  })
})
