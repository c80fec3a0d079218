import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

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

/** The table's rows whose page is built under `<staticDir>/widgets/<widget>/index.html`. */
export function discoverWidgets(staticDir: string, placementsFile: string): WidgetPage[] {
  if (!existsSync(placementsFile)) return []
  return readPlacementsTable(placementsFile)
    .filter((row) => existsSync(join(staticDir, 'widgets', row.widget, 'index.html')))
    .map((row) => ({
      name: row.widget,
      url: `/widgets/${row.widget}/index.html`,
      placement: row.placement,
      title: row.title,
    }))
}
