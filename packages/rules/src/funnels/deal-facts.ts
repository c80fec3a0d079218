import type { NumericInput } from '../decimal'

/** What the portal says about a deal that a funnel guard may ask for (the portal's Deal, structurally). */
export interface DealRecord {
  readonly opportunity: NumericInput
  readonly companyId: number | null
  readonly contactId: number | null
  /** Every contact bound to the deal (crm.item contactIds), when known; CONTACT_ID is the first of them. */
  readonly contactIds?: readonly number[]
  readonly userFields: Readonly<Record<string, unknown>>
}

/**
 * The fields a funnel guard reads (DealSnapshot.fields), by the portal's field codes: the deal's user fields plus
 * OPPORTUNITY, COMPANY_ID and CONTACT_ID, so a requirement such as "a company or a contact" sees what the deal
 * already has and asks only for what is really missing. A deal whose CONTACT_ID is empty but whose contact set is
 * not counts its first contact.
 */
export function dealGuardFields(deal: DealRecord): Record<string, unknown> {
  const contactId = deal.contactId ?? deal.contactIds?.[0] ?? null
  return {
    ...deal.userFields,
    OPPORTUNITY: deal.opportunity,
    COMPANY_ID: deal.companyId,
    CONTACT_ID: contactId,
  }
}
