import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { listItemId } from '@salesflow/emulator'
import { createRepositories } from '../src'
import { roundTrips, startPortal, webhookClient } from './support/harness'

const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const repos = (userId = 2) => createRepositories(webhookClient(portal, userId))

describe('deals.update across funnels', () => {
  it('moves a deal to the next funnel through crm.item.update, with the fields asked for', async () => {
    portal.log.length = 0
    const express = listItemId(portal.store, 'CRM_DEAL', 'UF_CRM_SF_URGENCY', 'express')!
    const r = await repos().deals.update(4, { STAGE_ID: 'C1:NEW', CATEGORY_ID: 1, UF_CRM_SF_URGENCY: express })
    expect(r.ok).toBe(true)
    expect(portal.log.map((l) => l.method)).toEqual(['crm.item.update'])
    expect(await repos().deals.get(4)).toMatchObject({ ok: true, value: { categoryId: 1, stageId: 'C1:NEW' } })
    expect(portal.store.deals.get(4)?.uf['UF_CRM_SF_URGENCY']).toBe(express)
  })

  it('keeps crm.deal.update for moves inside a funnel', async () => {
    portal.log.length = 0
    expect((await repos().deals.update(4, { STAGE_ID: 'WON' })).ok).toBe(true)
    expect(portal.log.map((l) => l.method)).toEqual(['crm.deal.update'])
  })
})

describe('clients.search', () => {
  it('finds companies by title and contacts by first or last name in one round trip', async () => {
    portal.log.length = 0
    const r = await repos().clients.search('  ИВАН ')
    expect(roundTrips(portal)).toBe(1)
    if (!r.ok) throw new Error(r.error.code)
    expect(r.value.contacts).toEqual([{ kind: 'contact', id: 1, name: 'Алексей Иванов', companyId: 1 }])
    const companies = await repos().clients.search('склад')
    expect(companies.ok && companies.value.companies.map((c) => c.name)).toEqual([
      'АО «ТрансСклад»',
      'ООО «Сибирские склады»',
    ])
  })

  it('does not ask the portal for fewer than two characters', async () => {
    portal.log.length = 0
    expect(await repos().clients.search(' и ')).toEqual({ ok: true, value: { companies: [], contacts: [] } })
    expect(portal.log).toHaveLength(0)
  })
})
