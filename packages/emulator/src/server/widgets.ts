import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** A built widget page and where the portal shows it. */
export interface WidgetPage {
  name: string
  /** Path on the emulator origin, e.g. `/widgets/deal/index.html`. */
  url: string
  placement: string
  title: { ru: string; en: string }
  /** True when widgets/<name>/placement.json was missing and the placement was assumed. */
  assumed: boolean
}

const PLACEMENTS = new Set(['CRM_DEAL_DETAIL_TAB', 'CRM_SMART_INVOICE_DETAIL_TAB', 'CRM_LEAD_DETAIL_TAB'])

function readManifest(file: string): { placement?: unknown; title?: unknown } | null {
  if (!existsSync(file)) return null
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    return typeof parsed === 'object' && parsed !== null ? (parsed as { placement?: unknown; title?: unknown }) : null
  } catch {
    return null
  }
}

/** Built pages under `<staticDir>/widgets/<name>/index.html`, with placement and title from `widgets/<name>/placement.json`. */
export function discoverWidgets(staticDir: string, widgetsSrcDir: string): WidgetPage[] {
  const dir = join(staticDir, 'widgets')
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.html')))
    .map((d) => {
      const manifest = readManifest(join(widgetsSrcDir, d.name, 'placement.json'))
      const placement =
        typeof manifest?.placement === 'string' && PLACEMENTS.has(manifest.placement)
          ? manifest.placement
          : 'CRM_DEAL_DETAIL_TAB'
      const t = manifest?.title as { ru?: unknown; en?: unknown } | undefined
      return {
        name: d.name,
        url: `/widgets/${d.name}/index.html`,
        placement,
        title: { ru: typeof t?.ru === 'string' ? t.ru : d.name, en: typeof t?.en === 'string' ? t.en : d.name },
        assumed: manifest === null,
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}
