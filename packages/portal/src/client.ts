import { ApiVersion } from '@bitrix24/b24jssdk'
import type { AjaxResult, TypeB24 } from '@bitrix24/b24jssdk'
import { err, isRecord, ok, type Result } from '@salesflow/rules'
import { classifyRestError, fromThrown, portalError, type PortalError, type PortalErrorCode } from './errors'
import { commandLine, type QueryObject } from './batch/query-string'

/**
 * How a call may be repeated after a transport failure:
 * - `read`: get/list; always safe to repeat.
 * - `write`: update/set/delete; repeating leaves the same state.
 * - `create`: `*.add` and uploads; a repeat may create a second record, so it is never retried after a
 *   transport failure and the caller gets UNKNOWN_OUTCOME instead.
 */
export type CallKind = 'read' | 'write' | 'create'

/** Infers the kind from the method name; pass `kind` explicitly for anything unusual. */
export function kindOf(method: string): CallKind {
  const m = method.toLowerCase()
  if (/\.(add|uploadfile|upload|copy)$/.test(m)) return 'create'
  if (/\.(update|set|delete|pay|unpay|setquantity|bind|unbind|clear|error)$/.test(m)) return 'write'
  return 'read'
}

/** One successful REST answer: `result` plus `total` for lists (0 when the portal did not count). */
export interface RestAnswer<T = unknown> {
  readonly result: T
  readonly total: number
}

export interface Command {
  readonly method: string
  readonly params?: QueryObject
  readonly kind?: CallKind
}

export type BatchAnswers = Readonly<Record<string, Result<RestAnswer, PortalError>>>

export interface CallOptions {
  readonly kind?: CallKind
}

export interface BatchOptions {
  /** Stop at the first failing command (the portal's `halt=1`); later commands report NOT_EXECUTED. */
  readonly halt?: boolean
}

export interface PortalClientStats {
  /** HTTP round trips we started (the SDK's own 503/429 retries inside one of them are not counted). */
  roundTrips: number
  calls: number
  batches: number
  batchCommands: number
}

/** The one object that talks to Bitrix24: `actions.v2.call` for single calls and for `batch`. */
export interface PortalClient {
  call<T = unknown>(
    method: string,
    params?: QueryObject,
    options?: CallOptions,
  ): Promise<Result<RestAnswer<T>, PortalError>>
  /** Up to 50 named commands in one round trip; each answer is its own Result. */
  batch(commands: Readonly<Record<string, Command>>, options?: BatchOptions): Promise<Result<BatchAnswers, PortalError>>
  readonly stats: Readonly<PortalClientStats>
  /** The SDK instance, for frame-only features (placement, parent); REST must go through call/batch. */
  readonly b24: TypeB24
}

export interface PortalClientOptions {
  /** Extra attempts for reads and idempotent writes after NETWORK / TIMEOUT / INTERNAL / MALFORMED_RESPONSE. */
  readonly transientRetries?: number
  /** First back-off for those retries (doubles each time). */
  readonly retryDelayMs?: number
  /** Wait before re-running batch sub-commands that hit a limit (QUERY_LIMIT_EXCEEDED / OPERATION_TIME_LIMIT). */
  readonly limitRetryDelayMs?: number
  /** axios timeout per HTTP request. */
  readonly timeoutMs?: number
  /** Injected for tests; defaults to setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>
}

export const MAX_BATCH = 50

const TRANSIENT: ReadonlySet<PortalErrorCode> = new Set(['NETWORK', 'TIMEOUT', 'INTERNAL', 'MALFORMED_RESPONSE'])
const LIMIT: ReadonlySet<PortalErrorCode> = new Set(['QUERY_LIMIT_EXCEEDED', 'OPERATION_TIME_LIMIT', 'EXPIRED_TOKEN'])

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A PHP array that is empty serialises as `[]`; a map with keys `0..n` as an array. Both read as a record. */
function asMap(v: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]))
  return isRecord(v) ? v : undefined
}

function unknownOutcome(e: PortalError): PortalError {
  return portalError('UNKNOWN_OUTCOME', {
    ...(e.method !== undefined ? { method: e.method } : {}),
    ...(e.status !== undefined ? { status: e.status } : {}),
    restCode: e.code,
    retriable: false,
    cause: e,
  })
}

