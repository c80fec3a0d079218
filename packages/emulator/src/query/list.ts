import { isRecord, toInt } from '../core/params'
import { compareValues, matchFilter, parseFilter } from './filter'

type Row = Record<string, unknown>

/** The fixed page size of every REST list (`IRestService::LIST_LIMIT`). */
export const PAGE_SIZE = 50

export interface ListQuery {
  filter?: unknown
  order?: unknown
  start?: unknown
}

export interface Page<T> {
  rows: T[]
  /** Absent for `start=-1`: the portal then skips counting and reports total 0. */
  total: number
  next?: number
}

export function filterRows<T extends Row>(rows: readonly T[], filter: unknown): T[] {
  if (!isRecord(filter) || Object.keys(filter).length === 0) return [...rows]
  const group = parseFilter(filter)
  return rows.filter((r) => matchFilter(r, group))
}

/** Order fields are matched exactly, like filter fields (case-sensitive on the portal). */
function lookup(row: Row, field: string): unknown {
  return Object.hasOwn(row, field) ? row[field] : undefined
}

/** `{FIELD: 'ASC'|'DESC'}` (either case); ties keep the previous (id) order. */
export function orderRows<T extends Row>(rows: T[], order: unknown, idField: string): T[] {
  const keys: [string, number][] = isRecord(order)
    ? Object.entries(order).map(([k, d]) => [k, String(d).toUpperCase() === 'DESC' ? -1 : 1])
    : []
  if (!keys.some(([k]) => k.toLowerCase() === idField.toLowerCase())) keys.push([idField, 1])
  return rows.sort((a, b) => {
    for (const [k, dir] of keys) {
      const c = compareValues(lookup(a, k), lookup(b, k))
      if (c !== 0) return c * dir
    }
    return 0
  })
}

/** Bitrix24 paging: `start>=0` → offset, total and next; `start=-1` → the top 50, total 0, no next. */
export function pageRows<T>(rows: readonly T[], start: unknown): Page<T> {
  const s = toInt(start) ?? 0
  if (s === -1) return { rows: rows.slice(0, PAGE_SIZE), total: 0 }
  const offset = Math.max(0, s)
  const page = rows.slice(offset, offset + PAGE_SIZE)
  const next = offset + PAGE_SIZE < rows.length ? offset + PAGE_SIZE : undefined
  return next === undefined ? { rows: page, total: rows.length } : { rows: page, total: rows.length, next }
}

/** filter → order → page in one go. */
export function listRows<T extends Row>(rows: readonly T[], q: ListQuery, idField: string): Page<T> {
  return pageRows(orderRows(filterRows(rows, q.filter), q.order, idField), q.start)
}

/** True when a filter/order touch nothing but the id: the list can be paged before rows are built. */
export function onlyIdQuery(filter: unknown, order: unknown, idField: string): boolean {
  const isId = (key: string): boolean => key.replace(/^[=!<>@%]+/, '').toLowerCase() === idField.toLowerCase()
  const filterOk = !isRecord(filter) || Object.keys(filter).every(isId)
  const orderOk = !isRecord(order) || Object.keys(order).every(isId)
  return filterOk && orderOk
}

/**
 * listRows for big stores: when only the id is filtered or ordered, filter and page the records by id first and
 * build output rows for the page alone (what makes `ID >` cursor scans over 10 000 deals cheap).
 */
export function listRecords<T extends { id: number }, R extends Row>(
  records: Iterable<T>,
  q: ListQuery,
  idField: string,
  toRow: (record: T) => R,
): Page<R> {
  if (!onlyIdQuery(q.filter, q.order, idField)) return listRows([...records].map(toRow), q, idField)
  const idRows = [...records].map((r) => ({ [idField]: r.id, __record: r }))
  const page = listRows(idRows, q, idField)
  const rows = page.rows.map((r) => toRow(r['__record'] as T))
  return page.next === undefined ? { rows, total: page.total } : { rows, total: page.total, next: page.next }
}
