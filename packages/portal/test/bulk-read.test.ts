import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ok } from '@salesflow/rules'
import type { BatchAnswers, Command, PortalClient, RestAnswer } from '../src'
import { PAGE_SIZE, planChainedPages, portalError, readAll } from '../src'
import type { Result } from '@salesflow/rules'
import type { PortalError } from '../src'

/** A fake portal list: resolves `$result[pK][49][ID]` like the server and pages by `>ID`, 50 rows, start -1 or 0. */
function fakeClient(ids: readonly number[], failPage?: string, counts = true): PortalClient & { batchSizes: number[] } {
  const batchSizes: number[] = []
  const client = {
    batchSizes,
    stats: { roundTrips: 0, calls: 0, batches: 0, batchCommands: 0 },
    b24: undefined as never,
    call: (async () => ok({ result: [], total: 0 })) as PortalClient['call'],
    async batch(commands: Readonly<Record<string, Command>>): Promise<Result<BatchAnswers, PortalError>> {
      batchSizes.push(Object.keys(commands).length)
      const results: Record<string, unknown[]> = {}
      const out: Record<string, Result<RestAnswer, PortalError>> = {}
      for (const [name, c] of Object.entries(commands)) {
        if (name === failPage) {
          out[name] = { ok: false, error: portalError('OPERATION_TIME_LIMIT', { method: c.method }) }
          continue
        }
        const params = c.params as { filter: Record<string, unknown>; start: number }
        let after = params.filter['>ID']
        if (typeof after === 'string') {
          const m = /^\$result\[(\w+)\]\[(\d+)\]\[ID\]$/.exec(after)!
          after = (results[m[1]!]?.[Number(m[2])] as { ID: string } | undefined)?.ID ?? '' // missing → '' like the server
        }
        const matching = ids.filter((id) => after === '' || id > Number(after))
        const rows = matching.slice(0, PAGE_SIZE).map((id) => ({ ID: String(id) }))
        results[name] = rows
        out[name] = ok({ result: rows, total: params.start === 0 && counts ? matching.length : 0 })
      }
      return ok(out)
    },
  }
  return client
}

const mapRow = (row: unknown) => ok(Number((row as { ID: string }).ID))
const spec = { method: 'crm.deal.list', params: { filter: { CATEGORY_ID: 1 } }, idKey: 'ID' }

describe('planChainedPages', () => {
  it('chains each page to the last row of the previous one, ID ascending, without counting', () => {
    const plan = planChainedPages(spec, 700, 3)
    expect(Object.keys(plan)).toEqual(['p0', 'p1', 'p2'])
    expect(plan.p0!.params).toEqual({ filter: { CATEGORY_ID: 1, '>ID': 700 }, order: { ID: 'ASC' }, start: -1 })
    expect(plan.p2!.params).toMatchObject({ filter: { CATEGORY_ID: 1, '>ID': '$result[p1][49][ID]' }, start: -1 })
  })

  it('reaches into wrapped answers (crm.item.list items)', () => {
    const plan = planChainedPages({ method: 'crm.item.list', idKey: 'id', itemsKey: 'items' }, 0, 2, true)
    expect(plan.p0!.params).toMatchObject({ start: 0 })
    expect(plan.p1!.params).toMatchObject({ filter: { '>id': '$result[p0][items][49][id]' } })
  })
})

describe('readAll', () => {
  it('reads 10,000 records in 5 round trips: the counted first page, then exactly the 199 pages left', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => i + 1)
    const c = fakeClient(ids)
    const r = await readAll(c, spec, mapRow)
    expect(r.ok && r.value.records.length).toBe(10_000)
    expect(c.batchSizes).toEqual([1, 50, 50, 50, 49])
  })

  it('plans from the first page’s total: a short list costs one sub-command, not 50 chained pages', async () => {
    const c = fakeClient([3, 8])
    const r = await readAll(c, spec, mapRow)
    expect(r.ok && r.value.records).toEqual([3, 8])
    expect(c.batchSizes).toEqual([1])
    const c2 = fakeClient(Array.from({ length: 120 }, (_, i) => i + 1))
    await readAll(c2, spec, mapRow)
    expect(c2.batchSizes).toEqual([1, 2])
  })

  it('needs one more round trip to see the end without counting', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => i + 1)
    const r = await readAll(fakeClient(ids), spec, mapRow, { count: false })
    expect(r.ok && r.value.roundTrips).toBe(5)
  })

  it('returns every record once, in id order, for any size and gaps (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 3_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        async (raw, pagesPerBatch, count) => {
          const ids = [...raw].sort((a, b) => a - b)
          const c = fakeClient(ids)
          const r = await readAll(c, spec, mapRow, { pagesPerBatch, count })
          expect(r.ok).toBe(true)
          if (!r.ok) return
          expect(r.value.records).toEqual(ids)
          const perTrip = pagesPerBatch * PAGE_SIZE
          const expected = count
            ? 1 + Math.ceil(Math.max(0, ids.length - PAGE_SIZE) / perTrip)
            : Math.floor(ids.length / perTrip) + 1
          expect(r.value.roundTrips).toBe(expected)
          expect(c.batchSizes.every((n) => n <= 50)).toBe(true)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('does not stop early when a method answers total 0 although it returned rows', async () => {
    const ids = Array.from({ length: 2_600 }, (_, i) => i + 1)
    const r = await readAll(fakeClient(ids, undefined, false), spec, mapRow)
    expect(r.ok && r.value.records.length).toBe(2_600)
  })

  it('plans exactly from a count the caller already has (a card’s first page), with no counting round trip', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => i + 1)
    const c = fakeClient(ids)
    const r = await readAll(c, spec, mapRow, { afterId: 50, total: 250 })
    expect(r.ok && r.value.records).toEqual(ids.slice(50))
    expect(c.batchSizes).toEqual([5])
  })

  it('continues after a given id', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => i + 1)
    const r = await readAll(fakeClient(ids), spec, mapRow, { afterId: 250 })
    expect(r.ok && r.value.records).toEqual(ids.slice(250))
  })

  it('stops at `limit` without requesting more pages than needed', async () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => i + 1)
    const c = fakeClient(ids)
    const r = await readAll(c, spec, mapRow, { limit: 120 })
    expect(r.ok && r.value.records).toEqual(ids.slice(0, 120))
    expect(c.batchSizes).toEqual([3])
  })

  it('returns the first failing page’s error and no partial list', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => i + 1)
    const r = await readAll(fakeClient(ids, 'p3'), spec, mapRow)
    expect(r).toMatchObject({ ok: false, error: { code: 'OPERATION_TIME_LIMIT' } })
  })

  it('names a bad row by its position', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => i + 1)
    const r = await readAll(fakeClient(ids), spec, (row: unknown) =>
      (row as { ID: string }).ID === '55'
        ? { ok: false as const, error: portalError('VALIDATION', { field: 'crm.deal.list[54].OPPORTUNITY' }) }
        : mapRow(row),
    )
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'crm.deal.list[54].OPPORTUNITY' } })
  })
})
