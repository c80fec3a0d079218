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

export interface LeadRulesDryRun {
  readonly report: DryRunReport
  readonly directionMoves: readonly DryRunMoveExample[]
  readonly qualificationMoves: readonly DryRunMoveExample[]
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
