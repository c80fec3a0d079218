import { baseCurrencyCode, isRecord, parseDecimal } from '@salesflow/rules'
import type { PortalGateway } from '@salesflow/usecases'
import { DECIMAL, getFromMasterData, invalid, type PullError, type Pulled } from './contract'

/** `GET /rates` of masterdata.openapi.json: rates against the base currency. */
export interface PulledRates {
  readonly base: string
  readonly date: string
  readonly rates: readonly { readonly currency: string; readonly rate: string; readonly nominal: number }[]
}

/** The contract's shape of `/rates`, or the first field that breaks it. */
export function readRates(body: unknown): Pulled<PulledRates> {
  if (!isRecord(body)) return invalid('')
  const { base, date, rates } = body
  if (typeof base !== 'string' || !/^[A-Z]{3}$/.test(base)) return invalid('base')
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return invalid('date')
  if (!Array.isArray(rates)) return invalid('rates')
  const out: PulledRates['rates'][number][] = []
  for (const [i, r] of rates.entries()) {
    if (!isRecord(r)) return invalid(`rates[${i}]`)
    if (typeof r['currency'] !== 'string' || !/^[A-Z]{3}$/.test(r['currency'])) return invalid(`rates[${i}].currency`)
    const rate = r['rate']
    if (typeof rate !== 'string' || !DECIMAL.test(rate)) return invalid(`rates[${i}].rate`)
    const positive = parseDecimal(rate, 'rate')
    if (!positive.ok || !positive.value.gt(0)) return invalid(`rates[${i}].rate`)
    const nominal = r['nominal']
    if (typeof nominal !== 'number' || !Number.isInteger(nominal) || nominal < 1) return invalid(`rates[${i}].nominal`)
    out.push({ currency: r['currency'], rate, nominal })
  }
  return { ok: true, value: { base, date, rates: out } }
}

/** GETs `<baseUrl>/rates` and checks it against the contract. */
export const fetchRates = (baseUrl: string, timeoutMs?: number): Promise<Pulled<PulledRates>> =>
  getFromMasterData(baseUrl, '/rates', readRates, timeoutMs)

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
