import type { Result } from '@salesflow/rules'

/** The CRM entities whose cards our widgets sit in. */
export type CrmEntity = 'deal' | 'lead' | 'contact' | 'company' | 'invoice'

/** Where a card widget was opened: the entity and its id, from the placement info. */
export interface CrmCardPlacement {
  readonly entity: CrmEntity
  readonly id: number
}

/** Opened anywhere else (another placement, no id, the app's own page): one typed error the shell can word. */
export interface NotInCardError {
  readonly code: 'NOT_IN_CARD'
  readonly placement: string
}

// CRM_<ENTITY>_DETAIL_TAB (a tab), CRM_<ENTITY>_DETAIL_TOOLBAR, CRM_<ENTITY>_DETAIL_ACTIVITY (other card slots).
const PLACEMENT = /^CRM_(DEAL|LEAD|CONTACT|COMPANY|SMART_INVOICE)_DETAIL_(TAB|TOOLBAR|ACTIVITY)$/
const ENTITY: Record<string, CrmEntity> = {
  DEAL: 'deal',
  LEAD: 'lead',
  CONTACT: 'contact',
  COMPANY: 'company',
  SMART_INVOICE: 'invoice',
}

/** The card a widget is in, from the placement code and its options (`{ID: '42'}`). */
export function parseCrmCardPlacement(
  placement: string,
  options: Readonly<Record<string, unknown>>,
): Result<CrmCardPlacement, NotInCardError> {
  const m = PLACEMENT.exec(placement)
  const id = Number(options['ID'])
  if (!m || !Number.isInteger(id) || id <= 0) return { ok: false, error: { code: 'NOT_IN_CARD', placement } }
  return { ok: true, value: { entity: ENTITY[m[1]!]!, id } }
}
