import { checkLeadMove, leadUpdateFor, type Result, type SalesError } from '@salesflow/rules'
import type { DealPatch, PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import type { UsecaseError } from '../errors'
import type { OpenedLead } from './open-lead-card'

/** What the "take into work" form may add when the lead has no way to reach the client. */
export interface ContactValues {
  readonly phone?: string
  readonly email?: string
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The phone and e-mail typed into a form, checked; empty ones are left out. Errors: PHONE_INVALID, EMAIL_INVALID. */
export function contactFields(values: ContactValues): Result<DealPatch, UsecaseError> {
  const phone = (values.phone ?? '').trim()
  const email = (values.email ?? '').trim()
  const digits = phone.replace(/\D/g, '')
  if (phone && (!/^[+\d\s()-]+$/.test(phone) || digits.length < 5 || digits.length > 15))
    return { ok: false, error: { code: 'PHONE_INVALID', value: phone } }
  if (email && !EMAIL.test(email)) return { ok: false, error: { code: 'EMAIL_INVALID', value: email } }
  const fields: Record<string, DealPatch[string]> = {}
  if (phone) fields['PHONE'] = [{ VALUE: phone, VALUE_TYPE: 'WORK' }] as never
  if (email) fields['EMAIL'] = [{ VALUE: email, VALUE_TYPE: 'WORK' }] as never
  return { ok: true, value: fields }
}

/**
 * Takes a new lead into work (TAKE) or reopens an unqualified one (REOPEN): the guard asks for a phone or an
 * e-mail before work starts, which the form's `values` may supply (written with the status in one update).
 * Errors: ROLE_NOT_ALLOWED, TRANSITION_NOT_ALLOWED, GUARD_FAILED (CONTACT_REQUIRED), PHONE_INVALID, EMAIL_INVALID,
 * the portal's.
 */
export async function moveLead(
  gateway: PortalGateway<'leads'>,
  input: { readonly opened: OpenedLead; readonly event: 'TAKE' | 'REOPEN'; readonly values?: ContactValues },
): Promise<Result<{ readonly statusId: string }, SalesError | PortalError | UsecaseError>> {
  const { opened, event } = input
  const contact = contactFields(input.values ?? {})
  if (!contact.ok) return contact
  const { lead } = opened.card
  const snapshot = {
    hasPhone: lead.phones.length > 0 || 'PHONE' in contact.value,
    hasEmail: lead.emails.length > 0 || 'EMAIL' in contact.value,
    direction: opened.direction,
  }
  const check = checkLeadMove(opened.stage, event, snapshot, opened.role)
  if (!check.ok) return check
  const update = leadUpdateFor(opened.leadSettings.status, opened.stage, { type: event }, opened.role)
  if (!update.ok) return update
  const fields = { ...update.value.fields, ...contact.value }
  const res = await gateway.repositories.leads.update(lead.id, fields)
  return res.ok ? { ok: true, value: { statusId: update.value.fields['STATUS_ID']! } } : res
}
