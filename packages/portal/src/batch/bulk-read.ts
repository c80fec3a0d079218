import { err, ok, type Result } from '@salesflow/rules'
import type { BatchAnswers, Command, PortalClient } from '../client'
import { MAX_BATCH } from '../client'
import { portalError, type PortalError } from '../errors'
import { ref, type QueryObject } from './query-string'

/** The portal's fixed page size for list methods (IRestService::LIST_LIMIT). */
export const PAGE_SIZE = 50

/** How to page one list method by id. */
export interface ListSpec {
  /** e.g. `crm.deal.list`, `crm.item.list`, `catalog.product.list`. */
  readonly method: string
  /** filter / select / entityTypeId…; `order` and `start` are set by the reader. */
  readonly params?: QueryObject
  /** The id key in each row: `ID` (legacy) or `id` (crm.item, catalog). */
  readonly idKey: string
  /** The key under `result` that holds the rows (`items`, `products`); absent when `result` is the array. */
  readonly itemsKey?: string
}

export interface BulkReadOptions {
  /** Pages chained in one batch (≤ 50). */
  readonly pagesPerBatch?: number
  /**
   * Let the first page count (`start=0` instead of -1) so the reader knows how many pages remain and plans
   * exactly that many: no trailing empty probe, no wasted sub-calls. Counting is cheap at salesflow's sizes;
   * switch it off on tables with millions of rows (the portal's docs measured 50 s versus 0.1 s).
   */
  readonly count?: boolean
  /** Stop after this many records (the rest are not requested). */
  readonly limit?: number
  /** Start after this id (continuing a list whose first page is already read). */
  readonly afterId?: number
  /**
   * How many records the list holds after `afterId`, when the caller already has the portal's count (a card's
   * counted first page): the read then plans exactly that many pages, without a counting round trip of its own.
   */
  readonly total?: number
  /** Other reads that ride in the first batch (e.g. the field descriptions the rows are read with), by name. */
  readonly alongside?: Readonly<Record<string, Command>>
}

const pageName = (i: number) => `p${i}`

/**
 * Plans `pages` list calls that continue one another server-side: page 0 starts after `lastId`, page k after
 * `$result[p{k-1}][49][ID]` (the last row of the previous page). Order is ID ascending and `start=-1`, so the
 * portal neither counts nor offsets (b24-platform.md 6.1).
 */
export function planChainedPages(
  spec: ListSpec,
  lastId: number,
  pages: number,
  countFirst = false,
): Record<string, Command> {
  const base = spec.params ?? {}
  const filter = (
    typeof base.filter === 'object' && base.filter !== null && !Array.isArray(base.filter) ? base.filter : {}
  ) as QueryObject
  const plan: Record<string, Command> = {}
  for (let k = 0; k < pages; k++) {
    const after =
      k === 0 ? lastId : ref(pageName(k - 1), ...(spec.itemsKey ? [spec.itemsKey] : []), PAGE_SIZE - 1, spec.idKey)
    plan[pageName(k)] = {
      method: spec.method,
      kind: 'read',
      params: {
        ...base,
        order: { [spec.idKey]: 'ASC' },
        filter: { ...filter, [`>${spec.idKey}`]: after },
        start: k === 0 && countFirst ? 0 : -1,
      },
    }
  }
  return plan
}

/** The rows of one page answer, whether `result` is the array or wraps it under `itemsKey`. */
function rowsOf(result: unknown, spec: ListSpec): unknown[] | undefined {
  const r =
    spec.itemsKey && typeof result === 'object' && result !== null
      ? (result as Record<string, unknown>)[spec.itemsKey]
      : result
  return Array.isArray(r) ? r : undefined
}

function idOf(row: unknown, spec: ListSpec): number | undefined {
  const raw = typeof row === 'object' && row !== null ? (row as Record<string, unknown>)[spec.idKey] : undefined
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN
  return Number.isSafeInteger(n) ? n : undefined
}

export interface BulkReadResult<T> {
  readonly records: readonly T[]
  /** Batches sent: the round trips of this read. */
  readonly roundTrips: number
  /** The answers of `options.alongside`, from the first batch. */
  readonly alongside: BatchAnswers
}

/**
 * Reads every record of a list and maps each row. Counting (the default), the first round trip reads the first
 * page with its `total`, and the rest follows in exactly the pages needed, up to 50 (2,500 rows) per round trip.
 * Without a count the reader cannot know the end, so it sends full batches; pages after the first short one are
 * ignored (their `$result` reference points past the end).
 * Errors: the first failing page's error, or VALIDATION naming the row, or MALFORMED_RESPONSE.
 */
export async function readAll<T>(
  client: PortalClient,
  spec: ListSpec,
  map: (row: unknown, method?: string, entity?: string) => Result<T, PortalError>,
  options: BulkReadOptions = {},
): Promise<Result<BulkReadResult<T>, PortalError>> {
  const perBatch = Math.max(1, Math.min(MAX_BATCH, options.pagesPerBatch ?? MAX_BATCH))
  const limit = options.limit ?? Infinity
  const records: T[] = []
  let lastId = options.afterId ?? 0
  let roundTrips = 0
  let remaining: number | undefined = options.total // rows still to read, once the portal has counted
  let alongside: BatchAnswers = {}
  for (;;) {
    const countFirst = (options.count ?? true) && remaining === undefined
    // Counting: the first round trip is the counted first page alone (or what `limit` asks for), and later ones
    // are planned from its `total`, so a list of 2 costs 1 sub-command, not 50 chained pages past its end.
    const unknown = countFirst && limit === Infinity ? PAGE_SIZE : Infinity
    const wanted = Math.min(limit - records.length, remaining ?? Infinity, unknown)
    // The first batch leaves room for the reads riding along (a batch holds at most MAX_BATCH commands).
    const room = roundTrips === 0 ? perBatch - Object.keys(options.alongside ?? {}).length : perBatch
    const pages = Math.max(1, Math.min(room, Math.ceil(wanted / PAGE_SIZE)))
    const plan = planChainedPages(spec, lastId, pages, countFirst)
    const res = await client.batch(roundTrips === 0 ? { ...options.alongside, ...plan } : plan)
    roundTrips++
    if (!res.ok) return res
    const answers: BatchAnswers = res.value
    if (roundTrips === 1)
      alongside = Object.fromEntries(
        Object.keys(options.alongside ?? {}).flatMap((k) => (answers[k] ? [[k, answers[k]]] : [])),
      )
    let done = false
    for (let k = 0; k < pages && !done; k++) {
      const a = answers[pageName(k)]!
      if (!a.ok) return err(a.error)
      const rows = rowsOf(a.value.result, spec)
      if (!rows) return err(portalError('MALFORMED_RESPONSE', { method: spec.method, field: `${pageName(k)}.result` }))
      // A method that does not count (total 0 beside rows) must not end the read early: page on without a count.
      if (k === 0 && countFirst) remaining = a.value.total >= rows.length ? a.value.total : undefined
      for (const [i, row] of rows.entries()) {
        if (records.length >= limit) break
        const m = map(row, spec.method, `${spec.method}[${records.length}]`)
        if (!m.ok) return m
        records.push(m.value)
        if (i === rows.length - 1) {
          const id = idOf(row, spec)
          if (id === undefined) return err(portalError('VALIDATION', { method: spec.method, field: spec.idKey }))
          lastId = id
        }
      }
      if (remaining !== undefined) remaining -= rows.length
      done = rows.length < PAGE_SIZE || records.length >= limit || (remaining !== undefined && remaining <= 0)
    }
    if (done) return ok({ records, roundTrips, alongside })
  }
}
