import {
  decodeConfiguration,
  parseConfiguratorSettings,
  readApproval,
  resolveRole,
  type Approval,
  type Configuration,
  type ConfiguratorSettings,
  type ProductPrice,
  type Result,
  type Role,
  type SalesError,
} from '@salesflow/rules'
import {
  CONFIGURATOR_OPTION,
  CATALOG_PROPERTIES_OPTION,
  loadConfiguratorCard,
  type CatalogItem,
  type ConfiguratorCard,
  type PortalError,
} from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { readSettings } from '../settings'
import type { UsecaseError } from '../errors'

/** What a configurator use case can fail with: the portal's, the application's and the rules' codes. */
export type ConfiguratorError = PortalError | UsecaseError | SalesError

/** A configured catalog item as the configurator reads it back from its properties. */
export interface ConfiguredItem {
  readonly productId: number
  readonly name: string
  readonly article: string
  /** The item's XML_ID: the configuration's fingerprint. */
  readonly fingerprint: string
  /** Undefined when the item's components property is unreadable. */
  readonly configuration: Configuration | undefined
  readonly approval: Approval
  readonly taskId: number | null
  readonly reason: string | null
}

/** The configurator tab as opened: the card, the model and its settings, the role, the funnel and the prices. */
export interface OpenedConfigurator {
  readonly card: ConfiguratorCard
  readonly settings: ConfiguratorSettings
  readonly role: Role
  /** The deal funnel's key (`activity`, `sale`, `realization`), or '' when the settings do not know the funnel. */
  readonly funnel: string
  readonly prices: readonly ProductPrice[]
  readonly items: readonly ConfiguredItem[]
  /** The VAT rate of the configured item's catalog VAT, null for "no VAT". */
  readonly taxRate: string | null
  /** Who approves: the configured user, else the head of the configured department; null when nobody is set. */
  readonly approverId: number | null
}

export function configuredItemOf(item: CatalogItem, settings: ConfiguratorSettings): ConfiguredItem {
  const p = settings.catalog.properties
  const task = item.properties[p.task]
  return {
    productId: item.id,
    name: item.name,
    article: item.code,
    fingerprint: item.xmlId,
    configuration: decodeConfiguration(item.properties[p.components]),
    approval: readApproval(item.properties[p.approval]),
    taskId: task && /^\d+$/.test(task) ? Number(task) : null,
    reason: item.properties[p.reason] || null,
  }
}

/**
 * Opens the tab in one round trip. When an option is stored as a JSON string (the batch's references into it
 * do not resolve), the configured items and the prices are read once more with the parsed settings.
 * Errors: MODEL_INVALID (the option, with the bad path; the property ids when the install has not created
 * them), the portal's.
 */
export async function openConfigurator(
  gateway: PortalGateway<'catalog' | 'configuredProducts'>,
  input: { readonly dealId: number },
): Promise<Result<OpenedConfigurator, ConfiguratorError>> {
  const loaded = await loadConfiguratorCard(gateway.client, input.dealId)
  if (!loaded.ok) return loaded
  let card = loaded.value
  const raw = card.appOptions[CONFIGURATOR_OPTION]
  const rawProperties = card.appOptions[CATALOG_PROPERTIES_OPTION]
  const parsed = parseConfiguratorSettings(raw, rawProperties)
  if (!parsed.ok) return parsed
  const settings = parsed.value
  const props = Object.values(settings.catalog.properties)
  const resolved =
    typeof raw === 'object' &&
    typeof rawProperties === 'object' &&
    card.items.every((i) => props.every((p) => p in i.properties))
  if (!resolved && card.iblockId !== null) {
    const items = await gateway.repositories.configuredProducts.list(
      { iblockId: card.iblockId, iblockSectionId: settings.catalog.sectionId },
      props,
    )
    if (!items.ok) return items
    card = { ...card, items: [...items.value].reverse() }
  }
  const partIds = [...settings.model.platforms, ...settings.model.components].map((x) => x.productId as number)
  const priced = new Set(
    card.prices.filter((p) => p.catalogGroupId === settings.pricing.priceTypeId).map((p) => p.productId),
  )
  let prices = card.prices
  if (!resolved || (!card.allPrices && partIds.some((id) => !priced.has(id)))) {
    const more = await gateway.repositories.catalog.prices(partIds)
    if (!more.ok) return more
    prices = more.value
  }
  const policy = readSettings(card.appOptions)
  const funnel = policy.funnels.funnels.find((f) => f.categoryId === card.deal.categoryId)?.key ?? ''
  const vat = card.vatRates.find((r) => r.id === settings.pricing.vatId)
  if (!vat)
    return { ok: false, error: { code: 'MODEL_INVALID', path: 'pricing.vatId', problem: 'not a VAT of the portal' } }
  const head = card.departments.find((d) => d.id === settings.approval.departmentId)?.headId ?? null
  return {
    ok: true,
    value: {
      card,
      settings,
      role: resolveRole(card.currentUser, policy.roles),
      funnel,
      prices: prices
        .filter((p) => p.catalogGroupId === settings.pricing.priceTypeId)
        .map((p) => ({ productId: p.productId, price: p.price, currency: p.currency })),
      items: card.items.map((i) => configuredItemOf(i, settings)),
      taxRate: vat.rate,
      approverId: settings.approval.responsibleId ?? head,
    },
  }
}
