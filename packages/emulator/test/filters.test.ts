import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call } from './rest'

const portal = createPortal({ faults: { rateLimit: false } })
const deals = [...portal.store.deals.values()]

const ids = async (filter: Record<string, unknown>): Promise<number[]> => {
  const { body } = await call(portal, 'crm.deal.list', { filter, select: ['ID'], order: { ID: 'ASC' } })
  return (body['result'] as { ID: string }[]).map((r) => Number(r.ID))
}
const expected = (pred: (d: (typeof deals)[number]) => boolean): number[] => deals.filter(pred).map((d) => d.id)
const amount = (d: (typeof deals)[number]): number => Number(d.opportunity)

describe('legacy list filters with prefixes', () => {
  it.each<[string, Record<string, unknown>, (d: (typeof deals)[number]) => boolean]>([
    ['plain equality', { CATEGORY_ID: 1 }, (d) => d.categoryId === 1],
    ['=', { '=STAGE_ID': 'C2:WON' }, (d) => d.stageId === 'C2:WON'],
    ['!', { '!CATEGORY_ID': 0 }, (d) => d.categoryId !== 0],
    ['>', { '>OPPORTUNITY': 1500000 }, (d) => amount(d) > 1500000],
    [
      '>= and <=',
      { '>=OPPORTUNITY': 1000000, '<=OPPORTUNITY': 2000000 },
      (d) => amount(d) >= 1000000 && amount(d) <= 2000000,
    ],
    ['<', { '<ID': 5 }, (d) => d.id < 5],
    ['@ (IN)', { '@STAGE_ID': ['C1:NEW', 'C1:WON'] }, (d) => ['C1:NEW', 'C1:WON'].includes(d.stageId)],
    ['!@ (NOT IN)', { '!@CATEGORY_ID': [0, 1] }, (d) => d.categoryId === 2],
    ['% (substring, any case)', { '%TITLE': 'пт-500' }, (d) => d.title.toLowerCase().includes('пт-500')],
    ['=% (explicit pattern)', { '=%TITLE': 'Платформа ПТ-2%' }, (d) => d.title.startsWith('Платформа ПТ-2')],
    ['!% (not like)', { '!%TITLE': 'ПТ-1000' }, (d) => !d.title.includes('ПТ-1000')],
    ['UF field', { UF_CRM_SF_PRICED: 'Y' }, (d) => d.uf['UF_CRM_SF_PRICED'] === 'Y'],
  ])('%s', async (_name, filter, pred) => {
    const want = expected(pred)
    expect(want.length).toBeGreaterThan(0) // the seed must make the case meaningful
    expect(await ids(filter)).toEqual(want)
  })
})

describe('field names are case-sensitive, as on the portal', () => {
  it('a lower-case legacy filter key is not CATEGORY_ID', async () => {
    expect(expected((d) => d.categoryId === 2).length).toBeGreaterThan(0)
    expect(await ids({ category_id: 2 })).toEqual([])
    expect(await ids({ CATEGORY_ID: 2 })).toEqual(expected((d) => d.categoryId === 2))
  })

  it('crm.item.list: =PARENTID2 does not match parentId2', async () => {
    const list = async (filter: Record<string, unknown>) =>
      (
        (await call(portal, 'crm.item.list', { entityTypeId: 31, filter, select: ['id'] })).body['result'] as {
          items: { id: number }[]
        }
      ).items.map((i) => i.id)
    const dealId = [...portal.store.invoices.values()].find((i) => i.parentId2)!.parentId2
    const parented = [...portal.store.invoices.values()].filter((i) => i.parentId2 === dealId).map((i) => i.id)
    expect(await list({ '=parentId2': dealId })).toEqual(parented)
    expect(await list({ '=PARENTID2': dealId })).toEqual([])
  })

  it('crm.deal.update ignores stage_id (unknown field) and moves the deal with STAGE_ID', async () => {
    const deal = [...portal.store.deals.values()].find((d) => d.categoryId === 0 && d.stageId !== 'PREPARATION')!
    const before = deal.stageId
    const r = await call(portal, 'crm.deal.update', { id: deal.id, fields: { stage_id: 'PREPARATION' } })
    expect(r.body['result']).toBe(true)
    expect(portal.store.deals.get(deal.id)?.stageId).toBe(before)
    await call(portal, 'crm.deal.update', { id: deal.id, fields: { STAGE_ID: 'PREPARATION' } })
    expect(portal.store.deals.get(deal.id)?.stageId).toBe('PREPARATION')
  })
})

