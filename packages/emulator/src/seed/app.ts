import type { PortalStore } from '../store/store'

/** A placement the demo portal has bound for the installed app (what its install page did there). */
export interface AppPlacement {
  placement: string
  /** The handler URL; the host page frames its path on its own origin (the portal hosts a static app's files). */
  handler: string
  title: { ru: string; en: string }
}

/** The demo portal: salesflow installed (its user fields come with the demo data, seed/user-fields), its placements bound. */
export function seedInstalledApp(store: PortalStore, placements: readonly AppPlacement[]): void {
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
