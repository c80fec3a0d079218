import type { Portal } from '../src/index'

export const ORIGIN = 'https://demo.bitrix24.test'

export interface Reply {
  status: number
  body: Record<string, unknown>
}

export interface CallOptions {
  /** Webhook user (default 1); ignored when `token` is given. */
  userId?: number
  /** Frame / OAuth access token (sent as `auth`). */
  token?: string
}

/** One REST round trip through the portal's handler, the way the SDK sends it (POST, JSON body). */
export async function call(
  portal: Portal,
  method: string,
  params: Record<string, unknown> = {},
  options: CallOptions = {},
): Promise<Reply> {
  const url = options.token ? `${ORIGIN}/rest/${method}` : `${portal.webhookUrl(ORIGIN, options.userId ?? 1)}${method}`
  const body = options.token ? { ...params, auth: options.token } : params
  const res = await portal.handle(
    new Request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  )
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/** A controllable portal clock (ms). */
export function createClock(start = Date.UTC(2026, 10, 20, 9, 0, 0)): { now: () => number; advance(ms: number): void } {
  let t = start
  return { now: () => t, advance: (ms) => void (t += ms) }
}