describe('crm.item.list filters', () => {
  it('supports nested OR groups and IN by array', async () => {
    const filter = {
      '0': { logic: 'OR', '0': { '=stageId': 'DT31_2:P' }, '1': { '=stageId': 'DT31_2:D' } },
      '>opportunity': 0,
    }
    const { body } = await call(portal, 'crm.item.list', { entityTypeId: 31, filter, select: ['id', 'stageId'] })
    const items = (body['result'] as { items: { stageId: string }[] }).items
    expect(items.length).toBeGreaterThan(0)
    expect(new Set(items.map((i) => i.stageId))).toEqual(new Set(['DT31_2:P', 'DT31_2:D']))
    const inList = await call(portal, 'crm.item.list', {
      entityTypeId: 2,
      filter: { categoryId: [0, 2] },
      select: ['id'],
    })
    expect((inList.body['result'] as { items: unknown[] }).items).toHaveLength(
      deals.filter((d) => d.categoryId !== 1).length,
    )
  })
})

describe('select', () => {
  it('legacy "*" has no UF fields, "UF_*" has only them, the default has both; ID always comes back', async () => {
    const star = await call(portal, 'crm.deal.list', { select: ['*'], filter: { ID: 12 } })
    const row = (star.body['result'] as Record<string, unknown>[])[0] ?? {}
    expect(row['TITLE']).toBeTypeOf('string')
    expect(Object.keys(row).some((k) => k.startsWith('UF_'))).toBe(false)
    const uf = await call(portal, 'crm.deal.list', { select: ['UF_*'], filter: { ID: 12 } })
    expect(Object.keys((uf.body['result'] as object[])[0] ?? {}).filter((k) => !k.startsWith('UF_'))).toEqual(['ID'])
    const both = await call(portal, 'crm.deal.list', { filter: { ID: 12 } })
    const keys = Object.keys((both.body['result'] as object[])[0] ?? {})
    expect(keys).toContain('UF_CRM_SF_DIRECTION')
    expect(keys).toContain('STAGE_SEMANTIC_ID')
  })

  it('legacy rows are UPPER_CASE strings, crm.item rows camelCase typed', async () => {
    const legacy = (await call(portal, 'crm.deal.get', { id: 12 })).body['result'] as Record<string, unknown>
    expect(legacy['ID']).toBe('12')
    expect(legacy['CATEGORY_ID']).toBe('1')
    expect(legacy['OPPORTUNITY']).toMatch(/^\d+\.\d{2}$/)
    const item = (
      (await call(portal, 'crm.item.get', { entityTypeId: 2, id: 12 })).body['result'] as {
        item: Record<string, unknown>
      }
    ).item
    expect(item['id']).toBe(12)
    expect(item['categoryId']).toBe(1)
    expect(item['opportunity']).toBe(Number(legacy['OPPORTUNITY']))
    expect(item['ufCrmSfDirection']).toBe(legacy['UF_CRM_SF_DIRECTION'])
    const original = (
      (await call(portal, 'crm.item.get', { entityTypeId: 2, id: 12, useOriginalUfNames: 'Y' })).body['result'] as {
        item: Record<string, unknown>
      }
    ).item
    expect(original['UF_CRM_SF_DIRECTION']).toBe(legacy['UF_CRM_SF_DIRECTION'])
  })

  it('crm.item.list select picks the named fields (and id)', async () => {
    const { body } = await call(portal, 'crm.item.list', {
      entityTypeId: 31,
      select: ['title', 'parentId2'],
      filter: { id: 1 },
    })
    expect(Object.keys((body['result'] as { items: object[] }).items[0] ?? {}).sort()).toEqual([
      'id',
      'parentId2',
      'title',
    ])
  })
})
