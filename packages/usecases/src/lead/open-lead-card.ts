import {
  explainLead,
  leadMoveOptions,
  leadStageFromStatus,
  resolveRole,
  type LeadExplanation,
  type LeadInput,
  type LeadMoveOption,
  type LeadStage,
  type Result,
  type Role,
  type SalesError,
} from '@salesflow/rules'
import { loadLeadCard, type Deal, type Lead, type LeadCard, type PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { readSettings, type Settings } from '../settings'
import { readLeadSettings, type LeadSettings } from './lead-settings'

/** A lead card with what every decision on it needs: settings, the user's role, the stage and the verdict. */
export interface OpenedLead {
  readonly card: LeadCard
  readonly settings: Settings
  readonly leadSettings: LeadSettings
  readonly role: Role
  readonly stage: LeadStage
  /** The verdict and its explanation; an error when the lead's data cannot be classified (a bad amount…). */
  readonly explanation: Result<LeadExplanation, SalesError>
  /** The direction the lead has (its field) or, when empty, the one the rules give. */
  readonly direction: string
  /** The deal made from this lead, if any (the oldest, should there be several). */
  readonly deal: Deal | null
  readonly moves: readonly LeadMoveOption[]
}

/**
 * The lead as the rules see it: text, amount, products, contacts, and its user fields as `field.<CODE>`. The tab
 * passes the card's product ids; the admin's dry run over past leads has none (the list shape carries no rows).
 */
export function leadInputOf(lead: Lead, productIds: readonly number[] = []): LeadInput {
  const fields: Record<string, string | boolean | null> = {}
  for (const [code, v] of Object.entries(lead.userFields)) if (!Array.isArray(v)) fields[code] = v as string | null
  return {
    id: String(lead.id),
    sourceId: lead.sourceId,
    title: lead.title,
    text: lead.comments,
    amount: lead.opportunity === '' ? null : lead.opportunity,
    currencyId: lead.currency || null,
    productIds: productIds.filter((id) => id > 0),
    hasPhone: lead.phones.length > 0,
    hasEmail: lead.emails.length > 0,
    companyTitle: lead.companyTitle || null,
    fields,
  }
}

/** The decisions' context of a lead card already read (pure: the worker and the tab decide alike). */
export function openedLeadFrom(card: LeadCard): OpenedLead {
  const settings = readSettings(card.appOptions)
  const leadSettings = readLeadSettings(card.appOptions, card.statuses)
  const role = resolveRole(card.currentUser, settings.roles)
  const read = leadStageFromStatus(
    leadSettings.status,
    card.lead.statusId,
    card.status ? card.status.semantics : card.lead.statusSemantics,
  )
  const stage: LeadStage = read.ok ? read.value : 'inWork'
  const explanation = explainLead(
    leadInputOf(
      card.lead,
      card.productRows.map((r) => r.productId),
    ),
    leadSettings.rules,
    stage,
    { currencies: card.currencies },
  )
  const own = card.lead.userFields[leadSettings.status.directionField]
  const direction =
    typeof own === 'string' && own !== '' ? own : explanation.ok ? explanation.value.verdict.direction : ''
  const snapshot = { hasPhone: card.lead.phones.length > 0, hasEmail: card.lead.emails.length > 0, direction }
  return {
    card,
    settings,
    leadSettings,
    role,
    stage,
    explanation,
    direction,
    deal: card.deals[0] ?? null,
    moves: leadMoveOptions(stage, snapshot, role),
  }
}

/** Opens a lead in one round trip: the card batch carries the app options, the statuses and the lead's deals. */
export async function openLeadCard(
  gateway: PortalGateway<never>,
  input: { readonly leadId: number },
): Promise<Result<OpenedLead, PortalError>> {
  const loaded = await loadLeadCard(gateway.client, input.leadId)
  if (!loaded.ok) return loaded
  return { ok: true, value: openedLeadFrom(loaded.value) }
}
