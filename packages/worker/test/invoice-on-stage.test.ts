import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Portal } from '@salesflow/emulator'
import { type EventRepository, type QueryObject } from '@salesflow/portal'
import type { PortalGateway } from '@salesflow/usecases'
import { drainOffline } from '../src/intake/offline'
import type { EventMessage } from '../src/intake/events'
import { StateStore } from '../src/state'
import { primeDealStages, stageGuard } from '../src/actions/stage-guard'
import { invoiceOnStage, stageInvoiceKey } from '../src/actions/invoice-on-stage'
import { actionContext } from '../src/actions/table'
import { OutboxPublisher } from '../src/queue/outbox'
import { MemoryQueue } from '../src/queue/memory'
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

async function update(dealId: number, fields: QueryObject, userId = 2): Promise<void> {
  const r = await webhookClient(portal, userId).call('crm.deal.update', { id: dealId, fields })
  expect(r.ok).toBe(true)
}

async function drain(state: StateStore): Promise<Delivery[]> {
  const out: EventMessage[] = []
  const r = await drainOffline({ events, state, enqueue: (m) => void out.push(m), log: () => undefined })
  expect(r.error).toBeUndefined()
  return out.map((m) => ({ id: m.key, routingKey: m.routingKey, body: m.body, attempt: 1 }))
}

const invoicesOf = (dealId: number) => [...portal.store.invoices.values()].filter((i) => i.parentId2 === dealId)
/** A Sale deal in «КП отправлено» (payment terms filled): a manager may move it to «Согласование и счёт». */
const offerSent = () =>
  [...portal.store.deals.values()].find((d) => d.stageId === 'C1:EXECUTING' && d.currencyId === 'RUB')!.id

/** The guard and the invoice action over one state, each event through the guard first (as its key is recorded). */
async function worker() {
  const state = new StateStore(':memory:')
  await primeDealStages(gateway, state)
  const lines: string[] = []
  const log = (l: string) => void lines.push(l)
  const publisher = new OutboxPublisher(new MemoryQueue(state), state, () => undefined)
  const context = actionContext({ gateway, state, publisher, log })
  const guard = stageGuard(context)
  const invoice = invoiceOnStage(context)
  const both: Handler = async (d) => {
    await guard(d)
    state.markProcessed('stage-guard', d.id)
    await invoice(d)
  }
  return { state, lines, guard, invoice, both }
}

describe('an invoice when a deal enters the invoice stage of the settings', () => {
  it('a legal move to «Согласование и счёт» issues one invoice for the whole deal', async () => {
    const { state, both, lines } = await worker()
    const id = offerSent()
    const amount = portal.store.deals.get(id)!.opportunity
    await update(id, { STAGE_ID: 'C1:FINAL_INVOICE' })
    for (const d of await drain(state)) await both(d)
    const [invoice, ...more] = invoicesOf(id)
    expect(more).toEqual([])
    expect(invoice?.opportunity).toBe(amount)
    expect(invoice?.uf['UF_CRM_SMART_INVOICE_SF_IDEMPOTENCY_KEY']).toBe(stageInvoiceKey(id, 'C1:FINAL_INVOICE'))
    expect(lines.some((l) => l.startsWith(`invoice on stage: deal ${id} invoiced: invoice ${invoice!.id}`))).toBe(true)
  })

  it('the same event 100 times, later changes at the stage and a change of the amount: still one invoice', async () => {
    const { state, both } = await worker()
    const id = offerSent()
    await update(id, { STAGE_ID: 'C1:FINAL_INVOICE' })
    const [d] = await drain(state)
    for (let i = 0; i < 100; i++) await both(d!)
    await update(id, { OPPORTUNITY: '1.00', COMMENTS: 'changed while at the stage' })
    for (const later of await drain(state)) await both(later)
    expect(invoicesOf(id)).toHaveLength(1)
  }, 240_000) // 100 replays, each re-reading the portal: slow on a loaded machine

  it('a forbidden move to the stage is moved back by the guard and issues nothing', async () => {
    const { state, both } = await worker()
    const id = [...portal.store.deals.values()].find((d) => d.stageId === 'C1:PREPAYMENT_INVOICE')!.id
    const before = invoicesOf(id).length
    await update(id, { STAGE_ID: 'C1:FINAL_INVOICE' }) // skips «КП отправлено»
    for (const d of await drain(state)) await both(d)
    expect(portal.store.deals.get(id)?.stageId).toBe('C1:PREPAYMENT_INVOICE')
    expect(invoicesOf(id)).toHaveLength(before)
  })

  it('a move the guard judged and did not accept (its revert under way) issues nothing', async () => {
    const { state, invoice, lines } = await worker()
    const id = [...portal.store.deals.values()].find((d) => d.stageId === 'C1:PREPAYMENT_INVOICE')!.id
    await update(id, { STAGE_ID: 'C1:FINAL_INVOICE' })
    const [d] = await drain(state)
    state.markProcessed('stage-guard', d!.id) // judged, but the stage it accepted is still the one before
    await invoice(d!)
    expect(invoicesOf(id).filter((i) => i.uf['UF_CRM_SMART_INVOICE_SF_IDEMPOTENCY_KEY'])).toEqual([])
    expect(lines).toContain(`invoice on stage: deal ${id} at C1:FINAL_INVOICE was not accepted by the stage guard`)
  })

  it('waits for the guard: an event it has not judged yet is retried, not invoiced', async () => {
    const { state, invoice } = await worker()
    const id = offerSent()
    await update(id, { STAGE_ID: 'C1:FINAL_INVOICE' })
    const [d] = await drain(state)
    await expect(invoice(d!)).rejects.toThrow(/waits for the stage guard's verdict/)
    expect(invoicesOf(id)).toEqual([])
  })

  it('invoices turned off in the settings (invoiceStage null): the stage issues nothing', async () => {
    const { state, both } = await worker()
    portal.store.appOptions['salesflow.worker'] = JSON.stringify({ invoiceStage: null })
    const id = offerSent()
    await update(id, { STAGE_ID: 'C1:FINAL_INVOICE' })
    for (const d of await drain(state)) await both(d)
    expect(invoicesOf(id)).toEqual([])
  })
})
