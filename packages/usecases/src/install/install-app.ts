import { err, ok, type Result } from '@salesflow/rules'
import {
  CATALOG_PROPERTIES_OPTION,
  readAppSetup,
  writeAppSetup,
  type AppSetupState,
  type PortalError,
  type SetupWrite,
} from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import {
  CATALOG_PROPERTIES,
  DEFAULT_OPTIONS,
  placementRows,
  USER_FIELDS,
  WORKER_EVENTS,
  widgetPagePath,
  type PlacementRow,
} from './manifest'

/** The install's steps in the order the page shows them. */
export const INSTALL_STEPS = ['check', 'placements', 'fields', 'settings', 'events', 'finish'] as const
export type InstallStep = (typeof INSTALL_STEPS)[number]

export interface StepProgress {
  readonly step: InstallStep
  readonly status: 'running' | 'done' | 'failed'
  /** What this step had to do on this run (0: already in place) and how much of it is done. */
  readonly total: number
  readonly done: number
}

/** Why an install (or uninstall) stopped; nothing half-written stays unknown: a re-run does what is missing. */
export type InstallError =
  | { readonly code: 'INSTALL_NOT_ADMIN' }
  /** The app's own placements table is malformed (a build defect): nothing is written. */
  | { readonly code: 'INSTALL_TABLE_INVALID'; readonly row: number }
  /** A user field exists with another type (made by hand): nothing is written. */
  | {
      readonly code: 'INSTALL_FIELD_CONFLICT'
      readonly field: string
      readonly expected: string
      readonly found: string
    }
  /** Some writes of a step failed (the others are done); run the install again to finish it. */
  | {
      readonly code: 'INSTALL_STEP_FAILED'
      readonly step: InstallStep
      readonly failed: number
      readonly cause: PortalError
    }

export interface InstallInput {
  /** The placements table (widgets/placements.json) as the page bundled it. */
  readonly table: unknown
  /** The app's root URL: the handlers are its widget pages. */
  readonly appUrl: string
  /** The portal's language: TITLE of each binding (LANG_ALL carries both). */
  readonly lang: 'ru' | 'en'
  /** installFinish; called once everything else is in place. */
  readonly finish: () => Promise<Result<void, PortalError>>
  readonly onProgress?: (p: StepProgress) => void
}

export interface InstallReport {
  /** How many things this run created per step (all zero on a re-run of a finished install). */
  readonly created: Readonly<Record<Exclude<InstallStep, 'check' | 'finish'>, number>>
}

type WriteStep = keyof InstallReport['created']

/** The writes a portal in `state` still needs, by step: only what is missing, never an overwrite. */
export function missingSetup(
  state: AppSetupState,
  input: Pick<InstallInput, 'appUrl' | 'lang'>,
  rows: readonly PlacementRow[],
): Record<WriteStep, Record<string, SetupWrite>> {
  const placements: Record<string, SetupWrite> = {}
  rows.forEach((row, i) => {
    const handler = new URL(widgetPagePath(row.widget), input.appUrl).href
    if (!state.placements.some((b) => b.placement === row.placement && b.handler === handler))
      placements[`placement${i}`] = {
        kind: 'bindPlacement',
        placement: row.placement,
        handler,
        title: row.title,
        lang: input.lang,
      }
  })
  const fields: Record<string, SetupWrite> = {}
  USER_FIELDS.forEach((field, i) => {
    if (!state.userFields.some((f) => f.entity === field.entity && f.fieldName === field.fieldName))
      fields[`field${i}`] = { kind: 'addUserField', field }
  })
  // The catalog properties, then their ids into the option in the same batch (a new one's id by reference).
  if (state.catalogIblockId !== null) {
    const ids: Record<string, number | { createdBy: string }> = {}
    CATALOG_PROPERTIES.forEach((property, i) => {
      const found = state.catalogProperties.find((p) => p.code === property.code)
      if (found) ids[property.key] = found.id
      else {
        fields[`catalogProperty${i}`] = {
          kind: 'addCatalogProperty',
          iblockId: state.catalogIblockId!,
          property,
          lang: input.lang,
        }
        ids[property.key] = { createdBy: `catalogProperty${i}` }
      }
    })
    const stored = state.options[CATALOG_PROPERTIES_OPTION]
    const current = (k: string) =>
      stored !== null && typeof stored === 'object' ? String((stored as Record<string, unknown>)[k]) : ''
    if (Object.entries(ids).some(([k, v]) => typeof v !== 'number' || current(k) !== String(v)))
      fields['catalogPropertyIds'] = { kind: 'setPropertyIds', option: CATALOG_PROPERTIES_OPTION, ids }
  }
  // Stored as JSON text: a batch sends its commands as a query string, where numbers and nulls would not survive.
  const absent = Object.fromEntries(
    Object.entries(DEFAULT_OPTIONS)
      .filter(([k]) => state.options[k] === undefined)
      .map(([k, v]) => [k, JSON.stringify(v)]),
  )
  const settings: Record<string, SetupWrite> =
    Object.keys(absent).length > 0 ? { settings: { kind: 'setOptions', options: absent } } : {}
  const events: Record<string, SetupWrite> = {}
  WORKER_EVENTS.forEach((event, i) => {
    if (!state.events.some((e) => e.event === event && e.offline))
      events[`event${i}`] = { kind: 'bindOfflineEvent', event }
  })
  return { placements, fields, settings, events }
}

