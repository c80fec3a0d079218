import {
  compileLeadRuleSet,
  DEFAULT_LEAD_STATUS_CONFIG,
  err,
  isRecord,
  ok,
  parseConfiguratorOption,
  parseRoleConfig,
  type Result,
} from '@salesflow/rules'
import { isValidCorrespondentAccount, isValidInn, isValidSettlementAccount } from '@salesflow/exchange'
import { readSettingsPage, type PortalError, type SettingsPageData, type Stage, type User } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { readSettings } from '../settings'
import { DEFAULT_JUNK_REASONS, readLeadSettings } from '../lead/lead-settings'
import { DEFAULT_OPTIONS } from '../install/manifest'
import { bankSettingsProblems, DEFAULT_BANK_SETTINGS } from '../bank/bank-settings'

/** The administrator's page sections; each is one app option (`salesflow.<section>`) saved as a whole. */
export const SETTINGS_SECTIONS = [
  'leadRules',
  'roles',
  'company',
  'policy',
  'delivery',
  'funnels',
  'leads',
  'configurator',
  'bank',
] as const
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number]

export type SettingsAdminError =
  | { readonly code: 'SETTINGS_NOT_ADMIN' }
  /** `line` when the section was given as JSON text and the problem can be placed in it. */
  | {
      readonly code: 'SETTINGS_INVALID'
      readonly section: SettingsSection
      readonly path: string
      readonly problem: string
      readonly line?: number
    }
  /** Someone saved this section after the page read it: nothing is overwritten. */
  | { readonly code: 'SETTINGS_STALE'; readonly section: SettingsSection; readonly version: number }
  | { readonly code: 'SETTINGS_VERSION_UNKNOWN'; readonly section: SettingsSection; readonly version: number }
  /** The section names a stage (or lead status) the portal does not have. */
  | {
      readonly code: 'SETTINGS_UNKNOWN_STAGE'
      readonly section: SettingsSection
      readonly path: string
      readonly stage: string
    }

/** What validateSection refuses a value with. */
export type SectionValueError = Extract<SettingsAdminError, { code: 'SETTINGS_INVALID' | 'SETTINGS_UNKNOWN_STAGE' }>

/** One saved version of a section: who changed it, when, and the whole value (so it can be restored). */
export interface AuditEntry {
  readonly version: number
  readonly by: { readonly id: number; readonly name: string }
  /** ISO 8601. */
  readonly at: string
  /** `saved` or `rolled back to 3`. */
  readonly what: string
  readonly value: unknown
}

/** A section's version and its last versions, newest first (kept beside the value in `salesflow.history.<section>`). */
export interface SectionHistory {
  readonly version: number
  readonly entries: readonly AuditEntry[]
}

export const HISTORY_LIMIT = 10
export const optionKey = (s: SettingsSection): string => `salesflow.${s}`
export const historyKey = (s: SettingsSection): string => `salesflow.history.${s}`

/** App option values arrive as objects or as the JSON text they were stored as. */
function decode(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

export function historyOf(options: Readonly<Record<string, unknown>>, section: SettingsSection): SectionHistory {
  const h = decode(options[historyKey(section)])
  if (!isRecord(h) || !Number.isInteger(h['version']) || !Array.isArray(h['entries']))
    return { version: 0, entries: [] }
  return {
    version: h['version'] as number,
    entries: (h['entries'] as unknown[]).filter(isRecord) as unknown as AuditEntry[],
  }
}

/** The lead tab's option as it reads it when never saved (the install writes none: the statuses are portal data). */
const DEFAULT_LEADS = {
  ...DEFAULT_LEAD_STATUS_CONFIG,
  innField: 'UF_CRM_SF_INN',
  funnel: 'activity',
  junkReasons: DEFAULT_JUNK_REASONS,
}
const sectionDefault = (s: SettingsSection): unknown =>
  s === 'leads'
    ? DEFAULT_LEADS
    : s === 'bank'
      ? DEFAULT_BANK_SETTINGS // what the bank page matches with while never saved
      : (DEFAULT_OPTIONS[optionKey(s)] ?? null)

/** The page's view of a section: its value (the default when never saved), version and history. */
export interface SectionState {
  readonly section: SettingsSection
  readonly value: unknown
  readonly history: SectionHistory
}

export interface SettingsPage extends SettingsPageData {
  readonly sections: Readonly<Record<SettingsSection, SectionState>>
}

/** Opens the settings page in one round trip; everyone may read, only administrators save. */
export async function openSettingsPage(gateway: PortalGateway<never>): Promise<Result<SettingsPage, PortalError>> {
  const data = await readSettingsPage(gateway.client)
  if (!data.ok) return data
  const sections = Object.fromEntries(
    SETTINGS_SECTIONS.map((s) => [
      s,
      {
        section: s,
        value: decode(data.value.options[optionKey(s)]) ?? sectionDefault(s),
        history: historyOf(data.value.options, s),
      },
    ]),
  ) as Record<SettingsSection, SectionState>
  return ok({ ...data.value, sections })
}

/** The line of a JSON text where `path` (`$.rules[2].conditions`) begins, best effort: its last key's first mention. */
export function lineOfPath(text: string, path: string): number | undefined {
  const keys = [...path.matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]/g)]
  const last = [...keys].reverse().find((m) => m[1] !== undefined)?.[1]
  if (!last) return undefined
  const at = text.indexOf(`"${last}"`)
  return at < 0 ? undefined : text.slice(0, at).split('\n').length
}

