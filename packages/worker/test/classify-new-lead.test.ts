import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { listItemId, type Portal } from '@salesflow/emulator'
import { DEFAULT_LEAD_RULES } from '@salesflow/rules'
import { type EventRepository, type QueryObject } from '@salesflow/portal'
import type { PortalGateway } from '@salesflow/usecases'
import { drainOffline } from '../src/intake/offline'
import type { EventMessage } from '../src/intake/events'
import { StateStore } from '../src/state'
import { classifyNewLead } from '../src/actions/classify-new-lead'
import { actionContext } from '../src/actions/table'
import { OutboxPublisher } from '../src/queue/outbox'
import { MemoryQueue } from '../src/queue/memory'
import type { Delivery } from '../src/queue/types'
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
  ;({ gateway, events } = await freshAppGateway(portal, 'ONCRMLEADADD'))
})

/** A manager adds a lead from their own credentials (so the app gets the event). */
async function addLead(fields: QueryObject): Promise<number> {
  const r = await webhookClient(portal, 2).call('crm.lead.add', { fields })
  if (!r.ok) throw new Error(r.error.code)
  return Number(r.value.result)
}

async function drain(state: StateStore): Promise<Delivery[]> {
  const out: EventMessage[] = []
  const r = await drainOffline({ events, state, enqueue: (m) => void out.push(m), log: () => undefined })
  expect(r.error).toBeUndefined()
  return out.map((m) => ({ id: m.key, routingKey: m.routingKey, body: m.body, attempt: 1 }))
}

function classifier() {
  const state = new StateStore(':memory:')
  const lines: string[] = []
  const publisher = new OutboxPublisher(new MemoryQueue(state), state, () => undefined)
  const handler = classifyNewLead(actionContext({ gateway, state, publisher, log: (l) => void lines.push(l) }))
  return { state, lines, handler }
}

const commentsOn = (id: number) =>
  [...portal.store.comments.values()].filter((c) => c.entityType === 'lead' && c.entityId === id)
/** The lead direction list's item ID for a code, as the portal stores the value. */
const directionItem = (code: string) => listItemId(portal.store, 'CRM_LEAD', 'UF_CRM_SF_DIRECTION', code)
const BIG = { TITLE: 'Линия под ключ', OPPORTUNITY: '5000000', CURRENCY_ID: 'RUB', PHONE: [{ VALUE: '+7 900 1' }] }

describe("a new lead is classified with the administrator's current rules", () => {
  it('writes the direction and a comment with the suggested stage, once for 100 replays', async () => {
    const { state, handler, lines } = classifier()
    const id = await addLead(BIG)
    const [d, ...more] = await drain(state)
    expect(more).toEqual([])
    expect(d?.routingKey).toBe('b24.lead.add')
    for (let i = 0; i < 100; i++) await handler(d!)
    expect(portal.store.leads.get(id)?.uf['UF_CRM_SF_DIRECTION']).toBe(directionItem('project'))
    const [comment, ...others] = commentsOn(id)
    expect(others).toEqual([])
    expect(comment?.comment).toContain('направление «project»')
    expect(comment?.comment).toContain('project-by-amount')
    expect(lines.filter((l) => l.startsWith(`lead ${id} classified: project`))).toHaveLength(1)
  }, 60_000)

  it('follows the rules the administrator saved (salesflow.leadRules), not the shipped ones', async () => {
    const rules = structuredClone(DEFAULT_LEAD_RULES) as { rules: { name: string; event: unknown }[] }
    const byAmount = rules.rules.find((r) => r.name === 'project-by-amount')!
    byAmount.event = { type: 'direction', params: { direction: 'service' } }
    portal.store.appOptions['salesflow.leadRules'] = JSON.stringify(rules)
    const { state, handler } = classifier()
    const id = await addLead(BIG)
    for (const d of await drain(state)) await handler(d)
    expect(portal.store.leads.get(id)?.uf['UF_CRM_SF_DIRECTION']).toBe(directionItem('service'))
  })

  it('a direction a person already chose stays; the verdict is only commented', async () => {
    const { state, handler } = classifier()
    const id = await addLead({ ...BIG, UF_CRM_SF_DIRECTION: directionItem('sales') })
    for (const d of await drain(state)) await handler(d)
    expect(portal.store.leads.get(id)?.uf['UF_CRM_SF_DIRECTION']).toBe(directionItem('sales'))
    expect(commentsOn(id)[0]?.comment).toContain('направление «project»')
  })

  it('a write the portal refused is retried whole; a write cut off before it was recorded is not sent again', async () => {
    const { state, handler, lines } = classifier()
    const id = await addLead(BIG)
    const [d] = await drain(state)
    portal.setFaults({ forceStatus500: 'crm.lead.update' })
    await expect(handler(d!)).rejects.toThrow(new RegExp(`lead ${id}`))
    portal.setFaults({ forceStatus500: null })
    expect(commentsOn(id)).toEqual([])
    await handler(d!) // the queue's retry
    expect(commentsOn(id)).toHaveLength(1)

    const other = await addLead(BIG)
    const [e] = await drain(state)
    expect(state.claimLeadVerdict(other, e!.id)).toBe(true) // as if the worker died right after sending
    await handler(e!)
    expect(commentsOn(other)).toEqual([])
    expect(lines).toContain(`lead ${other}: a verdict write was cut off; it may be on the lead and is not sent again`)
  })
})
