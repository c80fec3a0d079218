import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useLeadStore } from '../src/stores/useLeadStore'
import { openLeadTab, startPortal } from './session'

const env = startPortal('demo')
const { portal } = env
beforeEach(() => portal.reset())
afterEach(() => portal.reset())
afterAll(() => env.stop())

const MANAGER = 2
const VIEWER = 5

/** A lead at `status` of the demo seed. */
const seedLead = (status: string) => [...portal.store.leads.values()].find((l) => l.stageId === status)!.id

async function loaded(leadId: number, userId = MANAGER) {
  const tab = await openLeadTab(portal, leadId, userId)
  const lead = tab.run(() => useLeadStore())
  await lead.load()
  return { tab, lead }
}

describe('the lead tab store', () => {
  it('opens in one round trip with the verdict and the manager moves', async () => {
    const id = seedLead('IN_PROCESS')
    portal.log.length = 0
    const { lead } = await loaded(id)
    expect(portal.log.filter((l) => l.transport === 'http')).toHaveLength(1)
    expect(lead.status).toBe('ready')
    expect(lead.opened?.stage).toBe('inWork')
    expect(lead.opened?.moves.map((m) => m.event)).toEqual(['QUALIFY', 'DISQUALIFY'])
  })

  it('qualifies: the deal is created, the card re-read and the deal opened in the slider', async () => {
    const id = seedLead('IN_PROCESS')
    const { tab, lead } = await loaded(id)
    lead.request('QUALIFY')
    await expect.poll(() => lead.opened?.stage).toBe('qualified')
    const deal = [...portal.store.deals.values()].find((d) => d.leadId === id)!
    expect(lead.opened?.deal?.id).toBe(deal.id)
    expect(tab.frameCalls).toContain(`openPath /crm/deal/details/${deal.id}/`)
  })

  it('unqualify opens the reason form first, then writes the reason', async () => {
    const id = seedLead('IN_PROCESS')
    const { lead } = await loaded(id)
    lead.request('DISQUALIFY')
    expect(lead.pending).toBe('DISQUALIFY')
    await lead.run('DISQUALIFY', { reason: 'duplicate' })
    expect(lead.pending).toBeNull()
    expect(lead.opened?.stage).toBe('unqualified')
    expect(portal.store.leads.get(id)?.uf['UF_CRM_SF_JUNK']).toBe('duplicate')
  })

  it('a viewer sees the verdict but every move is refused, and nothing is written', async () => {
    const id = seedLead('IN_PROCESS')
    const { lead } = await loaded(id, VIEWER)
    expect(lead.opened?.explanation.ok).toBe(true)
    expect(lead.opened?.moves.every((m) => !m.allowed.ok)).toBe(true)
    await lead.run('QUALIFY', { direction: 'sales' })
    expect(lead.moveError?.code).toBe('ROLE_NOT_ALLOWED')
    expect([...portal.store.deals.values()].some((d) => d.leadId === id)).toBe(false)
  })
})
