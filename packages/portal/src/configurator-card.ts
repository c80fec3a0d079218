import { ok, type Result } from '@salesflow/rules'
import type { BatchAnswers, Command, PortalClient } from './client'
import { ref } from './batch/query-string'
import type { CatalogPrice, Deal, Department, ProductRow, Task, VatRate } from './domain'
import type { PortalError } from './errors'
import { mapDeal, mapLegacyProductRow } from './mappers/crm'
import { mapCatalogPrice, mapVat } from './mappers/catalog'
import { mapDepartment, mapTask } from './mappers/org'
import { answersOf, planContext, readContext, readList, readOne, type CardContext } from './card-common'
import { catalogItemSelect, mapCatalogItem, type CatalogItem } from './repositories/configured-products'

/** The app option the configurator's model and settings live in. */
export const CONFIGURATOR_OPTION = 'salesflow.configurator'
/** The app option the install writes the ids of the catalog properties it created into. */
export const CATALOG_PROPERTIES_OPTION = 'salesflow.catalogProperties'

/** Everything the configurator tab needs to open, read in one batch. */
export interface ConfiguratorCard extends CardContext {
  readonly deal: Deal
  readonly productRows: readonly ProductRow[]
  readonly vatRates: readonly VatRate[]
  /** The product catalog's iblock id (catalog.catalog.list). */
  readonly iblockId: number | null
  /** Catalog prices of the model's price type, first page in product-id order (the model's parts come first). */
  readonly prices: readonly CatalogPrice[]
  /** Whether `prices` is every price of that type. */
  readonly allPrices: boolean
  /** Configured items of the model's section, newest first, with the configurator's properties. */
  readonly items: readonly CatalogItem[]
  /** Tasks bound to the deal (UF_CRM_TASK `D_<id>`), newest first. */
  readonly tasks: readonly Task[]
  readonly departments: readonly Department[]
}

const option = (...path: readonly string[]) => ref('appOptions', CONFIGURATOR_OPTION, ...path)

/**
 * The batch behind `loadConfiguratorCard`. The price type and the configured section come from the app option
 * read in the same batch (`$result[appOptions][salesflow.configurator]…`), the property ids from the install's
 * option (`$result[appOptions][salesflow.catalogProperties]…`); when an option is not stored as an object
 * these references do not resolve and the caller re-reads those two lists.
 */
export function planConfiguratorCard(dealId: number): Record<string, Command> {
  return {
    deal: { method: 'crm.deal.get', params: { id: dealId } },
    rows: { method: 'crm.deal.productrows.get', params: { id: dealId } },
    vats: { method: 'catalog.vat.list', params: { order: { sort: 'ASC' } } },
    catalog: { method: 'catalog.catalog.list', params: {} },
    ...planContext(true),
    prices: {
      method: 'catalog.price.list',
      params: {
        select: ['id', 'productId', 'catalogGroupId', 'price', 'currency'],
        filter: { catalogGroupId: option('pricing', 'priceTypeId') },
        order: { productId: 'ASC' },
      },
    },
    items: {
      method: 'catalog.product.list',
      params: {
        select: catalogItemSelect(
          ['components', 'approval', 'task', 'reason'].map((p) => ref('appOptions', CATALOG_PROPERTIES_OPTION, p)),
        ),
        filter: { iblockId: ref('catalog', 'catalogs', 0, 'id'), iblockSectionId: option('catalog', 'sectionId') },
        order: { id: 'DESC' },
      },
    },
    tasks: {
      method: 'tasks.task.list',
      params: {
        filter: { UF_CRM_TASK: `D_${dealId}` },
        select: ['ID', 'TITLE', 'STATUS', 'RESPONSIBLE_ID', 'CREATED_BY', 'DEADLINE', 'UF_CRM_TASK'],
        order: { ID: 'DESC' },
      },
    },
    departments: { method: 'department.get', params: { sort: 'ID', order: 'ASC' } },
  }
}

export function readConfiguratorCard(answers: BatchAnswers): Result<ConfiguratorCard, PortalError> {
  const get = answersOf(answers)
  const deal = readOne(get, 'deal', 'crm.deal.get', mapDeal)
  if (!deal.ok) return deal
  const rows = readList(get, 'rows', 'crm.deal.productrows.get', mapLegacyProductRow, undefined, 'productRow')
  if (!rows.ok) return rows
  const vatRates = readList(get, 'vats', 'catalog.vat.list', mapVat, 'vats', 'vat')
  if (!vatRates.ok) return vatRates
  const context = readContext(get, true)
  if (!context.ok) return context
  const catalog = get('catalog')
  const first = catalog.ok ? (catalog.value.result as { catalogs?: { id?: unknown }[] }).catalogs?.[0]?.id : undefined
  const iblockId = typeof first === 'number' ? first : typeof first === 'string' && /^\d+$/.test(first) ? +first : null
  // The option-dependent reads may fail when the option is not an object: empty here, re-read by the caller.
  const pricesA = get('prices')
  const prices = pricesA.ok
    ? readList(get, 'prices', 'catalog.price.list', mapCatalogPrice, 'prices', 'price')
    : ok([] as CatalogPrice[])
  if (!prices.ok) return prices
  const itemsA = get('items')
  const items = itemsA.ok
    ? readList(get, 'items', 'catalog.product.list', mapCatalogItem, 'products', 'product')
    : ok([] as CatalogItem[])
  if (!items.ok) return items
  const tasks = readList(get, 'tasks', 'tasks.task.list', mapTask, 'tasks', 'task')
  if (!tasks.ok) return tasks
  const departments = readList(get, 'departments', 'department.get', mapDepartment, undefined, 'department')
  if (!departments.ok) return departments
  return ok({
    ...context.value,
    deal: deal.value,
    productRows: rows.value,
    vatRates: vatRates.value,
    iblockId,
    prices: prices.value,
    allPrices: pricesA.ok && pricesA.value.total <= prices.value.length,
    items: items.value,
    tasks: tasks.value,
    departments: departments.value,
  })
}

/** Opens the configurator tab's data in exactly one round trip (one `batch`). */
export async function loadConfiguratorCard(
  client: PortalClient,
  dealId: number,
): Promise<Result<ConfiguratorCard, PortalError>> {
  const res = await client.batch(planConfiguratorCard(dealId))
  return res.ok ? readConfiguratorCard(res.value) : res
}
