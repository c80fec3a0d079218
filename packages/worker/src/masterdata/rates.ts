import { baseCurrencyCode, isRecord, parseDecimal } from '@salesflow/rules'
import type { PortalGateway } from '@salesflow/usecases'

/** `GET /rates` of masterdata.openapi.json: rates against the base currency. */
export interface PulledRates {
  readonly base: string
  readonly date: string
  readonly rates: readonly { readonly currency: string; readonly rate: string; readonly nominal: number }[]
}

export type PullError =
  | { readonly code: 'MASTER_DATA_UNAVAILABLE'; readonly message: string }
  /** The answer breaks the contract: nothing of it is written. */
  | { readonly code: 'MASTER_DATA_INVALID'; readonly field: string }
  /** Rates quoted against another base than the portal's: writing them would corrupt every conversion. */
  | { readonly code: 'MASTER_DATA_BASE_MISMATCH'; readonly base: string; readonly portalBase: string | null }

const DECIMAL = /^-?\d+(\.\d+)?$/

/** The contract's shape of `/rates`, or the first field that breaks it. */
export function readRates(body: unknown): { ok: true; value: PulledRates } | { ok: false; error: PullError } {
  const bad = (field: string) => ({ ok: false as const, error: { code: 'MASTER_DATA_INVALID' as const, field } })
  if (!isRecord(body)) return bad('')
  const { base, date, rates } = body
  if (typeof base !== 'string' || !/^[A-Z]{3}$/.test(base)) return bad('base')
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return bad('date')
  if (!Array.isArray(rates)) return bad('rates')
  const out: PulledRates['rates'][number][] = []
  for (const [i, r] of rates.entries()) {
    if (!isRecord(r)) return bad(`rates[${i}]`)
    if (typeof r['currency'] !== 'string' || !/^[A-Z]{3}$/.test(r['currency'])) return bad(`rates[${i}].currency`)
    const rate = r['rate']
    if (typeof rate !== 'string' || !DECIMAL.test(rate)) return bad(`rates[${i}].rate`)
    const positive = parseDecimal(rate, 'rate')
    if (!positive.ok || !positive.value.gt(0)) return bad(`rates[${i}].rate`)
    const nominal = r['nominal']
    if (typeof nominal !== 'number' || !Number.isInteger(nominal) || nominal < 1) return bad(`rates[${i}].nominal`)
    out.push({ currency: r['currency'], rate, nominal })
  }
  return { ok: true, value: { base, date, rates: out } }
}

/** GETs `<baseUrl>/rates` and checks it against the contract. */
export async function fetchRates(
  baseUrl: string,
  timeoutMs = 10_000,
): Promise<{ ok: true; value: PulledRates } | { ok: false; error: PullError }> {
  try {
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/rates`, { signal: AbortSignal.timeout(timeoutMs) })
    if (!res.ok)
      return { ok: false, error: { code: 'MASTER_DATA_UNAVAILABLE', message: `GET /rates answered ${res.status}` } }
    return readRates(await res.json())
  } catch (e) {
    const message = `GET /rates failed: ${e instanceof Error ? e.message : String(e)}`
    return { ok: false, error: { code: 'MASTER_DATA_UNAVAILABLE', message } }
  }
}

export interface RatesWritten {
  /** Currencies whose rate or nominal changed on the portal. */
  readonly updated: readonly string[]
  /** Quoted by the master-data system but absent from the portal (never created by the worker). */
  readonly unknown: readonly string[]
}

/**
 * Writes pulled rates to the portal's currency table (crm.currency.update), only where the rate or the nominal
 * differs from what the portal holds, so a repeat of the same pull writes nothing. The base currency is never
 * touched; rates against another base are refused whole.
 */
export async function writeRates(
  gateway: PortalGateway,
  pulled: PulledRates,
): Promise<{ ok: true; value: RatesWritten } | { ok: false; error: PullError | { code: string; message: unknown } }> {
  const { reference, currencyRates } = gateway.repositories
  const table = await reference.currencies()
  if (!table.ok) return { ok: false, error: { code: table.error.code, message: table.error.message } }
  const portalBase = baseCurrencyCode(table.value)
  if (portalBase !== pulled.base)
    return { ok: false, error: { code: 'MASTER_DATA_BASE_MISMATCH', base: pulled.base, portalBase } }
  const updated: string[] = []
  const unknown: string[] = []
  for (const r of pulled.rates) {
    const row = table.value.find((c) => c.CURRENCY === r.currency)
    if (!row) {
      unknown.push(r.currency)
      continue
    }
    if (row.isBase) continue
    const held = parseDecimal(row.AMOUNT, 'AMOUNT')
    const same = held.ok && held.value.eq(r.rate) && Number(row.AMOUNT_CNT) === r.nominal
    if (same) continue
    const w = await currencyRates.setRate(r.currency, r.rate, r.nominal)
    if (!w.ok) return { ok: false, error: { code: w.error.code, message: w.error.message } }
    updated.push(r.currency)
  }
  return { ok: true, value: { updated, unknown } }
}