/** A field the portal has under our code but with another type: refusing beats writing data it cannot hold. */
function fieldConflict(state: AppSetupState): InstallError | null {
  for (const spec of USER_FIELDS) {
    const found = state.userFields.find((f) => f.entity === spec.entity && f.fieldName === spec.fieldName)
    if (found && found.userTypeId !== spec.userTypeId)
      return {
        code: 'INSTALL_FIELD_CONFLICT',
        field: `${spec.entity}.${spec.fieldName}`,
        expected: spec.userTypeId,
        found: found.userTypeId,
      }
  }
  return null
}

/**
 * Installs salesflow on the portal, idempotently: reads what is there (1 round trip), writes only what is missing —
 * placements of every table row, the user fields, the catalog properties of configured items (and the option with
 * their ids), default settings where none exist, the worker's offline events — in one batch (1 round trip), then
 * calls installFinish. A failed write names its step; running again completes it.
 */
export async function installApp(
  gateway: PortalGateway<never>,
  input: InstallInput,
): Promise<Result<InstallReport, InstallError | PortalError>> {
  const progress = input.onProgress ?? (() => undefined)
  progress({ step: 'check', status: 'running', total: 1, done: 0 })
  const table = placementRows(input.table)
  if ('badRow' in table) {
    progress({ step: 'check', status: 'failed', total: 1, done: 0 })
    return err({ code: 'INSTALL_TABLE_INVALID', row: table.badRow })
  }
  const checkFailed = (e: InstallError | PortalError) => {
    progress({ step: 'check', status: 'failed', total: 1, done: 0 })
    return err(e)
  }
  const state = await readAppSetup(gateway.client)
  if (!state.ok) return checkFailed(state.error)
  if (!state.value.isAdmin) return checkFailed({ code: 'INSTALL_NOT_ADMIN' })
  const conflict = fieldConflict(state.value)
  if (conflict) return checkFailed(conflict)
  progress({ step: 'check', status: 'done', total: 1, done: 1 })

  const missing = missingSetup(state.value, input, table.rows)
  const steps = Object.keys(missing) as WriteStep[]
  for (const step of steps) progress({ step, status: 'running', total: Object.keys(missing[step]).length, done: 0 })
  const writes = Object.assign({}, ...steps.map((s) => missing[s])) as Record<string, SetupWrite>
  const outcomes =
    Object.keys(writes).length > 0
      ? await writeAppSetup(gateway.client, writes)
      : ok({} as Readonly<Record<string, Result<true, PortalError>>>)
  if (!outcomes.ok) {
    for (const step of steps) progress({ step, status: 'failed', total: Object.keys(missing[step]).length, done: 0 })
    return err({
      code: 'INSTALL_STEP_FAILED',
      step: steps[0] ?? 'placements',
      failed: Object.keys(writes).length,
      cause: outcomes.error,
    })
  }
  let firstFailure: InstallError | null = null
  for (const step of steps) {
    const names = Object.keys(missing[step])
    const failures = names.map((n) => outcomes.value[n]).filter((r) => r !== undefined && !r.ok)
    const total = names.length
    progress({ step, status: failures.length > 0 ? 'failed' : 'done', total, done: total - failures.length })
    const first = failures[0]
    if (first && !first.ok && !firstFailure)
      firstFailure = { code: 'INSTALL_STEP_FAILED', step, failed: failures.length, cause: first.error }
  }
  if (firstFailure) return err(firstFailure)

  progress({ step: 'finish', status: 'running', total: 1, done: 0 })
  const finished = await input.finish()
  if (!finished.ok) {
    progress({ step: 'finish', status: 'failed', total: 1, done: 0 })
    return err({ code: 'INSTALL_STEP_FAILED', step: 'finish', failed: 1, cause: finished.error })
  }
  progress({ step: 'finish', status: 'done', total: 1, done: 1 })
  const created = Object.fromEntries(steps.map((s) => [s, Object.keys(missing[s]).length])) as InstallReport['created']
  return ok({ created })
}

/**
 * Takes the app off the portal's screens and queues: unbinds every placement of the app and the worker's offline
 * events (2 round trips). Data, user fields and settings stay.
 */
export async function uninstallApp(
  gateway: PortalGateway<never>,
): Promise<Result<{ readonly placements: number; readonly events: number }, InstallError | PortalError>> {
  const state = await readAppSetup(gateway.client)
  if (!state.ok) return state
  if (!state.value.isAdmin) return err({ code: 'INSTALL_NOT_ADMIN' })
  const writes: Record<string, SetupWrite> = {}
  // placement.get lists only this app's handlers.
  state.value.placements.forEach((b, i) => {
    writes[`placement${i}`] = { kind: 'unbindPlacement', placement: b.placement, handler: b.handler }
  })
  const events = WORKER_EVENTS.filter((e) => state.value.events.some((b) => b.event === e && b.offline))
  events.forEach((event, i) => {
    writes[`event${i}`] = { kind: 'unbindOfflineEvent', event }
  })
  if (Object.keys(writes).length === 0) return ok({ placements: 0, events: 0 })
  const outcomes = await writeAppSetup(gateway.client, writes)
  if (!outcomes.ok) return outcomes
  const failed = Object.values(outcomes.value).filter((r) => !r.ok)
  const first = failed[0]
  if (first && !first.ok)
    return err({ code: 'INSTALL_STEP_FAILED', step: 'placements', failed: failed.length, cause: first.error })
  return ok({ placements: state.value.placements.length, events: events.length })
}
