import { leadUpdateFor, type Result, type SalesError } from '@salesflow/rules'
import type { PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import type { UsecaseError } from '../errors'
import type { OpenedLead } from './open-lead-card'

/**
 * Closes a lead as junk with a reason from the settings' list: the portal's junk status, the reason's id in the
 * junk-reason field and a timeline line with the reason in words, in one batch (the line only if the update ran).
 * Errors: JUNK_REASON_UNKNOWN, ROLE_NOT_ALLOWED, TRANSITION_NOT_ALLOWED, the portal's.
 */
export async function unqualifyLead(
  gateway: PortalGateway<'leads'>,
  input: { readonly opened: OpenedLead; readonly reason: string },
): Promise<Result<{ readonly statusId: string }, SalesError | PortalError | UsecaseError>> {
  const { opened } = input
  const reason = opened.leadSettings.junkReasons.find((r) => r.id === input.reason)
  if (!reason) return { ok: false, error: { code: 'JUNK_REASON_UNKNOWN', reason: String(input.reason) } }
  const update = leadUpdateFor(
    opened.leadSettings.status,
    opened.stage,
    { type: 'DISQUALIFY', reason: reason.id },
    opened.role,
  )
  if (!update.ok) return update
  const who = opened.card.currentUser.fullName || `#${opened.card.currentUser.id}`
  const comment = `Salesflow: ${who}: некачественный лид — ${reason.ru} / unqualified: ${reason.en}`
  const res = await gateway.repositories.leads.updateWithComment(opened.card.lead.id, update.value.fields, comment)
  return res.ok ? { ok: true, value: { statusId: update.value.fields['STATUS_ID']! } } : res
}
