import { ok, type Result } from '@salesflow/rules'
import type { Command, PortalClient } from './client'
import { answersOf, planContext, readContext, readList, readOne, stagesOf, type CardContext } from './card-common'
import type { Deal, Lead, ProductRow, Stage } from './domain'
import type { PortalError } from './errors'
import { mapDeal, mapLead, mapLegacyProductRow } from './mappers/crm'
import { LEAD_STATUS_ENTITY } from './repositories/reference'
import { decodeListValues, describeUserFields, userFieldList, type UserFieldDescriptions } from './list-fields'

/** Everything a lead widget needs to open. */
export interface LeadCard extends CardContext {
  readonly lead: Lead
  /** Lead statuses in order, with semantics (CONVERTED success, JUNK failure). */
  readonly statuses: readonly Stage[]
  readonly status: Stage | null
  readonly productRows: readonly ProductRow[]
  /** Deals made from this lead (LEAD_ID), oldest first: after a conversion, the one to open. */
  readonly deals: readonly Deal[]
  /** The lead's and the deal's user fields with their list items (list values above are already our codes). */
  readonly leadFields: UserFieldDescriptions
  readonly dealFields: UserFieldDescriptions
}

export interface LeadCardOptions {
  readonly appOptions?: boolean
  /** The language of user-field labels (ru by default). */
  readonly lang?: string
}

function planLeadCard(leadId: number, options: LeadCardOptions = {}): Record<string, Command> {
  return {
    lead: { method: 'crm.lead.get', params: { id: leadId } },
    statuses: {
      method: 'crm.status.list',
      params: { filter: { ENTITY_ID: LEAD_STATUS_ENTITY }, order: { SORT: 'ASC' } },
    },
    rows: { method: 'crm.lead.productrows.get', params: { id: leadId } },
    deals: {
      method: 'crm.deal.list',
      params: { filter: { LEAD_ID: leadId }, select: ['*', 'UF_*'], order: { ID: 'ASC' } },
    },
    leadFields: userFieldList('lead', options.lang ?? 'ru'),
    dealFields: userFieldList('deal', options.lang ?? 'ru'),
    ...planContext(options.appOptions ?? true),
  }
}

/** Opens a lead card in one round trip. */
export async function loadLeadCard(
  client: PortalClient,
  leadId: number,
  options: LeadCardOptions = {},
): Promise<Result<LeadCard, PortalError>> {
  const res = await client.batch(planLeadCard(leadId, options))
  if (!res.ok) return res
  const get = answersOf(res.value)
  const leadFields = readOne(get, 'leadFields', 'crm.lead.userfield.list', (raw) => ok(describeUserFields(raw)))
  if (!leadFields.ok) return leadFields
  const dealFields = readOne(get, 'dealFields', 'crm.deal.userfield.list', (raw) => ok(describeUserFields(raw)))
  if (!dealFields.ok) return dealFields
  const read = readOne(get, 'lead', 'crm.lead.get', mapLead)
  if (!read.ok) return read
  const lead: Lead = { ...read.value, userFields: decodeListValues(read.value.userFields, leadFields.value) }
  const stA = get('statuses')
  if (!stA.ok) return stA
  const statuses = stagesOf(stA.value, LEAD_STATUS_ENTITY)
  if (!statuses.ok) return statuses
  const rows = readList(get, 'rows', 'crm.lead.productrows.get', mapLegacyProductRow, undefined, 'productRow')
  if (!rows.ok) return rows
  const deals = readList(get, 'deals', 'crm.deal.list', mapDeal, undefined, 'deal')
  if (!deals.ok) return deals
  const context = readContext(get, options.appOptions ?? true)
  if (!context.ok) return context
  return ok({
    lead,
    statuses: statuses.value,
    status: statuses.value.find((s) => s.id === lead.statusId) ?? null,
    productRows: rows.value,
    deals: deals.value.map((d) => ({ ...d, userFields: decodeListValues(d.userFields, dealFields.value) })),
    leadFields: leadFields.value,
    dealFields: dealFields.value,
    ...context.value,
  })
}
