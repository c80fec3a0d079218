import type { LeadExplanation, Result, SalesError } from '@salesflow/rules'
import { loadLeadCard, type PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { openedLeadFrom, type OpenedLead } from './open-lead-card'

/** A lead's verdict as the worker records it on a lead add event: the same explanation the lead tab shows. */
export interface ClassifiedLead {
  readonly leadId: number
  readonly explanation: LeadExplanation
  readonly opened: OpenedLead
}

/**
 * Classifies a lead by the portal's rule set (`salesflow.leadRules`, else the shipped one) in one round trip,
 * through the same code as the tab's verdict (openedLeadFrom → explainLead). `appOptions: false` for a webhook,
 * which cannot read app options (the shipped rules and default settings apply then).
 * Errors: the portal's, and the rules' for lead data that cannot be classified (INVALID_NUMBER…).
 */
export async function classifyLead(
  gateway: PortalGateway<never>,
  input: { readonly leadId: number; readonly appOptions?: boolean },
): Promise<Result<ClassifiedLead, PortalError | SalesError>> {
  const card = await loadLeadCard(gateway.client, input.leadId, { appOptions: input.appOptions ?? true })
  if (!card.ok) return card
  const opened = openedLeadFrom(card.value)
  if (!opened.explanation.ok) return opened.explanation
  return { ok: true, value: { leadId: input.leadId, explanation: opened.explanation.value, opened } }
}
