import { isoDateTime } from './dates'
import type { PortalState } from './context'

/** What every answer carries (b24-platform.md section 6.1). `processing` is what the operating limit counts. */
export interface RestTime {
  start: number
  finish: number
  duration: number
  processing: number
  date_start: string
  date_finish: string
  operating_reset_at: number
  operating: number
}

/** Nominal processing time of one call in the emulator (seconds). */
const PROCESSING_S = 0.002

/** The `time` object, accounting the call to its method's 10-minute operating window. */
export function restTime(state: PortalState, method: string, startMs: number): RestTime {
  const start = startMs / 1000
  const finish = start + PROCESSING_S
  const window = state.operating.get(method)
  const acc = window && window.resetAt > start ? window : { resetAt: Math.floor(start) + 600, seconds: 0 }
  acc.seconds += PROCESSING_S
  state.operating.set(method, acc)
  return {
    start,
    finish,
    duration: PROCESSING_S,
    processing: PROCESSING_S,
    date_start: isoDateTime(startMs),
    date_finish: isoDateTime(startMs + PROCESSING_S * 1000),
    operating_reset_at: acc.resetAt,
    operating: Number(acc.seconds.toFixed(6)),
  }
}

/** CORS as `CRestUtil::sendHeaders()` sends it. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'origin, content-type, accept',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...CORS_HEADERS },
  })
}
