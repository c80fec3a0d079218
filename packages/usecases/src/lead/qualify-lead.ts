import { leadUpdateFor, type Result, type SalesError } from '@salesflow/rules'
import {
  encodeListValues,
  type Created,
  type DealPatch,
  type PortalError,
  type QueryObject,
  type UserFieldDescriptions,
} from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import type { UsecaseError } from '../errors'
import type { OpenedLead } from './open-lead-card'

/** The deal a qualified lead became, and the client it was bound to. */
export interface QualifiedLead {
  readonly dealId: number
  /** false when the deal was there already (a second click, or a concurrent conversion that won). */
  readonly created: boolean
  readonly companyId: number | null
  readonly contactId: number | null
}

type Failure = SalesError | PortalError | UsecaseError
type Step<T> = Promise<Result<T, Failure>>

const okOf = <T>(value: T): Result<T, never> => ({ ok: true, value })

/** A patch with our list codes as the portal stores them (item IDs), or the code its field does not list. */
function encoded<T extends Readonly<Record<string, unknown>>>(
  patch: T,
  fields: UserFieldDescriptions,
): Result<T, UsecaseError> {
  const r = encodeListValues(patch, fields)
  return r.ok ? r : { ok: false, error: { code: 'LIST_VALUE_UNKNOWN', field: r.field, value: r.value } }
}

/**
 * Qualifies a lead, which converts it: the company and the contact are found (the lead's own, then by ИНН, phone,
 * e-mail) or created and bound to the lead at once, the deal is created in the configured funnel (Activity) with the
 * lead's direction, source, responsible and product rows and LEAD_ID, and the lead gets the portal's converted
 * status.
 *
 * Idempotent: the deal is looked up by LEAD_ID first (a second click returns it); two conversions running at once
 * both create a deal, then both read the lead's deals and keep the oldest, the other removing its own. A step that
 * fails leaves what was made bound to the lead, so the retry reuses it (never a second company).
 * Errors: ROLE_NOT_ALLOWED, TRANSITION_NOT_ALLOWED, GUARD_FAILED (DIRECTION_REQUIRED), LEAD_FUNNEL_NOT_CONFIGURED,
 * the portal's.
 */
export async function qualifyLead(
  gateway: PortalGateway<'leads' | 'leadConversion' | 'productRows'>,
  input: { readonly opened: OpenedLead; readonly direction?: string },
): Step<QualifiedLead> {
  const { opened } = input
  const { lead } = opened.card
  const { leads, leadConversion: conv, productRows } = gateway.repositories
  const status = opened.leadSettings.status
  const direction = (input.direction ?? opened.direction).trim()

  // Who may and whether the lead may go there: checked before anything is read or written.
  if (opened.stage !== 'qualified') {
    const move = leadUpdateFor(status, opened.stage, { type: 'QUALIFY', direction: direction as never }, opened.role)
    if (!move.ok) return move
  }

  /** The lead's converted status and direction (idempotent: a retry writes the same). */
  const finish = async (dealId: number, created: boolean, companyId: number | null, contactId: number | null) => {
    const fields: Record<string, string | number> = { STATUS_ID: status.statuses.qualified[0]! }
    if (direction) fields[status.directionField] = direction
    const patch = encoded(fields, opened.card.leadFields)
    if (!patch.ok) return patch
    const done = await leads.update(lead.id, patch.value)
    return done.ok ? okOf({ dealId, created, companyId, contactId }) : done
  }

  /** A deal found by LEAD_ID: a previous attempt made it. Its rows are copied if that attempt stopped before. */
  const resume = async (dealId: number): Step<QualifiedLead> => {
    if (opened.card.productRows.length > 0) {
      const rows = await productRows.ofDeal(dealId)
      if (!rows.ok) return rows
      if (rows.value.length === 0) {
        const set = await conv.setDealRows(dealId, opened.card.productRows)
        if (!set.ok) return set
      }
    }
    return finish(dealId, false, lead.companyId, lead.contactId)
  }

  // One round trip for every lookup: the lead's deal (a previous attempt), its company and its contact.
  const inn = innOf(opened)
  const found = await conv.findClient({ leadId: lead.id, inn, phones: lead.phones, emails: lead.emails })
  if (!found.ok) return found
  if (found.value.deals[0] !== undefined) return resume(found.value.deals[0])

  const funnel = opened.settings.funnels.funnels.find((f) => f.key === opened.leadSettings.funnel)
  const firstStage = funnel?.stages[0]?.id
  if (!funnel || !firstStage)
    return { ok: false, error: { code: 'LEAD_FUNNEL_NOT_CONFIGURED', funnel: opened.leadSettings.funnel } }

  const company = await companyOf(gateway, opened, inn, found.value.companies)
  if (!company.ok) return company
  const contact = await contactOf(gateway, opened, company.value, found.value.contacts)
  if (!contact.ok) return contact

  const fields: DealPatch = {
    TITLE: lead.title,
    CATEGORY_ID: funnel.categoryId,
    STAGE_ID: firstStage,
    LEAD_ID: lead.id,
    SOURCE_ID: lead.sourceId,
    CURRENCY_ID: lead.currency,
    OPPORTUNITY: lead.opportunity,
    [status.directionField]: direction,
    ...(lead.assignedById ? { ASSIGNED_BY_ID: lead.assignedById } : {}),
    ...(company.value ? { COMPANY_ID: company.value } : {}),
    ...(contact.value ? { CONTACT_ID: contact.value } : {}),
  }
  const dealPatch = encoded(fields, opened.card.dealFields)
  if (!dealPatch.ok) return dealPatch
  const added = await conv.addDeal(dealPatch.value as QueryObject, opened.card.productRows)
  if (!added.ok) {
    // The deal may be there (a lost answer, or rows that failed after it): never re-sent, looked up instead.
    const after = await conv.dealsOfLead(lead.id)
    if (after.ok && after.value[0] !== undefined) return resume(after.value[0])
    return added
  }
  // Two conversions at once both get here: the oldest deal of the lead stays, the younger one is removed.
  const all = await conv.dealsOfLead(lead.id)
  if (!all.ok) return all
  const oldest = all.value[0] ?? added.value
  if (oldest !== added.value) {
    const removed = await conv.deleteDeal(added.value)
    if (!removed.ok) return removed
    return finish(oldest, false, company.value, contact.value)
  }
  return finish(added.value, true, company.value, contact.value)
}

