import {
  encodeConfiguration,
  survivingItem,
  type Configuration,
  type ConfigurationPrice,
  type GeneratedItem,
  type Result,
} from '@salesflow/rules'
import type { ApprovalRequestOfNew } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import {
  configuredItemOf,
  type ConfiguratorError,
  type ConfiguredItem,
  type OpenedConfigurator,
} from './open-configurator'

/** The catalog item of a valid configuration and how it was found. */
export interface EnsuredItem {
  readonly item: ConfiguredItem
  /** `found`: it existed; `created`: ours; `joined`: somebody created it at the same moment and theirs stayed. */
  readonly how: 'found' | 'created' | 'joined'
}

/** "Рама опорная РО-2000; Датчик положения ДПИ-12 ×4; …": what the product card shows. */
function describe(opened: OpenedConfigurator, item: GeneratedItem): string {
  const names = new Map(
    [...opened.settings.model.platforms, ...opened.settings.model.components].map((x) => [x.id, x.name]),
  )
  const parts = item.configuration.components.map(([id, q]) => `${names.get(id) ?? id}${q > 1 ? ` ×${q}` : ''}`)
  return [names.get(item.configuration.platformId) ?? item.configuration.platformId, ...parts].join('; ')
}

/**
 * Reuse by fingerprint, else create (product and price at once), so every configuration maps to one catalog
 * item. Two managers creating the same one at the same moment both see both items in their create batch's
 * re-read; the lowest id stays and the other creator deletes its own (with the task its batch opened), so the
 * catalog ends with one item and both get it. With `request`, a new item's create batch also sends it for
 * approval (the item comes back pending). Round trips: 1 when the item exists, 2 when created, 3 for the
 * creator that lost the race.
 */
export async function ensureConfiguredItem(
  gateway: PortalGateway<'configuredProducts'>,
  opened: OpenedConfigurator,
  input: { readonly configuration: Configuration; readonly item: GeneratedItem; readonly price: ConfigurationPrice },
  request?: ApprovalRequestOfNew,
): Promise<Result<EnsuredItem, ConfiguratorError>> {
  const { settings, card } = opened
  if (card.iblockId === null) return { ok: false, error: { code: 'CATALOG_NOT_FOUND' } }
  const props = settings.catalog.properties
  const propertyIds = Object.values(props)
  const repo = gateway.repositories.configuredProducts
  const found = await repo.byXmlId(card.iblockId, input.item.fingerprint, propertyIds)
  if (!found.ok) return found
  const existing = survivingItem(found.value)
  if (existing) return { ok: true, value: { item: configuredItemOf(existing, settings), how: 'found' } }
  const created = await repo.create(
    {
      iblockId: card.iblockId,
      sectionId: settings.catalog.sectionId,
      name: input.item.name,
      code: input.item.article,
      xmlId: input.item.fingerprint,
      vatId: settings.pricing.vatId,
      description: describe(opened, input.item),
      properties: { [props.components]: encodeConfiguration(input.configuration), [props.approval]: 'draft' },
      price: {
        priceTypeId: settings.pricing.priceTypeId,
        amount: input.price.listPrice,
        currency: input.price.currency,
      },
    },
    propertyIds,
    request,
  )
  if (!created.ok) return created
  const { createdId, taskId } = created.value
  const winner = survivingItem(created.value.sameXmlId)
  if (!winner || winner.id === createdId) {
    const own = winner ?? created.value.sameXmlId.find((i) => i.id === createdId)
    if (!own) return { ok: false, error: { code: 'CATALOG_NOT_FOUND' } }
    const item = configuredItemOf(own, settings)
    // The re-read ran before the batch's own task: the item as the batch left it.
    const sent = taskId === null ? item : { ...item, approval: 'pending' as const, taskId, reason: null }
    return { ok: true, value: { item: sent, how: 'created' } }
  }
  const removed = await repo.remove(createdId, taskId)
  if (!removed.ok) return removed
  return { ok: true, value: { item: configuredItemOf(winner, settings), how: 'joined' } }
}
