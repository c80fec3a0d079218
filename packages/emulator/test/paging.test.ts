import { describe, expect, it } from 'vitest'
import { createPortal, seedDeals } from '../src/index'
import { call } from './rest'

const portal = createPortal({ faults: { rateLimit: false } })
seedDeals(portal, 100) // 30 demo deals + 100 = 130
const total = portal.store.deals.size

describe('list paging (50 per page, next/total)', () => {
  it('has the 130 deals the table assumes', () => expect(total).toBe(130))

  it.each([
    [0, 50, 50],
    [50, 50, 100],
    [100, 30, undefined],
  ])('crm.deal.list start=%i returns %i rows and next=%s', async (start, count, next) => {
    const { body } = await call(portal, 'crm.deal.list', { select: ['ID'], order: { ID: 'ASC' }, start })
    expect(body['result']).toHaveLength(count)
    expect(body['total']).toBe(total)
    expect(body['next']).toBe(next)
    expect((body['result'] as { ID: string }[])[0]?.ID).toBe(String(start + 1))
  })

  it('start=-1 gives the top 50 without counting: total 0 and no next', async () => {
    const { body } = await call(portal, 'crm.item.list', {
      entityTypeId: 2,
      order: { id: 'ASC' },
      filter: { '>id': 40 },
      start: -1,
    })
    const items = (body['result'] as { items: { id: number }[] }).items
    expect(items).toHaveLength(50)
    expect(items[0]?.id).toBe(41)
    expect(body['total']).toBe(0)
    expect('next' in body).toBe(false)
  })

  it('the fast "ID >" scan visits every deal exactly once', async () => {
    const seen: number[] = []
    let last = 0
    for (;;) {
      const { body } = await call(portal, 'crm.item.list', {
        entityTypeId: 2,
        select: ['id'],
        order: { id: 'ASC' },
        filter: { '>id': last },
        start: -1,
      })
      const items = (body['result'] as { items: { id: number }[] }).items
      seen.push(...items.map((i) => i.id))
      if (items.length < 50) break
      last = items[items.length - 1]?.id ?? last
    }
    expect(seen).toEqual([...portal.store.deals.keys()].sort((a, b) => a - b))
  })

  it('crm.status.list has no paging: every match with total', async () => {
    const { body } = await call(portal, 'crm.status.list', {
      filter: { ENTITY_ID: 'DEAL_STAGE_1' },
      order: { SORT: 'ASC' },
    })
    expect((body['result'] as { STATUS_ID: string }[]).map((s) => s.STATUS_ID)).toEqual([
      'C1:NEW',
      'C1:PREPARATION',
      'C1:PREPAYMENT_INVOICE',
      'C1:EXECUTING',
      'C1:FINAL_INVOICE',
      'C1:WON',
      'C1:LOSE',
    ])
    expect(body['total']).toBe(7)
  })

  it('every answer carries the time object', async () => {
    const { body } = await call(portal, 'crm.currency.base.get')
    expect(body['result']).toBe('RUB')
    expect(Object.keys(body['time'] as object).sort()).toEqual(
      [
        'date_finish',
        'date_start',
        'duration',
        'finish',
        'operating',
        'operating_reset_at',
        'processing',
        'start',
      ].sort(),
    )
  })
})