/** The lead's ИНН from its configured user field, '' when none. */
const innOf = (opened: OpenedLead): string => {
  const v = opened.card.lead.userFields[opened.leadSettings.innField]
  return typeof v === 'string' ? v.replace(/\s/g, '') : ''
}

/** What a create left undone after it made the record (its binding to the lead, the requisite): an error. */
const settled = (made: Created): Result<number, PortalError> =>
  made.problem ? { ok: false, error: made.problem } : okOf(made.id)

/**
 * The company of the lead: its own (bound earlier), else the first found by ИНН, phone or e-mail (bound now), else
 * a new one bound to the lead in the same batch. None for a private person (no company name and no ИНН).
 */
async function companyOf(
  gateway: PortalGateway<'leads' | 'leadConversion'>,
  opened: OpenedLead,
  inn: string,
  found: readonly number[],
): Step<number | null> {
  const { lead } = opened.card
  if (lead.companyId) return okOf(lead.companyId)
  const title = lead.companyTitle.trim()
  if (!title && !inn) return okOf(null)
  if (found[0] !== undefined) return bind(gateway, opened, 'COMPANY_ID', found[0])
  const made = await gateway.repositories.leadConversion.addCompany({
    leadId: lead.id,
    title: title || `ИНН ${inn}`,
    inn,
    phones: lead.phones,
    emails: lead.emails,
    assignedById: lead.assignedById,
  })
  return made.ok ? settled(made.value) : made
}

/** The contact of the lead: its own, else the first found by phone or e-mail, else a new one (when it names a person). */
async function contactOf(
  gateway: PortalGateway<'leads' | 'leadConversion'>,
  opened: OpenedLead,
  companyId: number | null,
  found: readonly number[],
): Step<number | null> {
  const { lead } = opened.card
  if (lead.contactId) return okOf(lead.contactId)
  if (found[0] !== undefined) return bind(gateway, opened, 'CONTACT_ID', found[0])
  if (!lead.name.trim() && !lead.lastName.trim()) return okOf(null)
  const made = await gateway.repositories.leadConversion.addContact({
    leadId: lead.id,
    name: lead.name.trim(),
    lastName: lead.lastName.trim(),
    companyId,
    phones: lead.phones,
    emails: lead.emails,
    assignedById: lead.assignedById,
  })
  return made.ok ? settled(made.value) : made
}

/** Binds a company or contact found elsewhere to the lead, so that a retry after a later failure reuses it. */
async function bind(
  gateway: PortalGateway<'leads'>,
  opened: OpenedLead,
  field: 'COMPANY_ID' | 'CONTACT_ID',
  id: number,
): Step<number> {
  const res = await gateway.repositories.leads.update(opened.card.lead.id, { [field]: id })
  return res.ok ? okOf(id) : res
}
