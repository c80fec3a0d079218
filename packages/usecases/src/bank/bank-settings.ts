import { isRecord, parseDecimal } from '@salesflow/rules'

/** How the bank page matches receipts: the app option `salesflow.bank`, defaults where it says nothing. */
export interface BankSettings {
  /** How far a receipt may be from the outstanding amount and still count as equal. */
  readonly tolerance: { readonly absolute: string; readonly percent: string }
  /** Lowest score a match is accepted with before the accountant looks (the page pre-accepts those). */
  readonly acceptScore: number
  /** How far the best proposal must lead the next one to count as sure. */
  readonly margin: number
}

export const BANK_OPTION = 'salesflow.bank'

export const DEFAULT_BANK_SETTINGS: BankSettings = {
  tolerance: { absolute: '0', percent: '0' },
  acceptScore: 70,
  margin: 15,
}

const decode = (v: unknown): unknown => {
  if (typeof v !== 'string') return v
  try {
    return JSON.parse(v)
  } catch {
    return undefined
  }
}

const nonNegative = (v: unknown, fallback: string): string => {
  if (typeof v !== 'string' && typeof v !== 'number') return fallback
  const d = parseDecimal(v, 'tolerance')
  return d.ok && d.value.gte(0) ? d.value.toFixed() : fallback
}

const score = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 200 ? v : fallback

/** The option as stored (object or JSON text); an unusable key keeps its default. */
export function bankSettingsOf(options: Readonly<Record<string, unknown>>): BankSettings {
  const raw = decode(options[BANK_OPTION])
  if (!isRecord(raw)) return DEFAULT_BANK_SETTINGS
  const t = isRecord(raw['tolerance']) ? raw['tolerance'] : {}
  return {
    tolerance: {
      absolute: nonNegative(t['absolute'], DEFAULT_BANK_SETTINGS.tolerance.absolute),
      percent: nonNegative(t['percent'], DEFAULT_BANK_SETTINGS.tolerance.percent),
    },
    acceptScore: score(raw['acceptScore'], DEFAULT_BANK_SETTINGS.acceptScore),
    margin: score(raw['margin'], DEFAULT_BANK_SETTINGS.margin),
  }
}
