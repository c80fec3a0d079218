import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { err, ok, type Result } from '@salesflow/rules'
import type { AppCredentials, AppGrant } from '@salesflow/portal'
import { DEFAULT_TOPOLOGY, type Topology } from './queue/types'

export interface WorkerConfig {
  readonly statePath: string
  readonly queue: { readonly kind: 'rabbitmq'; readonly url: string } | { readonly kind: 'memory' }
  readonly topology: Topology
  /** The app's OAuth client (needed to refresh tokens); null runs without the portal. */
  readonly app: AppCredentials | null
  /** A grant to store on start (until the install handler stores it); never logged. */
  readonly bootstrapGrant: AppGrant | null
  readonly masterDataUrl: string | null
  readonly http: { readonly host: string; readonly port: number }
  readonly pollMs: number
  readonly offlineLimit: number
  /** How often the master-data rates are pulled into the portal (ms); 0: never. Absent: hourly. */
  readonly pullMs?: number
  /** The folder of 1C statements (kl_to_1c*.txt) applied by the worker; null or absent: off. */
  readonly bankDir?: string | null
  /** The built app served to the portal's handler calls (SALESFLOW_DIST_DIR, default the repo's dist/); absent: off. */
  readonly distDir?: string | null
}

/** The repo's dist/ (`npm run build`), where the worker serves the app's pages from unless told otherwise. */
export const REPO_DIST = resolve(fileURLToPath(new URL('../../../dist', import.meta.url)))

/** The master-data rates are pulled hourly unless SALESFLOW_PULL_MS says otherwise. */
export const DEFAULT_PULL_MS = 3_600_000

export interface ConfigError {
  readonly code: 'WORKER_CONFIG'
  readonly variable: string
  readonly message: { readonly ru: string; readonly en: string }
}

type Env = Readonly<Record<string, string | undefined>>

const problem = (variable: string, ru: string, en: string): ConfigError => ({
  code: 'WORKER_CONFIG',
  variable,
  message: { ru: `${variable}: ${ru}`, en: `${variable}: ${en}` },
})

function url(env: Env, name: string, protocols: readonly string[]): Result<string | null, ConfigError> {
  const v = env[name]?.trim()
  if (!v) return ok(null)
  try {
    const u = new URL(v)
    if (!protocols.includes(u.protocol)) throw new Error(u.protocol)
    return ok(v)
  } catch {
    return err(problem(name, `нужен URL (${protocols.join(', ')})`, `expected a URL (${protocols.join(', ')})`))
  }
}

function int(env: Env, name: string, fallback: number, min: number, max: number): Result<number, ConfigError> {
  const v = env[name]?.trim()
  if (!v) return ok(fallback)
  const n = Number(v)
  if (!Number.isInteger(n) || n < min || n > max)
    return err(problem(name, `нужно целое от ${min} до ${max}`, `expected an integer from ${min} to ${max}`))
  return ok(n)
}

