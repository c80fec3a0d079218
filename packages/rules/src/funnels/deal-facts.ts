import { parseDecimal, type NumericInput } from '../decimal'
import { isRecord, own, ownData } from '../input'

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
  // Portal data is read as data: own properties only, ids as positive integers, the amount as a decimal or nothing.
  const id = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null)
  const contactIds = own(deal, 'contactIds')
  const opportunity = own(deal, 'opportunity')
  const userFields = own(deal, 'userFields')
  return {
    ...userFieldsOf(userFields),
    OPPORTUNITY: parseDecimal(opportunity, 'OPPORTUNITY').ok ? opportunity : null,
    COMPANY_ID: id(own(deal, 'companyId')),
    CONTACT_ID: id(own(deal, 'contactId')) ?? (Array.isArray(contactIds) ? id(contactIds[0]) : null),
  }
}

/** A value a portal field can hold: text, a finite number, yes/no or empty. */
const isPortalValue = (v: unknown) =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))

/** The deal's user fields as plain data: a value no portal field holds (NaN, a Decimal object) is left out. */
function userFieldsOf(raw: unknown): Record<string, unknown> {
  if (!isRecord(raw) || Object.getPrototypeOf(raw) !== Object.prototype) return {}
  return Object.fromEntries(
    Object.entries(ownData(raw)).filter(([, v]) => isPortalValue(v) || (Array.isArray(v) && v.every(isPortalValue))),
  )
}
