import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { StateStore } from '../state'
import { eventMessage, onlineChange, type EventMessage } from './events'
import { parsePhpForm } from './form'

export interface OnlineIntakeDeps {
  readonly state: Pick<StateStore, 'tokens'>
  readonly enqueue: (m: EventMessage) => void
  readonly log: (line: string) => void
}

const rec = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
const intOrNull = (v: unknown): number | null => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null)

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

const answer = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

/**
 * Bitrix24's online event handler (form-encoded POST, integration.md §2). There is no signature: the only proof is
 * `auth[application_token]`, compared (constant time) with the token stored for `auth[member_id]` at install.
 * Anything else gets 401. A verified event is queued like an offline one.
 */
export function onlineEventHandler(deps: OnlineIntakeDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = []
    let size = 0
    for await (const c of req) {
      size += (c as Buffer).length
      if (size > 1_000_000) return answer(res, 413, { error: 'PAYLOAD_TOO_LARGE' })
      chunks.push(c as Buffer)
    }
    const form = parsePhpForm(Buffer.concat(chunks).toString('utf8'))
    const auth = rec(form['auth'])
    const memberId = String(auth['member_id'] ?? '')
    const stored = memberId ? deps.state.tokens(memberId) : undefined
    const token = String(auth['application_token'] ?? '')
    if (!stored || !token || !sameSecret(token, stored.applicationToken)) {
      deps.log(`online event refused: unknown member or wrong application_token (401)`)
      return answer(res, 401, { error: 'UNAUTHORIZED', error_description: 'application_token does not match' })
    }
    // CRM events carry FIELDS; task events FIELDS_AFTER (FIELDS_BEFORE for a delete).
    const data = rec(form['data'])
    const fields = rec(data['FIELDS'] ?? data['FIELDS_AFTER'] ?? data['FIELDS_BEFORE'])
    const ts = intOrNull(form['ts'])
    const m = eventMessage(
      {
        name: String(form['event'] ?? '').toUpperCase(),
        entityId: intOrNull(fields['ID']),
        entityTypeId: intOrNull(fields['ENTITY_TYPE_ID']),
        occurredAt: new Date(ts === null ? Date.now() : ts * 1000).toISOString(),
        userId: null,
      },
      onlineChange(),
    )
    if (!m) return answer(res, 200, { result: 'ignored' })
    deps.enqueue(m)
    deps.log(`event ${m.key} → ${m.routingKey} (online)`)
    return answer(res, 200, { result: 'queued', key: m.key })
  }
}
