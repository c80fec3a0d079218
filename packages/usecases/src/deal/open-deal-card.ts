import { baseCurrencyCode, resolveRole, type Result, type Role } from '@salesflow/rules'
import { loadDealCard, type DealCard, type PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { readSettings, type Settings } from '../settings'

/** A deal card with what every decision on it needs: the settings, the user's role and the base currency. */
export interface OpenedDeal {
  readonly card: DealCard
  readonly settings: Settings
  readonly role: Role
  /** The portal's base currency: credit exposure and limits are kept in it. */
  readonly baseCurrency: string | null
}

/** Opens a deal in one round trip: the card batch carries the app options the settings come from. */
export async function openDealCard(
  gateway: PortalGateway<never>,
  input: { readonly dealId: number; /** The language of field labels (ru by default). */ readonly lang?: string },
): Promise<Result<OpenedDeal, PortalError>> {
  const loaded = await loadDealCard(gateway.client, input.dealId, input.lang ? { lang: input.lang } : {})
  if (!loaded.ok) return loaded
  return { ok: true, value: openedFrom(loaded.value) }
}

/** The decisions' context of a card already read. */
export function openedFrom(card: DealCard): OpenedDeal {
  const settings = readSettings(card.appOptions)
  return {
    card,
    settings,
    role: resolveRole(card.currentUser, settings.roles),
    baseCurrency: baseCurrencyCode(card.currencies),
  }
}
