import { canonicalJson, isRecord } from '@salesflow/rules'
import type { PortalError } from '@salesflow/portal'
import { openSettingsPage, saveSection, type PortalGateway, type SettingsAdminError } from '@salesflow/usecases'
import { getFromMasterData, invalid, type Pulled } from './contract'

/**
 * `GET /directories` of masterdata.openapi.json: the directories the master-data system owns, each the value of
 * a settings section the widgets read. Today: `delivery` (delivery zones and their rates, `salesflow.delivery`).
 */
export interface PulledDirectories {
  readonly delivery: unknown
}

/** The contract's shape; the section's content is checked by the settings use case, as an administrator's save. */
export function readDirectories(body: unknown): Pulled<PulledDirectories> {
  if (!isRecord(body)) return invalid('')
  if (!isRecord(body['delivery'])) return invalid('delivery')
  return { ok: true, value: { delivery: body['delivery'] } }
}

export const fetchDirectories = (baseUrl: string, timeoutMs?: number): Promise<Pulled<PulledDirectories>> =>
  getFromMasterData(baseUrl, '/directories', readDirectories, timeoutMs)

/** The settings sections a pull rewrote (with their new version). */
export interface DirectoriesWritten {
  readonly saved: readonly { readonly section: 'delivery'; readonly version: number }[]
}

/**
 * Writes the pulled directories into the app's settings through the settings page's own use case (validated as
 * the page validates, versioned, with an audit line `master data`), only where the section's value differs; a
 * repeat of the same pull writes nothing. A value the settings refuse is not written (SETTINGS_INVALID names it).
 */
export async function writeDirectories(
  gateway: PortalGateway,
  pulled: PulledDirectories,
  now: string,
): Promise<{ ok: true; value: DirectoriesWritten } | { ok: false; error: SettingsAdminError | PortalError }> {
  const page = await openSettingsPage(gateway)
  if (!page.ok) return page
  const state = page.value.sections.delivery
  const held = canonicalJson(state.value)
  const wanted = canonicalJson(pulled.delivery)
  if (held.ok && wanted.ok && held.value === wanted.value) return { ok: true, value: { saved: [] } }
  const saved = await saveSection(gateway, {
    section: 'delivery',
    value: pulled.delivery,
    baseVersion: state.history.version,
    page: page.value,
    now,
    what: 'master data',
  })
  if (!saved.ok) return saved
  return { ok: true, value: { saved: [{ section: 'delivery', version: saved.value.version }] } }
}
