import { dryRun, err, ok, type DryRunReport, type Result, type SalesError } from '@salesflow/rules'
import type { Lead, PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { leadInputOf } from '../lead/open-lead-card'
import type { SettingsAdminError } from './sections'
import { validateSection } from './sections'

export interface DryRunMoveExample {
  readonly from: string
  readonly to: string
  readonly count: number
  /** Up to 5 leads of this move, to open and check by hand. */
  readonly examples: readonly { readonly id: number; readonly title: string }[]
}

/**
 * A rule worth a second look before saving, read off the dry run's per-rule counts (no second run): one that
 * fires on no past lead classifies nothing; one that fires but never wins is shadowed by higher-priority rules.
 */
export type LeadRuleWarning =
  | { readonly code: 'RULE_MATCHES_NO_LEAD'; readonly rule: string }
  | { readonly code: 'RULE_SHADOWED'; readonly rule: string; readonly fired: number }

export interface LeadRulesDryRun {
  readonly report: DryRunReport
  readonly directionMoves: readonly DryRunMoveExample[]
  readonly qualificationMoves: readonly DryRunMoveExample[]
  readonly warnings: readonly LeadRuleWarning[]
}

/** The warnings of a dry run, in the order of the rules; none when there were no leads to judge by. */
export function leadRuleWarnings(report: DryRunReport): LeadRuleWarning[] {
  if (report.total === 0) return []
  return Object.entries(report.ruleHits).flatMap(([rule, hits]): LeadRuleWarning[] => {
    if (hits.fired === 0) return [{ code: 'RULE_MATCHES_NO_LEAD', rule }]
    if (hits.won === 0) return [{ code: 'RULE_SHADOWED', rule, fired: hits.fired }]
    return []
  })
}

function withExamples(
  moves: DryRunReport['directionMoves'] | DryRunReport['qualificationMoves'],
  titles: ReadonlyMap<string, string>,
): DryRunMoveExample[] {
  return moves.map((m) => ({
    from: m.from,
    to: m.to,
    count: m.count,
    examples: m.leadIds.slice(0, 5).map((id) => ({ id: Number(id), title: titles.get(id) ?? '' })),
  }))
}

/** Compares two rule sets over leads already read: pure, so the bench measures the computation alone. */
export function compareLeadRules(
  current: unknown,
  proposed: unknown,
  leads: readonly Lead[],
): Result<LeadRulesDryRun, SettingsAdminError | SalesError> {
  const valid = validateSection('leadRules', proposed, { users: [] })
  if (!valid.ok) return valid
  const inputs = leads.map((lead) => leadInputOf(lead))
  const report = dryRun(current as never, proposed as never, inputs)
  if (!report.ok) return err(report.error)
  const titles = new Map(leads.map((l) => [String(l.id), l.title]))
  return ok({
    report: report.value,
    directionMoves: withExamples(report.value.directionMoves, titles),
    qualificationMoves: withExamples(report.value.qualificationMoves, titles),
    warnings: leadRuleWarnings(report.value),
  })
}

/**
 * What a changed lead rule set would do to the portal's past leads, before it is saved: the leads are read in
 * bulk (chained pages, 50 per batch: 10,000 leads in 5 round trips) and classified by both sets.
 */
export async function dryRunLeadRules(
  gateway: PortalGateway<'leads'>,
  input: { readonly current: unknown; readonly proposed: unknown },
): Promise<Result<LeadRulesDryRun, SettingsAdminError | SalesError | PortalError>> {
  const valid = validateSection('leadRules', input.proposed, { users: [] })
  if (!valid.ok) return valid
  const leads = await gateway.repositories.leads.list({}, { count: true })
  if (!leads.ok) return leads
  return compareLeadRules(input.current, input.proposed, leads.value.records)
}
