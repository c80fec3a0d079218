import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Portal } from '@salesflow/emulator'
import type { EventRepository, QueryObject } from '@salesflow/portal'
import type { PortalGateway } from '@salesflow/usecases'
import { drainOffline } from '../src/intake/offline'
import type { EventMessage } from '../src/intake/events'
import { StateStore } from '../src/state'
import { primeDealStages, stageGuard } from '../src/actions/stage-guard'
import { publishDeal } from '../src/actions/publish-deal'
import { invoiceOnStage } from '../src/actions/invoice-on-stage'
import { actionContext, type ActionContext } from '../src/actions/table'
import { OutboxPublisher } from '../src/queue/outbox'
import { MemoryQueue } from '../src/queue/memory'
import type { Delivery } from '../src/queue/types'
import { freshAppGateway, startPortal, webhookClient } from './support/portal'

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

async function update(dealId: number, fields: QueryObject): Promise<void> {
  expect((await webhookClient(portal, 2).call('crm.deal.update', { id: dealId, fields })).ok).toBe(true)
}

/** The change just made, as the queue delivers it. */
async function drainOne(state: StateStore): Promise<Delivery> {
  const out: EventMessage[] = []
  expect((await drainOffline({ events, state, enqueue: (m) => void out.push(m), log: () => undefined })).queued).toBe(1)
  return { id: out[0]!.key, routingKey: out[0]!.routingKey, body: out[0]!.body, attempt: 1 }
}

/** Card reads of a deal so far (the card batch and generateInvoice's read each have one crm.deal.get). */
const dealReads = () => portal.log.filter((l) => l.method === 'crm.deal.get').length

async function context(): Promise<{ ctx: ActionContext; lines: string[] }> {
  const state = new StateStore(':memory:')
  await primeDealStages(gateway, state)
  const lines: string[] = []
  const publisher = new OutboxPublisher(new MemoryQueue(state), state)
  return { ctx: actionContext({ gateway, state, publisher, log: (l) => void lines.push(l) }), lines }
}

describe('one card read per deal event, shared by the deal actions', () => {
  it('the stage guard, the publisher and the invoice action read a deal event once; a retry reads again', async () => {
    const { ctx } = await context()
    await update(9, { STAGE_ID: 'C1:PREPARATION' })
    const d = await drainOne(ctx.state)
    const before = dealReads()
    await Promise.all([stageGuard(ctx)(d), publishDeal(ctx)(d), invoiceOnStage(ctx)(d)])
    expect(dealReads() - before).toBe(1)
    expect(ctx.state.dealStage(9)?.stageId).toBe('C1:PREPARATION') // judged from the shared card
    expect(ctx.state.pending().map((m) => m.routingKey)).toContain('masterdata.deal') // published from it
    await ctx.readDeal({ ...d, attempt: 2 }, 9)
    expect(dealReads() - before).toBe(2)
  })

  it('a card read before the guard moved the deal back is not used to judge it again', async () => {
    const { ctx, lines } = await context()
    await update(10, { STAGE_ID: 'C1:PREPAYMENT_INVOICE' }) // forbidden: the configuration is a draft
    const forbidden = await drainOne(ctx.state)
    await update(10, { COMMENTS: 'still there' })
    const later = await drainOne(ctx.state)
    await publishDeal(ctx)(later) // reads the later event's card: the deal still at the forbidden stage
    await stageGuard(ctx)(forbidden) // moves it back
    expect(portal.store.deals.get(10)?.stageId).toBe('C1:PREPARATION')
    const before = dealReads()
    await stageGuard(ctx)(later) // must read again: the shared card shows the stage the deal was moved back from
    expect(dealReads() - before).toBe(1)
    expect([...portal.store.comments.values()].filter((c) => c.entityId === 10)).toHaveLength(1)
    expect(portal.store.notifications).toHaveLength(1)
    expect(lines.filter((l) => l.includes('refused'))).toHaveLength(1)
  })
})
