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

/** What is wrong with one field of `salesflow.bank`: a code the settings form words in ru and en. */
export type BankSettingsProblemCode =
  'notObject' | 'toleranceNotObject' | 'amountInvalid' | 'percentRange' | 'scoreRange'

const BANK_PROBLEM_TEXT: Readonly<Record<BankSettingsProblemCode, string>> = {
  notObject: 'must be an object',
  toleranceNotObject: 'must be an object with absolute and percent',
  amountInvalid: 'must be an amount of zero or more',
  percentRange: 'must be a percent from 0 to 100',
  scoreRange: 'must be a whole score from 0 to 200',
}

export interface BankSettingsProblem {
  readonly path: string
  readonly code: BankSettingsProblemCode
  readonly problem: string
}

/**
 * Every problem of a `salesflow.bank` value by path, so the form marks each field; a save is refused with the first.
 * What it accepts, bankSettingsOf reads as given (absent keys keep their defaults); other keys are left alone.
 */
export function bankSettingsProblems(value: unknown): BankSettingsProblem[] {
  const out: BankSettingsProblem[] = []
  const add = (path: string, code: BankSettingsProblemCode) =>
    void out.push({ path, code, problem: BANK_PROBLEM_TEXT[code] })
  if (!isRecord(value)) {
    add('$', 'notObject')
    return out
  }
  const amount = (v: unknown) => {
    const d = typeof v === 'string' || typeof v === 'number' ? parseDecimal(v, 'tolerance') : null
    return d?.ok ? d.value : null
  }
  const t = value['tolerance']
  if (t !== undefined && !isRecord(t)) add('$.tolerance', 'toleranceNotObject')
  if (isRecord(t)) {
    if (t['absolute'] !== undefined && !amount(t['absolute'])?.gte(0)) add('$.tolerance.absolute', 'amountInvalid')
    const percent = t['percent'] === undefined ? undefined : amount(t['percent'])
    if (percent !== undefined && !(percent?.gte(0) && percent.lte(100))) add('$.tolerance.percent', 'percentRange')
  }
  for (const key of ['acceptScore', 'margin'] as const)
    if (value[key] !== undefined && score(value[key], -1) < 0) add(`$.${key}`, 'scoreRange')
  return out
}
