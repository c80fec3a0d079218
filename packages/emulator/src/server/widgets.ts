import { existsSync, readFileSync } from 'node:fs'
import type { PortalStore } from '../store/store'
import type { AppPlacement } from '../seed/app'

/** A built widget page and where the portal shows it. */
export interface WidgetPage {
  name: string
  /** Path on the emulator origin, e.g. `/widgets/deal/index.html`. */
  url: string
  placement: string
  title: { ru: string; en: string }
}

/** One row of the app's placements table (`widgets/placements.json`): the build, the host page and install read it. */
export interface PlacementRow {
  widget: string
  placement: string
  title: { ru: string; en: string }
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== ''

/** Reads and checks the placements table; a malformed row is a startup error, not a silently missing tab. */
export function readPlacementsTable(file: string): PlacementRow[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected an array of placement rows`)
  return parsed.map((row: unknown, i) => {
    const r = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>
    const title = (typeof r['title'] === 'object' && r['title'] !== null ? r['title'] : {}) as Record<string, unknown>
    if (!isText(r['widget']) || !isText(r['placement']) || !isText(title['ru']) || !isText(title['en']))
      throw new Error(`${file}: row ${i} needs widget, placement and title.ru/title.en`)
    return { widget: r['widget'], placement: r['placement'], title: { ru: title['ru'], en: title['en'] } }
  })
}

/**
 * The demo portal's bindings for the installed app: one per table row (what the app's install page binds), so
 * `npm start` opens with every widget in place. The handler's origin is the demo portal's; the host page frames its path.
 */
export function installedPlacements(placementsFile: string): AppPlacement[] {
  if (!existsSync(placementsFile)) return []
  return readPlacementsTable(placementsFile).map((row) => ({
    placement: row.placement,
    handler: `https://demo.bitrix24.test/widgets/${row.widget}/index.html`,
    title: row.title,
  }))
}

/**
 * The widget tabs a portal shows: only bound placements, and only once the app is installed (installFinish). A
 * binding's handler path is framed on the emulator's own origin, which serves the app's static files.
 */
export function boundWidgets(store: PortalStore): WidgetPage[] {
  if (!store.installed) return []
  return store.placements.map((b, i) => {
    let path = `/${i}`
    try {
      const u = new URL(b.handler)
      path = u.pathname + u.search
    } catch {
      // placement.bind refused malformed handlers; a seed binding without one keeps the index as its name
    }
    const name = /\/widgets\/([^/]+)\//.exec(path)?.[1] ?? `b${i}`
    const ru = b.langAll['ru']?.TITLE ?? b.title
    const en = b.langAll['en']?.TITLE ?? ru
    return { name, url: path, placement: b.placement, title: { ru: ru || name, en: en || name } }
  })
}