/** Whether a prefix of a JSON text already holds a syntax error (an incomplete but sound prefix does not). */
function brokenPrefix(text: string): boolean {
  try {
    JSON.parse(text)
    return false
  } catch (e) {
    const message = e instanceof Error ? e.message : ''
    if (/end of JSON input|Unterminated string/i.test(message)) return false
    // V8 reports a prefix that merely stops early as an error at its very end.
    const at = /position (\d+)/.exec(message)?.[1]
    return at === undefined || Number(at) < text.length
  }
}

/**
 * The line of a JSON text's first syntax error. Engines word (and place) the error differently, so it is found
 * directly: the shortest prefix that is already broken ends at the error (a longer prefix stays broken).
 */
function syntaxErrorLine(text: string): number {
  let [lo, hi] = [0, text.length]
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (brokenPrefix(text.slice(0, mid + 1))) hi = mid
    else lo = mid + 1
  }
  return text.slice(0, lo).split('\n').length
}

/** Parses a section's JSON text; a syntax error names its line. */
export function parseSectionText(
  section: SettingsSection,
  text: string,
): Result<unknown, Extract<SettingsAdminError, { code: 'SETTINGS_INVALID' }>> {
  try {
    return ok(JSON.parse(text))
  } catch {
    return err({ code: 'SETTINGS_INVALID', section, path: '$', problem: 'not valid JSON', line: syntaxErrorLine(text) })
  }
}

const digits = (v: unknown, n: readonly number[]): boolean =>
  typeof v === 'string' && n.some((k) => new RegExp(`^\\d{${k}}$`).test(v))

/** What is wrong with one requisites field: a code the form words in the user's language, and the English the save's error carries. */
export type RequisitesProblemCode =
  | 'notObject'
  | 'required'
  | 'innLength'
  | 'innCheckDigit'
  | 'kppFormat'
  | 'bikLength'
  | 'accountLength'
  | 'accountKey'
  | 'correspondentLength'
  | 'correspondentKey'

const PROBLEM_TEXT: Readonly<Record<RequisitesProblemCode, string>> = {
  notObject: 'must be an object',
  required: 'is required',
  innLength: 'ИНН is 10 or 12 digits',
  innCheckDigit: 'the ИНН check digit is wrong',
  kppFormat: 'КПП is 9 characters: 4 digits, 2 digits or letters, 3 digits',
  bikLength: 'БИК is 9 digits',
  accountLength: 'the account is 20 digits',
  accountKey: 'the account’s control key does not match the БИК',
  correspondentLength: 'the correspondent account is 20 digits',
  correspondentKey: 'the correspondent account does not match the БИК',
}

export type FieldProblem = { readonly path: string; readonly code: RequisitesProblemCode; readonly problem: string }

/**
 * Our requisites: what an offer and an invoice print must be complete and well-formed. Every problem, by path, so
 * the form marks each field; a save is refused with the first.
 */