const REF = /\$result\[([^\]]+)\]/g

/** For each command, the commands whose answers its parameters reference (`$result[name]...`). */
export function dependenciesOf(commands: Readonly<Record<string, Command>>): ReadonlyMap<string, readonly string[]> {
  return new Map(
    Object.entries(commands).map(([name, c]) => [
      name,
      [...new Set([...JSON.stringify(c.params ?? {}).matchAll(REF)].map((m) => m[1]!))].filter((d) => d in commands),
    ]),
  )
}

/** `start` plus everything they reference and everything that references them, transitively, in batch order. */
function closure(
  start: readonly string[],
  deps: ReadonlyMap<string, readonly string[]>,
  order: readonly string[],
): string[] {
  const picked = new Set(start)
  for (let grew = true; grew;) {
    grew = false
    for (const n of order) {
      const d = deps.get(n) ?? []
      const linked = picked.has(n) ? d.filter((x) => !picked.has(x)) : d.some((x) => picked.has(x)) ? [n] : []
      for (const x of linked) {
        picked.add(x)
        grew = true
      }
    }
  }
  return order.filter((n) => picked.has(n))
}

/**
 * A command that referenced a failed answer ran with an empty value in its place (the portal substitutes '')
 * and its "success" is meaningless: it gets the failure of what it depended on instead.
 */
export function propagateFailures(
  answers: Readonly<Record<string, Result<RestAnswer, PortalError>>>,
  deps: ReadonlyMap<string, readonly string[]>,
  order: readonly string[],
): Record<string, Result<RestAnswer, PortalError>> {
  const out = { ...answers }
  for (const n of order) {
    const failedDep = (deps.get(n) ?? []).map((d) => out[d]).find((a) => a !== undefined && !a.ok)
    if (failedDep && !failedDep.ok && out[n]?.ok) out[n] = failedDep
  }
  return out
}

/** Reads the first error of a soft `isSuccess: false` AjaxResult. */
function softError(res: AjaxResult<unknown>, method: string): PortalError {
  const first = res.getErrors().next().value
  return first ? fromThrown(first, method) : portalError('UNKNOWN', { method, status: res.getStatus() })
}

/**
 * Wraps a TypeB24 (B24Frame, B24Hook or B24OAuth). Every outcome is a Result; nothing throws.
 *
 * Batches go through `actions.v2.call('batch', {halt, cmd})` rather than `actions.v2.batch`: the SDK's batch
 * reader drops sub-command errors whose code is `''` (crm.deal.*) or a number (catalog.*), turning them into
 * successes with `undefined` data, and throws a TypeError on a non-JSON body. Calling `batch` directly keeps the
 * raw `result_error` and still runs through the SDK's rate limiter, 503/429 back-off and token refresh.
 */
