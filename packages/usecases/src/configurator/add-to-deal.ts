import { configuredItemPlacement, convertMoney, type Result } from '@salesflow/rules'
import type { ProductRow, ProductRowDraft } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import {
  configuredItemOf,
  type ConfiguratorError,
  type ConfiguredItem,
  type OpenedConfigurator,
} from './open-configurator'
import { checkConfiguration } from './configure'

/** A stored row written back as it is (the portal re-derives the same figures from price and discount). */
const keep = (r: ProductRow): ProductRowDraft => ({
  productId: r.productId,
  productName: r.productName,
  price: r.price,
  quantity: r.quantity,
  discountTypeId: r.discountTypeId,
  discountRate: r.discountRate,
  discountSum: r.discountSum,
  taxRate: r.taxRate,
  taxIncluded: r.taxIncluded,
  measureCode: r.measureCode,
  measureName: r.measureName,
  sort: r.sort,
})

/** The word a draft row carries in its name, so nobody mistakes it for an approved item. */
export const UNAPPROVED_MARK = '[не согласовано]'

/**
 * Adds a configured item to the deal's product rows: its approval re-read (round trip 1), the funnel's guard
 * (approved only in Sale and Realization; in Activity an unapproved item goes on as a draft, marked in its
 * name), then the conflict-safe replace of the rows the tab was opened with (round trip 2), priced at the
 * item's list price converted to the deal currency. Errors: ROLE_NOT_ALLOWED, CONFIGURATION_NOT_APPROVED,
 * QUANTITY_NOT_POSITIVE, CONFLICT (the rows changed since the tab opened), the portal's.
 */
export async function addConfiguredItemToDeal(
  gateway: PortalGateway<'configuredProducts' | 'productRows'>,
  opened: OpenedConfigurator,
  input: { readonly item: ConfiguredItem; readonly quantity: number },
): Promise<Result<{ readonly rows: readonly ProductRow[]; readonly draft: boolean }, ConfiguratorError>> {
  if (opened.role !== 'manager' && opened.role !== 'admin')
    return { ok: false, error: { code: 'ROLE_NOT_ALLOWED', actor: opened.role, allowed: ['manager', 'admin'] } }
  if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0)
    return { ok: false, error: { code: 'QUANTITY_NOT_POSITIVE', field: 'quantity', value: String(input.quantity) } }
  const { card, settings } = opened
  if (card.iblockId === null) return { ok: false, error: { code: 'CATALOG_NOT_FOUND' } }
  const fresh = await gateway.repositories.configuredProducts.byXmlId(
    card.iblockId,
    input.item.fingerprint,
    Object.values(settings.catalog.properties),
  )
  if (!fresh.ok) return fresh
  const stored = fresh.value.find((i) => i.id === input.item.productId)
  if (!stored) return { ok: false, error: { code: 'CATALOG_NOT_FOUND' } }
  const item = configuredItemOf(stored, settings)
  const placement = configuredItemPlacement(item.approval, opened.funnel)
  if (!placement.ok) return placement
  if (!item.configuration) return { ok: false, error: { code: 'CATALOG_NOT_FOUND' } }
  const state = checkConfiguration(opened, item.configuration)
  if (!state.price.ok) return state.price
  const price = convertMoney(
    state.price.value.listPrice,
    state.price.value.currency,
    card.deal.currency,
    card.currencies,
  )
  if (!price.ok) return price
  const row: ProductRowDraft = {
    productId: item.productId,
    productName: placement.value.draft ? `${item.name} ${UNAPPROVED_MARK}` : item.name,
    price: price.value,
    quantity: String(input.quantity),
    discountTypeId: 2,
    discountRate: '0',
    discountSum: '0',
    taxRate: opened.taxRate,
    taxIncluded: 'Y',
    measureCode: 796,
    measureName: 'шт',
    sort: (Math.max(0, ...card.productRows.map((r) => r.sort)) || 0) + 10,
  }
  const who = card.currentUser.fullName || `#${card.currentUser.id}`
  const written = await gateway.repositories.productRows.replaceOfDeal(
    card.deal.id,
    card.productRows,
    [...card.productRows.map(keep), row],
    {
      expectedOpportunity: card.deal.opportunity,
      audit: `Salesflow: ${who}: ${item.article} × ${input.quantity}${placement.value.draft ? ` ${UNAPPROVED_MARK}` : ''}`,
    },
  )
  if (!written.ok) return written
  return { ok: true, value: { rows: written.value, draft: placement.value.draft } }
}