export function companyProblems(c: unknown): FieldProblem[] {
  const out: FieldProblem[] = []
  const add = (path: string, code: RequisitesProblemCode) => void out.push({ path, code, problem: PROBLEM_TEXT[code] })
  if (!isRecord(c)) {
    add('$', 'notObject')
    return out
  }
  if (typeof c['name'] !== 'string' || !c['name'].trim()) add('$.name', 'required')
  if (!digits(c['inn'], [10, 12])) add('$.inn', 'innLength')
  else if (!isValidInn(c['inn'] as string)) add('$.inn', 'innCheckDigit')
  // КПП: tax office (4 digits), reason (2 digits or capital letters), number (3 digits); it has no check digit.
  const kpp = c['kpp']
  if (kpp !== undefined && kpp !== '' && !(typeof kpp === 'string' && /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp)))
    add('$.kpp', 'kppFormat')
  const bank = c['bank']
  if (!isRecord(bank)) {
    add('$.bank', 'required')
    return out
  }
  const bikOk = digits(bank['bik'], [9])
  if (!bikOk) add('$.bank.bik', 'bikLength')
  const bik = String(bank['bik'])
  if (!digits(bank['account'], [20])) add('$.bank.account', 'accountLength')
  else if (bikOk && !isValidSettlementAccount(bank['account'] as string, bik)) add('$.bank.account', 'accountKey')
  if (!digits(bank['correspondentAccount'], [20])) add('$.bank.correspondentAccount', 'correspondentLength')
  else if (bikOk && !isValidCorrespondentAccount(bank['correspondentAccount'] as string, bik))
    add('$.bank.correspondentAccount', 'correspondentKey')
  return out
}