export function createPortalClient(b24: TypeB24, options: PortalClientOptions = {}): PortalClient {
  const transientRetries = options.transientRetries ?? 2
  const retryDelayMs = options.retryDelayMs ?? 500
  const limitRetryDelayMs = options.limitRetryDelayMs ?? 2_000
  const sleep = options.sleep ?? defaultSleep
  const stats: PortalClientStats = { roundTrips: 0, calls: 0, batches: 0, batchCommands: 0 }
  if (options.timeoutMs !== undefined) b24.getHttpClient(ApiVersion.v2).ajaxClient.defaults.timeout = options.timeoutMs
  let seq = 0

  async function once(method: string, params: QueryObject): Promise<Result<RestAnswer, PortalError>> {
    stats.roundTrips++
    try {
      const res = await b24.actions.v2.call.make({
        method,
        params: params as Record<string, unknown>,
        requestId: `sf-${method}-${++seq}`,
      })
      if (!res.isSuccess) return err(softError(res, method))
      const data = res.getData()
      // A body that was not a JSON envelope reaches us as a "success" without `result` (axios parses silently).
      if (data === undefined || data.result === undefined) return err(portalError('MALFORMED_RESPONSE', { method }))
      return ok({ result: data.result, total: res.getTotal() })
    } catch (e) {
      return err(fromThrown(e, method))
    }
  }

  async function withRetries(
    method: string,
    params: QueryObject,
    kind: CallKind,
  ): Promise<Result<RestAnswer, PortalError>> {
    let res = await once(method, params)
    for (let attempt = 0; !res.ok && TRANSIENT.has(res.error.code) && kind !== 'create'; attempt++) {
      if (attempt >= transientRetries) break
      await sleep(retryDelayMs * 2 ** attempt)
      res = await once(method, params)
    }
    if (!res.ok && kind === 'create' && TRANSIENT.has(res.error.code)) return err(unknownOutcome(res.error))
    return res
  }

  async function call<T>(method: string, params: QueryObject = {}, opts: CallOptions = {}) {
    stats.calls++
    return (await withRetries(method, params, opts.kind ?? kindOf(method))) as Result<RestAnswer<T>, PortalError>
  }

  /** Splits one raw batch answer into per-command Results. */
  function readBatch(
    raw: unknown,
    names: readonly string[],
    commands: Readonly<Record<string, Command>>,
  ): Result<Record<string, Result<RestAnswer, PortalError>>, PortalError> {
    const body = isRecord(raw) ? raw : undefined
    const results = asMap(body?.result)
    const errors = asMap(body?.result_error) ?? {}
    const totals = asMap(body?.result_total) ?? {}
    if (!body || !results) return err(portalError('MALFORMED_RESPONSE', { method: 'batch' }))
    const out: Record<string, Result<RestAnswer, PortalError>> = {}
    for (const name of names) {
      const method = commands[name]!.method
      if (name in errors) {
        const e = errors[name]
        out[name] = err(
          isRecord(e)
            ? classifyRestError({ error: e.error, description: e.error_description, method, status: 400 })
            : classifyRestError({ error: e, method, status: 400 }),
        )
      } else if (name in results) {
        const total = Number(totals[name] ?? 0)
        out[name] = ok({ result: results[name], total: Number.isFinite(total) ? total : 0 })
      } else {
        out[name] = err(portalError('NOT_EXECUTED', { method }))
      }
    }
    return ok(out)
  }

  async function batch(commands: Readonly<Record<string, Command>>, opts: BatchOptions = {}) {
    const names = Object.keys(commands)
    if (names.length === 0) return ok({})
    if (names.length > MAX_BATCH) {
      return err(
        portalError('BAD_REQUEST', { method: 'batch', description: `${names.length} commands, max ${MAX_BATCH}` }),
      )
    }
    stats.batches++
    stats.batchCommands += names.length
    const kinds = names.map((n) => commands[n]!.kind ?? kindOf(commands[n]!.method))
    const kind: CallKind = kinds.includes('create') ? 'create' : kinds.includes('write') ? 'write' : 'read'
    const deps = dependenciesOf(commands)
    const answers: Record<string, Result<RestAnswer, PortalError>> = {}
    let pending = names
    // One extra round for sub-commands rejected by a limit or an expired token: they did not run. They are re-run
    // together with what they reference and what references them (all reads), never with a create that already ran.
    for (let round = 0; round < 2 && pending.length > 0; round++) {
      const cmd = Object.fromEntries(pending.map((n) => [n, commandLine(commands[n]!.method, commands[n]!.params)]))
      const res = await withRetries('batch', { halt: opts.halt ? 1 : 0, cmd }, kind)
      if (!res.ok) {
        if (round === 0) return res
        break // the retried commands keep their first answers
      }
      const parsed = readBatch(res.value.result, pending, commands)
      if (!parsed.ok) return parsed
      Object.assign(answers, parsed.value)
      if (round === 1) break
      const failed = pending.filter((n) => {
        const a = answers[n]!
        return !a.ok && LIMIT.has(a.error.code)
      })
      const retry = closure(failed, deps, names)
      const unsafe = retry.some(
        (n) => answers[n]!.ok && (commands[n]!.kind ?? kindOf(commands[n]!.method)) === 'create',
      )
      if (failed.length === 0 || unsafe) break
      if (
        failed.some((n) => !answers[n]!.ok && (answers[n] as { error: PortalError }).error.code === 'EXPIRED_TOKEN')
      ) {
        try {
          await b24.auth.refreshAuth()
        } catch {
          break // the expired-token answers stand
        }
      }
      await sleep(limitRetryDelayMs)
      pending = retry
    }
    return ok(propagateFailures(answers, deps, names) as BatchAnswers)
  }

  return { call, batch, stats, b24 }
}
