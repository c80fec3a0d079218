import { compileLeadRuleSet, err, isRecord, ok, parseRoleConfig, type Result } from '@salesflow/rules'
import { readSettingsPage, type PortalError, type SettingsPageData, type User } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { readSettings } from '../settings'
import { DEFAULT_OPTIONS } from '../install/manifest'

/** The administrator's page sections; each is one app option (`salesflow.<section>`) saved as a whole. */
export const SETTINGS_SECTIONS = ['leadRules', 'roles', 'company', 'policy', 'delivery', 'funnels'] as const
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
        value: decode(data.value.options[optionKey(s)]) ?? DEFAULT_OPTIONS[optionKey(s)] ?? null,
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

/** Our requisites: what an offer and an invoice print must be complete and well-formed. */
function companyProblem(c: unknown): { path: string; problem: string } | null {
  if (!isRecord(c)) return { path: '$', problem: 'must be an object' }
  if (typeof c['name'] !== 'string' || !c['name'].trim()) return { path: '$.name', problem: 'is required' }
  if (!digits(c['inn'], [10, 12])) return { path: '$.inn', problem: 'ИНН is 10 or 12 digits' }
  if (c['kpp'] !== undefined && c['kpp'] !== '' && !digits(c['kpp'], [9]))
    return { path: '$.kpp', problem: 'КПП is 9 digits' }
  const bank = c['bank']
  if (!isRecord(bank)) return { path: '$.bank', problem: 'is required' }
  if (!digits(bank['bik'], [9])) return { path: '$.bank.bik', problem: 'БИК is 9 digits' }
  if (!digits(bank['account'], [20])) return { path: '$.bank.account', problem: 'the account is 20 digits' }
  if (!digits(bank['correspondentAccount'], [20]))
    return { path: '$.bank.correspondentAccount', problem: 'the correspondent account is 20 digits' }
  return null
}

/**
 * Checks a section's value before it is saved. `users`: the portal's active users (a role given to a user who is
 * not among them — deleted or dismissed — is refused).
 */
export function validateSection(
  section: SettingsSection,
  value: unknown,
  context: { readonly users: readonly User[] },
): Result<unknown, Extract<SettingsAdminError, { code: 'SETTINGS_INVALID' }>> {
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
    const p = companyProblem(value)
    return p ? invalid(p.path, p.problem) : ok(value)
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
  const valid = validateSection(input.section, input.value, { users: input.page.users })
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