/** Where a stage-naming section names a stage the portal does not have: the path and the id, or null. */
export function unknownStage(
  section: SettingsSection,
  value: unknown,
  stages: readonly Stage[],
): { path: string; stage: string } | null {
  const known = (entityId: string) => new Set(stages.filter((s) => s.entityId === entityId).map((s) => s.id))
  if (section === 'funnels' && isRecord(value) && Array.isArray(value['funnels'])) {
    for (const [i, f] of value['funnels'].entries()) {
      if (!isRecord(f) || !Array.isArray(f['stages'])) continue
      const ids = known(f['categoryId'] === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${String(f['categoryId'])}`)
      for (const [j, st] of f['stages'].entries())
        if (isRecord(st) && !ids.has(String(st['id'])))
          return { path: `$.funnels[${i}].stages[${j}].id`, stage: String(st['id']) }
    }
  }
  if (section === 'leads' && isRecord(value) && isRecord(value['statuses'])) {
    // Only the first status of a stage is written; the others are only read as it, so a portal may lack them.
    const ids = known('STATUS')
    for (const [stage, list] of Object.entries(value['statuses']))
      if (Array.isArray(list) && list.length > 0 && !ids.has(String(list[0])))
        return { path: `$.statuses.${stage}[0]`, stage: String(list[0]) }
  }
  return null
}

/**
 * Checks a section's value before it is saved. `users`: the portal's active users (a role given to a user who is
 * not among them — deleted or dismissed — is refused). `stages`: the portal's lead statuses and deal stages; when
 * given, a funnel stage or a lead status mapping that names one the portal lacks is refused.
 */
export function validateSection(
  section: SettingsSection,
  value: unknown,
  context: { readonly users: readonly User[]; readonly stages?: readonly Stage[] },
): Result<unknown, SectionValueError> {
  const invalid = (path: string, problem: string) => err({ code: 'SETTINGS_INVALID' as const, section, path, problem })
  if (section === 'leadRules') {
    const compiled = compileLeadRuleSet(value)
    if (!compiled.ok) {
      const e = compiled.error as { path?: string; problem?: string }
      return invalid(e.path ?? '$', e.problem ?? compiled.error.code)
    }
    return ok(value)
  }
  if (section === 'roles') {
    const parsed = parseRoleConfig(value)
    if (!parsed.ok) {
      const e = parsed.error as { path?: string; problem?: string }
      return invalid(e.path ?? '$', e.problem ?? parsed.error.code)
    }
    const active = new Set(context.users.map((u) => String(u.id)))
    const gone = Object.keys(parsed.value.users ?? {}).find((id) => !active.has(id))
    if (gone !== undefined) return invalid(`$.users.${gone}`, `user ${gone} is not an active user of the portal`)
    return ok(value)
  }
  if (section === 'company') {
    const p = companyProblems(value)[0]
    return p ? invalid(p.path, p.problem) : ok(value)
  }
  if (section === 'bank') {
    const p = bankSettingsProblems(value)[0]
    return p ? invalid(p.path, p.problem) : ok(value)
  }
  if (section === 'configurator') {
    const parsed = parseConfiguratorOption(value)
    if (parsed.ok) return ok(value)
    const e = parsed.error as { path?: string; problem?: string }
    const path = e.path ?? '$'
    return invalid(path.startsWith('$') ? path : `$.${path}`, e.problem ?? parsed.error.code)
  }
  const stage = context.stages ? unknownStage(section, value, context.stages) : null
  if (stage) return err({ code: 'SETTINGS_UNKNOWN_STAGE' as const, section, ...stage })
  if (section === 'leads') {
    const problem = readLeadSettings({ [optionKey(section)]: value }).problems.find(
      (p) => p.option === optionKey(section),
    )
    if (problem) {
      const [path, ...rest] = problem.problem.split(': ')
      return rest.length > 0 ? invalid(`$.${path}`, rest.join(': ')) : invalid('$', problem.problem)
    }
    return ok(value)
  }
  // policy, delivery, funnels: exactly what the widgets will read, checked by the same reader.
  const problem = readSettings({ [optionKey(section)]: value }).problems[0]
  if (problem) {
    const [path, ...rest] = problem.problem.split(': ')
    return rest.length > 0 ? invalid(`$.${path}`, rest.join(': ')) : invalid('$', problem.problem)
  }
  return ok(value)
}

export interface SaveSectionInput {
  readonly section: SettingsSection
  readonly value: unknown
  /** The version the page showed: a save over someone else's newer one is refused. */
  readonly baseVersion: number
  readonly page: SettingsPageData
  /** The clock (ISO 8601) for the audit line. */
  readonly now: string
  readonly what?: string
}

/**
 * Validates and saves one section: its value and its history (version + 1, who, what, when) in one app.option.set,
 * so a section is never half-saved. 2 round trips: the version is re-read first.
 */
export async function saveSection(
  gateway: PortalGateway<'options'>,
  input: SaveSectionInput,
): Promise<Result<SectionHistory, SettingsAdminError | PortalError>> {
  if (!input.page.isAdmin) return err({ code: 'SETTINGS_NOT_ADMIN' })
  const valid = validateSection(input.section, input.value, { users: input.page.users, stages: input.page.stages })
  if (!valid.ok) return valid
  const current = await gateway.repositories.options.app()
  if (!current.ok) return current
  const history = historyOf(current.value, input.section)
  if (history.version !== input.baseVersion)
    return err({ code: 'SETTINGS_STALE', section: input.section, version: history.version })
  const entry: AuditEntry = {
    version: history.version + 1,
    by: { id: input.page.currentUser.id, name: input.page.currentUser.fullName },
    at: input.now,
    what: input.what ?? 'saved',
    value: input.value,
  }
  const next: SectionHistory = { version: entry.version, entries: [entry, ...history.entries].slice(0, HISTORY_LIMIT) }
  // JSON text, as the install writes them: the portal keeps option values as strings.
  const saved = await gateway.repositories.options.setApp({
    [optionKey(input.section)]: JSON.stringify(input.value),
    [historyKey(input.section)]: JSON.stringify(next),
  })
  if (!saved.ok) return saved
  return ok(next)
}

/** Restores a section to one of its kept versions: saved as a new version (the audit line says which). */
export async function rollbackSection(
  gateway: PortalGateway<'options'>,
  input: Omit<SaveSectionInput, 'value' | 'what'> & { readonly toVersion: number; readonly history: SectionHistory },
): Promise<Result<SectionHistory, SettingsAdminError | PortalError>> {
  const target = input.history.entries.find((e) => e.version === input.toVersion)
  if (!target) return err({ code: 'SETTINGS_VERSION_UNKNOWN', section: input.section, version: input.toVersion })
  return saveSection(gateway, { ...input, value: target.value, what: `rolled back to ${input.toVersion}` })
}
