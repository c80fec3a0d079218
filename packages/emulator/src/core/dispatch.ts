import type { CallContext, MethodOutput, MethodTable, PortalState } from './context'
import type { Caller } from './auth'
import { authenticateToken, authenticateWebhook } from './auth'
import { CORS_HEADERS, jsonResponse, restTime } from './envelope'
import { corruptNumericFields, matchesMethod } from './faults'
import type { MethodMatcher } from '../types'
import { isRecord, param, type Params } from './params'
import { RestError } from '../http/rest-error'
import { parsePhpQuery, phpArray } from '../http/php-query'

const MAX_BATCH = 50

/** Waits, but gives up as soon as the client aborts (so a forced timeout does not keep a test process alive). */
function hold(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

interface ParsedRequest {
  method: string
  params: Params
  webhook: { userId: string; secret: string } | null
}

/** `/rest/{method}[.json]` or `/rest/{userId}/{secret}/{method}[.json]`; method names are case-insensitive. */
function parsePath(pathname: string): { method: string; webhook: ParsedRequest['webhook'] } | null {
  const m = /\/rest\/(.+)$/.exec(pathname)
  if (!m) return null
  const parts = (m[1] ?? '').split('/').filter(Boolean).map(decodeURIComponent)
  const clean = (s: string): string => s.replace(/\.json$/i, '').toLowerCase()
  if (parts.length === 1) return { method: clean(parts[0] ?? ''), webhook: null }
  if (parts.length === 3)
    return { method: clean(parts[2] ?? ''), webhook: { userId: parts[0] ?? '', secret: parts[1] ?? '' } }
  return null
}

/** Query string merged with the body (JSON or PHP form), as `CRestUtil::getRequestData` does. */
async function parseRequest(request: Request): Promise<ParsedRequest> {
  const url = new URL(request.url)
  const path = parsePath(url.pathname)
  if (!path || path.method === '') throw new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!')
  const query = parsePhpQuery(url.search)
  for (const k of Object.keys(query)) if (k.startsWith('bx24_')) delete query[k]
  let body: Params = {}
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const text = await request.text()
    const type = request.headers.get('content-type') ?? ''
    if (text.trim() !== '') {
      if (type.includes('json')) {
        let parsed: unknown
        try {
          parsed = JSON.parse(text)
        } catch {
          throw new RestError(400, 'INVALID_REQUEST', 'Request body is not valid JSON')
        }
        body = isRecord(parsed) ? parsed : {}
      } else {
        body = parsePhpQuery(text)
      }
    }
  }
  return { method: path.method, webhook: path.webhook, params: { ...query, ...body } }
}

export interface Dispatcher {
  handle(request: Request): Promise<Response>
}

