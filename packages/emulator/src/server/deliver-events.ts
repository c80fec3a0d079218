import { createHash } from 'node:crypto'
import type { Portal } from '../types'
import { toPhpQuery } from '../http/php-query'

/**
 * Sends the online events the portal recorded (`store.sentEvents`) to their handlers the way Bitrix24 does: a
 * form-encoded POST with `event`, `data[...]`, `ts` and `auth[...]`, no retries (a failed POST is lost).
 * Returns a stop function.
 */
export function startEventDelivery(portal: Portal, origin: string, intervalMs = 100): () => void {
  const applicationToken = createHash('md5').update(`${portal.memberId}|application`).digest('hex')
  const domain = new URL(origin).host
  const timer = setInterval(() => {
    const pending = portal.store.sentEvents.filter((e) => !e.delivered)
    if (pending.length === 0) return
    const grant = portal.issueAuth(1)
    for (const e of pending) {
      e.delivered = true
      const handlerId = portal.store.eventBindings.findIndex((b) => b.event === e.event && b.handler === e.handler) + 1
      const body = toPhpQuery({
        event: e.event,
        event_handler_id: handlerId,
        data: e.data,
        ts: Math.floor(e.time / 1000),
        auth: {
          access_token: grant.accessToken,
          expires_in: grant.expiresIn,
          scope: 'crm,catalog,task,user,department,placement',
          domain,
          server_endpoint: 'https://oauth.bitrix.info/rest/',
          status: 'L',
          client_endpoint: `${origin}/rest/`,
          member_id: grant.memberId,
          application_token: applicationToken,
          ...(e.event === 'ONOFFLINEEVENT' ? { refresh_token: grant.refreshToken } : {}),
        },
      })
      void fetch(e.handler, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      }).catch(() => undefined)
    }
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
