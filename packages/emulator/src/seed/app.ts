import type { PortalStore } from '../store/store'
import { nextId } from '../store/store'

/** A placement the demo portal has bound for the installed app (what its install page did there). */
export interface AppPlacement {
  placement: string
  /** The handler URL; the host page frames its path on its own origin (the portal hosts a static app's files). */
  handler: string
  title: { ru: string; en: string }
}

/**
 * The catalog properties salesflow's install creates for configured items (string properties of the product
 * catalog), keyed as its `salesflow.catalogProperties` option names them; on the demo portal they got ids 201–204.
 */
const DEMO_CATALOG_PROPERTIES = [
  ['components', 'SF_CONFIGURATION', 'Конфигурация (salesflow)'],
  ['approval', 'SF_APPROVAL', 'Согласование (salesflow)'],
  ['task', 'SF_APPROVAL_TASK', 'Задача согласования (salesflow)'],
  ['reason', 'SF_REJECT_REASON', 'Причина отклонения (salesflow)'],
] as const

function seedCatalogProperties(store: PortalStore): void {
  if (!store.sequences.has('productProperty')) store.sequences.set('productProperty', 201)
  const ids: Record<string, number> = {}
  DEMO_CATALOG_PROPERTIES.forEach(([key, code, name], i) => {
    const id = nextId(store, 'productProperty')
    ids[key] = id
    store.productProperties.set(id, {
      id,
      iblockId: store.catalogIblockId,
      name,
      code,
      propertyType: 'S',
      multiple: 'N',
      active: 'Y',
      isRequired: 'N',
      sort: (i + 1) * 10,
      xmlId: null,
    })
  })
  store.appOptions['salesflow.catalogProperties'] = ids
}

/** The demo portal: salesflow installed (its user fields come with the demo data, seed/user-fields; its catalog
 * properties here), its placements bound. */
export function seedInstalledApp(store: PortalStore, placements: readonly AppPlacement[]): void {
  seedCatalogProperties(store)
  bindAppPlacements(store, placements)
  store.installed = true
}

/** The bindings an install page makes (placement.bind with LANG_ALL ru/en). */
export function bindAppPlacements(store: PortalStore, placements: readonly AppPlacement[]): void {
  for (const p of placements)
    store.placements.push({
      placement: p.placement,
      handler: p.handler,
      title: p.title.ru,
      description: '',
      groupName: '',
      langAll: { ru: { TITLE: p.title.ru }, en: { TITLE: p.title.en } },
      userId: 0,
    })
}

/** The app as if it was never installed on this portal (data and user fields stay, as after a delete). */
export function uninstallApp(store: PortalStore): void {
  store.installed = false
  store.placements = []
  store.eventBindings = []
  store.appOptions = {}
}
