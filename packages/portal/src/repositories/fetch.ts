import { err, isRecord, ok, type Result } from '@salesflow/rules'
import type { CallKind, PortalClient, RestAnswer } from '../client'
import type { QueryObject } from '../batch/query-string'
import { portalError, type PortalError } from '../errors'
import { mapList } from '../mappers/crm'

/** Maps one answer; `pick` digs the payload out of wrappers such as `{item: …}`. */
export type Mapper<T> = (raw: unknown, method?: string, entity?: string) => Result<T, PortalError>

/** `result[key]` for wrapped answers (`{item}`, `{items}`, `{products}`); MALFORMED_RESPONSE when missing. */
export function unwrap(result: unknown, key: string | undefined, method: string): Result<unknown, PortalError> {
  if (key === undefined) return ok(result)
  if (isRecord(result) && key in result) return ok(result[key])
  return err(portalError('MALFORMED_RESPONSE', { method, field: `result.${key}` }))
}

/** The rows of a list answer: an array, or an empty PHP map sent as `[]`/`{}`. */
export function rowsOf(value: unknown): unknown {
  return isRecord(value) && Object.keys(value).length === 0 ? [] : value
}

/** Calls one method and maps its (possibly wrapped) result to a domain value. */
export async function fetchOne<T>(
  client: PortalClient,
  method: string,
  params: QueryObject,
  map: Mapper<T>,
  key?: string,
  kind?: CallKind,
): Promise<Result<T, PortalError>> {
  const res = await client.call(method, params, kind ? { kind } : {})
  if (!res.ok) return res
  const payload = unwrap(res.value.result, key, method)
  return payload.ok ? map(payload.value, method) : payload
}

/** Calls a list method (one page, or an unpaged list such as crm.status.list) and maps every row. */
export async function fetchList<T>(
  client: PortalClient,
  method: string,
  params: QueryObject,
  map: Mapper<T>,
  key?: string,
  entity = method,
): Promise<Result<T[], PortalError>> {
  const res = await client.call(method, params, { kind: 'read' })
  if (!res.ok) return res
  return mapAnswerList(res.value, method, map, key, entity)
}

/** Maps a list answer already fetched (e.g. from a batch). */
export function mapAnswerList<T>(
  answer: RestAnswer,
  method: string,
  map: Mapper<T>,
  key?: string,
  entity = method,
): Result<T[], PortalError> {
  const payload = unwrap(answer.result, key, method)
  if (!payload.ok) return payload
  return mapList(rowsOf(payload.value), map, entity, method)
}

/** A write whose answer is `true` (or an item we do not need). */
export async function write(
  client: PortalClient,
  method: string,
  params: QueryObject,
  kind?: CallKind,
): Promise<Result<unknown, PortalError>> {
  const res = await client.call(method, params, kind ? { kind } : {})
  if (!res.ok) return res
  if (res.value.result === false) return err(portalError('BAD_REQUEST', { method, description: 'result: false' }))
  return ok(res.value.result)
}

/** A create whose answer is the new id (`{result: 999}` or `{result: {item: {id}}}`). */
export function idOf(result: unknown, method: string, ...path: readonly string[]): Result<number, PortalError> {
  let v: unknown = result
  for (const k of path) v = isRecord(v) ? v[k] : undefined
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN
  return Number.isSafeInteger(n) && n > 0
    ? ok(n)
    : err(portalError('VALIDATION', { method, field: ['result', ...path].join('.'), description: 'expected a new id' }))
}
