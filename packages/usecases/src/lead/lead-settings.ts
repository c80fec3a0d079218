import {
  compileLeadRuleSet,
  DEFAULT_LEAD_RULES,
  DEFAULT_LEAD_STATUS_CONFIG,
  isRecord,
  LEAD_STAGES,
  type CompiledRuleSet,
  type LeadStatusConfig,
} from '@salesflow/rules'
import type { Stage } from '@salesflow/portal'
import type { SettingProblem, Worded } from '../settings'
import { SF_FIELDS } from '../install/field-names'

/** A reason a lead is junk, as the unqualify form lists it. */
export interface JunkReason extends Worded {
  readonly id: string
}

/** The app option `salesflow.leads` (stages on statuses, fields, reasons) and the rules of `salesflow.leadRules`. */
export interface LeadSettings {
  readonly status: LeadStatusConfig
  /** The lead's user field with the client's ИНН (a company is found by it before one is created). */
  readonly innField: string
  /** The key of the funnel a qualified lead's deal starts in (`salesflow.funnels`). */
  readonly funnel: string
  readonly junkReasons: readonly JunkReason[]
  readonly rules: CompiledRuleSet
  readonly problems: readonly SettingProblem[]
}

export const DEFAULT_JUNK_REASONS: readonly JunkReason[] = [
  { id: 'no-budget', ru: 'Нет бюджета', en: 'No budget' },
  { id: 'duplicate', ru: 'Дубль обращения', en: 'Duplicate request' },
  { id: 'not-our-profile', ru: 'Не наш профиль', en: 'Not our line of business' },
  { id: 'unreachable', ru: 'Не выходит на связь', en: 'Does not answer' },
]

function shippedRules(): CompiledRuleSet {
  const compiled = compileLeadRuleSet(DEFAULT_LEAD_RULES)
  // The shipped JSON is tested in packages/rules: failing here is a build defect, not user input.
  if (!compiled.ok) throw new Error('the shipped lead rules do not compile')
  return compiled.value
}
const DEFAULT_RULES = shippedRules()

/** App option values arrive as objects or as the JSON they were stored as. */
function decode(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

const isReason = (v: unknown): v is JunkReason =>
  isRecord(v) &&
  typeof v['id'] === 'string' &&
  v['id'] !== '' &&
  typeof v['ru'] === 'string' &&
  typeof v['en'] === 'string'

/** Why a stage mapping is unusable: a stage without statuses, or a status to write that the portal does not have. */
function statusProblem(statuses: unknown, portal: readonly Stage[] | undefined): string | null {
  if (!isRecord(statuses)) return 'statuses: needs new, inWork, qualified, unqualified'
  for (const stage of LEAD_STAGES) {
    const ids = statuses[stage]
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id))
      return `statuses.${stage}: a list of lead status ids`
    // The first id is the one written; the others are only read as the stage, so a portal may lack them.
    if (portal && !portal.some((s) => s.id === ids[0]))
      return `statuses.${stage}: the portal has no lead status ${ids[0]}`
  }
  return null
}

/**
 * Lead settings from the app options a card carries (no round trip of its own); `portalStatuses` (the card's
 * crm.status list) checks that the mapping names statuses the portal has. Each unusable part is reported and the
 * default is used meanwhile, as readSettings does.
 */
export function readLeadSettings(
  options: Readonly<Record<string, unknown>>,
  portalStatuses?: readonly Stage[],
): LeadSettings {
  const problems: SettingProblem[] = []
  const problem = (option: string, text: string) => problems.push({ code: 'SETTING_INVALID', option, problem: text })
  let status = DEFAULT_LEAD_STATUS_CONFIG
  let innField: string = SF_FIELDS.inn
  let funnel = 'activity'
  let junkReasons = DEFAULT_JUNK_REASONS
  const o = decode(options['salesflow.leads'])
  if (o !== undefined) {
    if (!isRecord(o)) problem('salesflow.leads', 'needs statuses, fields and junkReasons')
    else {
      if (o['statuses'] !== undefined) {
        const why = statusProblem(o['statuses'], portalStatuses)
        if (why) problem('salesflow.leads', why)
        else status = { ...status, statuses: o['statuses'] as LeadStatusConfig['statuses'] }
      }
      for (const key of ['directionField', 'junkReasonField'] as const) {
        const v = o[key]
        if (v === undefined) continue
        if (typeof v === 'string' && /^UF_CRM_\w+$/.test(v)) status = { ...status, [key]: v }
        else problem('salesflow.leads', `${key}: a UF_CRM_ field code`)
      }
      const inn = o['innField']
      if (inn !== undefined) {
        if (typeof inn === 'string' && /^UF_CRM_\w+$/.test(inn)) innField = inn
        else problem('salesflow.leads', 'innField: a UF_CRM_ field code')
      }
      if (o['funnel'] !== undefined) {
        if (typeof o['funnel'] === 'string' && o['funnel']) funnel = o['funnel']
        else problem('salesflow.leads', 'funnel: a funnel key')
      }
      const reasons = o['junkReasons']
      if (reasons !== undefined) {
        if (Array.isArray(reasons) && reasons.length > 0 && reasons.every(isReason)) junkReasons = reasons
        else problem('salesflow.leads', 'junkReasons: a list of {id, ru, en}')
      }
    }
  } else if (portalStatuses) {
    const why = statusProblem(status.statuses, portalStatuses)
    if (why) problem('salesflow.leads', why)
  }
  let rules = DEFAULT_RULES
  const r = decode(options['salesflow.leadRules'])
  if (r !== undefined) {
    const compiled = compileLeadRuleSet(r)
    if (compiled.ok) rules = compiled.value
    else
      problem(
        'salesflow.leadRules',
        compiled.error.code === 'RULESET_INVALID' ? `${compiled.error.path}: ${compiled.error.problem}` : '',
      )
  }
  return { status, innField, funnel, junkReasons, rules, problems }
}
