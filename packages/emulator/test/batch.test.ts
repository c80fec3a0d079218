import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call } from './rest'

const portal = createPortal({ faults: { rateLimit: false } })

interface BatchResult {
  result: unknown
  result_error: unknown
  result_total: unknown
  result_next: unknown
  result_time: unknown
}
const batch = async (params: Record<string, unknown>): Promise<BatchResult> => {
  const r = await call(portal, 'batch', params)
  expect(r.status).toBe(200)
  return r.body['result'] as BatchResult
}

describe('batch', () => {
  it('substitutes $result references between commands', async () => {
    const r = await batch({
      halt: 0,
      cmd: {
        user: 'user.current',
        department: 'department.get?ID=$result[user][UF_DEPARTMENT][0]',
        deal: 'crm.deal.get?id=16',
        rows: 'crm.deal.productrows.get?id=$result[deal][ID]',
        // keys are URL-encoded as qs does (an unencoded '=' in a key would end it, in PHP too)
        invoices: `crm.item.list?entityTypeId=31&${encodeURIComponent('filter[=parentId2]')}=$result[deal][ID]&select[0]=id&select[1]=parentId2`,
      },
    })
    const result = r.result as Record<string, unknown>
    expect((result['department'] as { NAME: string }[])[0]?.NAME).toBe('ООО «Техностром»')
    expect((result['rows'] as { OWNER_ID: string }[]).every((row) => row.OWNER_ID === '16')).toBe(true)
    expect((result['invoices'] as { items: { parentId2: number }[] }).items.map((i) => i.parentId2)).toEqual([16])
    expect(r.result_error).toEqual([]) // an empty PHP map serialises as []
    expect(r.result_total).toEqual({ department: 1, invoices: 1 })
    expect(Object.keys(r.result_time as object)).toEqual(['user', 'department', 'deal', 'rows', 'invoices'])
  })

  it('takes cmd as an array and answers with lists', async () => {
    const r = await batch({ cmd: ['crm.currency.base.get', 'crm.deal.get?id=1'] })
    expect(Array.isArray(r.result)).toBe(true)
    expect((r.result as unknown[])[0]).toBe('RUB')
  })

  it('collects errors per command, or stops at the first with halt=1', async () => {
    const cmd = { a: 'crm.deal.get?id=999999', b: 'no.such.method', c: 'crm.currency.base.get' }
    const all = await batch({ halt: 0, cmd })
    expect(all.result_error).toEqual({
      a: { error: '', error_description: 'Not found' },
      b: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' },
    })
    expect(all.result).toEqual({ c: 'RUB' })
    const halted = await batch({ halt: 1, cmd })
    expect(Object.keys(halted.result_error as object)).toEqual(['a'])
    expect(halted.result).toEqual([])
  })

  it('refuses nested batches and more than 50 commands', async () => {
    const nested = await batch({ cmd: { inner: 'batch?cmd[0]=profile' } })
    expect((nested.result_error as Record<string, { error: string }>)['inner']?.error).toBe(
      'ERROR_BATCH_METHOD_NOT_ALLOWED',
    )
    const many = await batch({ halt: 0, cmd: Array.from({ length: 51 }, () => 'crm.currency.base.get') })
    expect((many.result as unknown[]).length).toBe(50)
    expect(many.result_error).toEqual({
      50: { error: 'ERROR_BATCH_LENGTH_EXCEEDED', error_description: 'Max batch length exceeded' },
    })
  })

  it('is one round trip in the log, with each command logged as a batch sub-entry', async () => {
    portal.log.length = 0
    await batch({ cmd: { a: 'profile', b: 'crm.deal.get?id=2' } })
    expect(portal.log.map((l) => [l.method, l.transport])).toEqual([
      ['profile', 'batch'],
      ['crm.deal.get', 'batch'],
      ['batch', 'http'],
    ])
  })
})

describe('batch $result references to a missing key (the portal core: never a silent "")', () => {
  const deal = [...portal.store.deals.values()].find((d) => d.categoryId === 1)!

  it('a whole-value reference takes the deepest node it reached, so the method refuses it loudly', async () => {
    const r = await batch({
      halt: 0,
      cmd: {
        deal: `crm.deal.get?id=${deal.id}`,
        stages: 'crm.status.list?filter[ENTITY_ID]=$result[deal][NO_SUCH_KEY]',
        company: 'crm.company.get?id=$result[nowhere][COMPANY_ID]',
      },
    })
    expect(r.result_error).toEqual({
      stages: { error: '', error_description: 'Invalid parameters.' },
      company: { error: '', error_description: 'ID is not defined or invalid' },
    })
  })

  it('a reference inside a longer value is replaced by a found scalar, and left as text when missing', async () => {
    const r = await batch({
      halt: 0,
      cmd: {
        deal: `crm.deal.get?id=${deal.id}`,
        funnel: 'crm.status.list?filter[ENTITY_ID]=DEAL_STAGE_$result[deal][CATEGORY_ID]',
        missing: 'crm.status.list?filter[ENTITY_ID]=DEAL_STAGE_$result[deal][NO_SUCH_KEY]',
      },
    })
    const result = r.result as Record<string, { ENTITY_ID: string }[]>
    expect(result['funnel']!.length).toBeGreaterThan(0)
    expect(new Set(result['funnel']!.map((s) => s.ENTITY_ID))).toEqual(new Set(['DEAL_STAGE_1']))
    expect(result['missing']).toEqual([]) // ENTITY_ID "DEAL_STAGE_$result[deal][NO_SUCH_KEY]" matches nothing
  })
})

describe('crm.status.list filter semantics (exact ENTITY_ID, as the core reads it)', () => {
  const list = async (filter: Record<string, unknown>) =>
    (await call(portal, 'crm.status.list', { filter })).body['result'] as { ENTITY_ID: string }[]

  it('ENTITY_ID is exact: DEAL_STAGE is the default funnel only, not DEAL_STAGE_1', async () => {
    const rows = await list({ ENTITY_ID: 'DEAL_STAGE' })
    expect(rows.length).toBe(portal.store.statuses.filter((s) => s.entityId === 'DEAL_STAGE').length)
    expect(rows.every((s) => s.ENTITY_ID === 'DEAL_STAGE')).toBe(true)
  })

  it('ignores %ENTITY_ID (no LIKE here): the answer is every status, as without a filter', async () => {
    expect((await list({ '%ENTITY_ID': 'DEAL_STAGE' })).length).toBe(portal.store.statuses.length)
  })
})