/** Reads the worker's configuration from environment variables (README, "Worker"); nothing else is read. */
export function loadConfig(env: Env): Result<WorkerConfig, ConfigError> {
  const amqp = url(env, 'SALESFLOW_AMQP_URL', ['amqp:', 'amqps:'])
  if (!amqp.ok) return amqp
  const queueKind = env['SALESFLOW_QUEUE']?.trim() || (amqp.value ? 'rabbitmq' : 'memory')
  if (queueKind !== 'rabbitmq' && queueKind !== 'memory')
    return err(problem('SALESFLOW_QUEUE', 'rabbitmq или memory', 'rabbitmq or memory'))
  if (queueKind === 'rabbitmq' && !amqp.value)
    return err(problem('SALESFLOW_AMQP_URL', 'обязателен для очереди rabbitmq', 'required for the rabbitmq queue'))
  const masterData = url(env, 'SALESFLOW_MASTERDATA_URL', ['http:', 'https:'])
  if (!masterData.ok) return masterData
  const portalUrl = url(env, 'SALESFLOW_PORTAL_URL', ['http:', 'https:'])
  if (!portalUrl.ok) return portalUrl
  const oauthUrl = url(env, 'SALESFLOW_OAUTH_URL', ['http:', 'https:'])
  if (!oauthUrl.ok) return oauthUrl
  const port = int(env, 'SALESFLOW_HTTP_PORT', 4100, 0, 65535)
  if (!port.ok) return port
  const pollMs = int(env, 'SALESFLOW_POLL_MS', 2000, 100, 3_600_000)
  if (!pollMs.ok) return pollMs
  const limit = int(env, 'SALESFLOW_OFFLINE_LIMIT', 50, 1, 500)
  if (!limit.ok) return limit
  const pullMs = int(env, 'SALESFLOW_PULL_MS', DEFAULT_PULL_MS, 0, 86_400_000)
  if (!pullMs.ok) return pullMs
  const attempts = int(env, 'SALESFLOW_MAX_ATTEMPTS', DEFAULT_TOPOLOGY.maxAttempts, 1, 100)
  if (!attempts.ok) return attempts
  const delaysRaw = env['SALESFLOW_RETRY_DELAYS_MS']?.trim()
  const delays = delaysRaw ? delaysRaw.split(',').map((s) => Number(s.trim())) : [...DEFAULT_TOPOLOGY.retryDelaysMs]
  if (delays.length === 0 || delays.some((d) => !Number.isInteger(d) || d < 1))
    return err(problem('SALESFLOW_RETRY_DELAYS_MS', 'нужны миллисекунды через запятую', 'expected comma-separated ms'))

  const clientId = env['SALESFLOW_APP_CLIENT_ID']?.trim()
  const clientSecret = env['SALESFLOW_APP_CLIENT_SECRET']?.trim()
  if (Boolean(clientId) !== Boolean(clientSecret))
    return err(
      problem('SALESFLOW_APP_CLIENT_SECRET', 'задайте client id и secret вместе', 'set client id and secret together'),
    )
  const app =
    clientId && clientSecret
      ? { clientId, clientSecret, ...(oauthUrl.value ? { oauthUrl: oauthUrl.value } : {}) }
      : null

  const access = env['SALESFLOW_APP_ACCESS_TOKEN']?.trim()
  let bootstrapGrant: AppGrant | null = null
  if (access) {
    const refresh = env['SALESFLOW_APP_REFRESH_TOKEN']?.trim()
    const memberId = env['SALESFLOW_APP_MEMBER_ID']?.trim()
    if (!refresh || !memberId || !portalUrl.value)
      return err(
        problem(
          'SALESFLOW_APP_ACCESS_TOKEN',
          'нужны также SALESFLOW_APP_REFRESH_TOKEN, SALESFLOW_APP_MEMBER_ID и SALESFLOW_PORTAL_URL',
          'also needs SALESFLOW_APP_REFRESH_TOKEN, SALESFLOW_APP_MEMBER_ID and SALESFLOW_PORTAL_URL',
        ),
      )
    const portal = new URL(portalUrl.value)
    bootstrapGrant = {
      accessToken: access,
      refreshToken: refresh,
      expiresAt: Date.now() + 3_000_000,
      memberId,
      domain: portal.host,
      clientEndpoint: new URL('/rest/', portal).toString(),
      applicationToken: env['SALESFLOW_APP_APPLICATION_TOKEN']?.trim() ?? '',
    }
  }

  return ok({
    statePath: env['SALESFLOW_STATE_PATH']?.trim() || join(homedir(), '.salesflow', 'worker.sqlite'),
    queue: queueKind === 'rabbitmq' ? { kind: 'rabbitmq', url: amqp.value! } : { kind: 'memory' },
    topology: {
      exchange: env['SALESFLOW_EXCHANGE']?.trim() || DEFAULT_TOPOLOGY.exchange,
      retryDelaysMs: delays,
      maxAttempts: attempts.value,
    },
    app,
    bootstrapGrant,
    masterDataUrl: masterData.value,
    http: { host: env['SALESFLOW_HTTP_HOST']?.trim() || '127.0.0.1', port: port.value },
    pollMs: pollMs.value,
    offlineLimit: limit.value,
    pullMs: pullMs.value,
    bankDir: env['SALESFLOW_BANK_DIR']?.trim() || null,
    distDir: resolve(env['SALESFLOW_DIST_DIR']?.trim() || REPO_DIST),
  })
}

/** A URL without its password (amqp://user:secret@host → amqp://user:***@host). */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '<invalid url>'
  }
}

/** What the worker prints on start: where it connects, never a secret or a token. */
export function describeConfig(c: WorkerConfig): string[] {
  const t = c.topology
  return [
    `state: ${c.statePath}`,
    c.queue.kind === 'rabbitmq'
      ? `queue: RabbitMQ ${redactUrl(c.queue.url)}`
      : 'queue: in-process (not durable; for npm start)',
    `topology: exchange ${t.exchange}, retries after ${t.retryDelaysMs.join('/')} ms, parked after ${t.maxAttempts} attempts`,
    `portal app: ${c.app ? `client ${c.app.clientId}` : 'not configured (offline intake off)'}`,
    `master data: ${c.masterDataUrl ? redactUrl(c.masterDataUrl) : 'not configured (masterdata consumer off)'}`,
    `master-data rates: ${c.masterDataUrl && c.pullMs !== 0 ? `pulled every ${(c.pullMs ?? DEFAULT_PULL_MS) / 1000} s` : 'not pulled'}`,
    `events endpoint: http://${c.http.host}:${c.http.port}/events`,
    `app pages: ${c.distDir ? `${c.distDir} on http://${c.http.host}:${c.http.port}/` : 'not served'}`,
    `bank folder: ${c.bankDir ? `${c.bankDir} (kl_to_1c*.txt; then done/ or failed/)` : 'off'}`,
  ]
}
