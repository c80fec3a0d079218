import type { ClientLookup, Result } from '@salesflow/rules'
import type { ClientMatch, PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'

/**
 * Companies or contacts whose name contains `text`, for a guard that asks for a client the deal lacks (a picker,
 * never a raw id box). Too short a text finds nothing without asking the portal.
 */
export async function searchClients(
  gateway: PortalGateway<'clients'>,
  kind: ClientLookup,
  text: string,
): Promise<Result<readonly ClientMatch[], PortalError>> {
  const found = await gateway.repositories.clients.search(text)
  if (!found.ok) return found
  return { ok: true, value: kind === 'company' ? found.value.companies : found.value.contacts }
}