export function createDispatcher(state: PortalState, methods: MethodTable): Dispatcher {
  function leak(): void {
    const { faults, bucket, plan } = state
    if (faults.forceQueryLimit) throw new RestError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests')
    if (!faults.rateLimit) return
    const [burst, drain] = plan === 'enterprise' ? [250, 5] : [50, 2]
    const now = state.now()
    bucket.level = Math.max(0, bucket.level - ((now - bucket.at) / 1000) * drain)
    bucket.at = now
    if (bucket.level + 1 > burst) throw new RestError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests')
    bucket.level += 1
  }

  async function invoke(
    method: string,
    params: Params,
    caller: Caller,
    transport: 'http' | 'batch',
    signal?: AbortSignal,
    /** The batch key of a sub-command: a fault matcher may name it as `cmd:<key>` to hit that one command only. */
    key?: string,
  ): Promise<MethodOutput> {
    const impl = methods[method]
    if (!impl) throw new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!')
    const { faults } = state
    const hits = (m: MethodMatcher): boolean =>
      matchesMethod(m, method) || (key !== undefined && matchesMethod(m, `cmd:${key.toLowerCase()}`))
    // A slow method holds its batch too (the batch answers when its slowest command does).
    if (hits(faults.forceTimeout) && signal) await hold(faults.timeoutDelayMs, signal)
    if (hits(faults.forceStatus500)) throw new RestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error')
    const used = state.operating.get(transport === 'batch' ? `batch::${method}` : method)
    const overLimit =
      used !== undefined && used.resetAt > state.now() / 1000 && used.seconds >= state.operatingLimitSeconds - 1e-9
    if (overLimit || hits(faults.forceOperatingLimit))
      throw new RestError(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.')
    const ctx: CallContext = {
      state,
      store: state.store,
      method,
      params,
      user: caller.user,
      isApp: caller.isApp,
      authConnector: String(param(params, 'auth_connector') ?? ''),
      transport,
      now: state.now(),
    }
    return impl(ctx)
  }

  /** `batch`: commands run in order, `$result[...]` substituted, errors collected (or halting). */
  async function runBatch(params: Params, caller: Caller, signal: AbortSignal): Promise<MethodOutput> {
    const cmd = param(params, 'cmd')
    const halt =
      ['1', 'true', 'Y', 'y'].includes(String(param(params, 'halt') ?? '0')) || param(params, 'halt') === true
    const entries: [string, unknown][] = Array.isArray(cmd)
      ? cmd.map((c, i) => [String(i), c])
      : isRecord(cmd)
        ? Object.entries(cmd)
        : []
    const result: Record<string, unknown> = {}
    const resultError: Record<string, unknown> = {}
    const resultTotal: Record<string, unknown> = {}
    const resultNext: Record<string, unknown> = {}
    const resultTime: Record<string, unknown> = {}
    const refs = {
      result,
      result_error: resultError,
      result_total: resultTotal,
      result_next: resultNext,
      result_time: resultTime,
    }
    let index = 0
    for (const [key, raw] of entries) {
      const started = state.now()
      let method = ''
      let subParams: Params = {}
      let status = 200
      let code: string | undefined
      try {
        if (index++ >= MAX_BATCH) throw new RestError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded')
        const text = String(raw)
        const q = text.indexOf('?')
        method = (q < 0 ? text : text.slice(0, q))
          .trim()
          .replace(/\.json$/i, '')
          .toLowerCase()
        subParams = substitute(parsePhpQuery(q < 0 ? '' : text.slice(q + 1)), refs) as Params
        if (method === 'batch')
          throw new RestError(405, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage')
        const o = await invoke(method, subParams, caller, 'batch', signal, key)
        const wrongType = state.faults.forceWrongFieldType
        result[key] =
          matchesMethod(wrongType, method) || matchesMethod(wrongType, `cmd:${key.toLowerCase()}`)
            ? corruptNumericFields(o.result)
            : o.result
        if (o.total !== undefined) resultTotal[key] = o.total
        if (o.next !== undefined) resultNext[key] = o.next
        resultTime[key] = restTime(state, `batch::${method}`, started)
      } catch (e) {
        if (!(e instanceof RestError)) throw e
        status = e.status
        code = String(e.code)
        resultError[key] = e.body()
      }
      state.log.push({
        method,
        params: subParams,
        time: started,
        status,
        transport: 'batch',
        userId: caller.user.id,
        ...(code !== undefined ? { error: code } : {}),
      })
      if (halt && code !== undefined) break
    }
    return {
      result: {
        result: phpArray(result),
        result_error: phpArray(resultError),
        result_total: phpArray(resultTotal),
        result_next: phpArray(resultNext),
        result_time: phpArray(resultTime),
      },
    }
  }

  async function handle(request: Request): Promise<Response> {
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { ...CORS_HEADERS } })
    const started = state.now()
    let method = ''
    let params: Params = {}
    let userId: number | null = null
    const entry = (status: number, error?: string): void => {
      state.log.push({
        method,
        params,
        time: started,
        status,
        transport: 'http',
        userId,
        ...(error !== undefined ? { error } : {}),
      })
    }
    try {
      const req = await parseRequest(request)
      method = req.method
      params = req.params
      leak()
      const caller = req.webhook
        ? authenticateWebhook(state, req.webhook.userId, req.webhook.secret)
        : authenticateToken(state, params['auth'])
      delete params['auth']
      userId = caller.user.id
      const { faults } = state
      if (method === 'batch') {
        // Faults on the /batch request itself: a 500 or 429 refuses the whole round trip before any command runs;
        // a timeout holds it (the commands still run after the client gave up: an applied write, a lost answer).
        if (matchesMethod(faults.forceStatus500, method))
          throw new RestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error')
        if (matchesMethod(faults.forceOperatingLimit, method))
          throw new RestError(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.')
        if (matchesMethod(faults.forceTimeout, method)) await hold(faults.timeoutDelayMs, request.signal)
      }
      const o =
        method === 'batch'
          ? await runBatch(params, caller, request.signal)
          : await invoke(method, params, caller, 'http', request.signal)
      entry(200)
      if (matchesMethod(faults.forceMalformedJson, method))
        return new Response('{"result":{"ID":"1","TITLE":"Broken', {
          status: 200,
          headers: { 'Content-Type': 'application/json; charset=utf-8', ...CORS_HEADERS },
        })
      const body: Record<string, unknown> = {
        result: matchesMethod(faults.forceWrongFieldType, method) ? corruptNumericFields(o.result) : o.result,
      }
      if (o.next !== undefined) body['next'] = o.next
      if (o.total !== undefined) body['total'] = o.total
      body['time'] = restTime(state, method, started)
      return jsonResponse(200, body)
    } catch (e) {
      if (!(e instanceof RestError)) {
        entry(500, 'INTERNAL_SERVER_ERROR')
        return jsonResponse(500, { error: 'INTERNAL_SERVER_ERROR', error_description: String(e) })
      }
      entry(e.status, String(e.code))
      return jsonResponse(e.status, e.body())
    }
  }

  return { handle }
}

type Refs = Record<string, Record<string, unknown>>

const REF = /\$(result|result_error|result_total|result_next|result_time)((?:\[[^\]]*\])+)/g

/**
 * Walks `[a][b]…` from the answers of earlier commands. As `CRestUtil::processBatchElement` does, the walk stops at
 * the first key that is missing or null and yields the deepest node it reached (the command's whole answer, or all
 * answers when the command itself is unknown): a reference is never silently turned into ''.
 */
function resolveRef(refs: Refs, kind: string, path: string): unknown {
  const keys = [...path.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '')
  let node: unknown = refs[kind]
  for (const k of keys) {
    const next = Array.isArray(node) ? node[Number(k)] : isRecord(node) ? node[k] : undefined
    if (next === undefined || next === null) break
    node = next
  }
  return node
}

/**
 * `$result[...]` substitution (b24-platform.md 6.2; the missing-key case is not in the reference and follows the
 * portal core): a value that is one whole reference takes the referenced node as is (an array or object when a key
 * was missing, so the method sees a wrong value and fails loudly instead of getting ''); a reference inside a
 * longer string is replaced only by a string or number, otherwise it stays in the text literally.
 */
function substitute(value: unknown, refs: Refs): unknown {
  if (Array.isArray(value)) return value.map((v) => substitute(v, refs))
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, refs)]))
  if (typeof value !== 'string' || !value.includes('$result')) return value
  const whole = new RegExp(`^${REF.source}$`).exec(value)
  if (whole) return resolveRef(refs, whole[1] ?? '', whole[2] ?? '')
  return value.replace(REF, (text, kind: string, path: string) => {
    const v = resolveRef(refs, kind, path)
    return typeof v === 'string' || typeof v === 'number' ? String(v) : text
  })
}
