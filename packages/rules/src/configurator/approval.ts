import type { Role } from '../access/roles'
import { isOneOf, isRecord } from '../input'
import { err, ok, type Result } from '../result'
import type { ProcessError } from '../sales-errors'
import { canonicalConfiguration, type CanonicalConfiguration } from './generated-item'
import type { KnownItem } from './configuration-diff'
import type { Configuration } from './product-model'

export type Approval = KnownItem['approval']
export const APPROVALS: readonly Approval[] = ['draft', 'pending', 'approved', 'rejected']

/** An approval value as stored in the item's property; anything unreadable is a draft (never "approved"). */
export function readApproval(value: unknown): Approval {
  return isOneOf(value, APPROVALS) ? value : 'draft'
}

/** Only the technical department decides on a configuration (the role from the settings). */
export function checkApprover(role: Role): Result<true, ProcessError> {
  return role === 'technician' ? ok(true) : err({ code: 'ROLE_NOT_ALLOWED', actor: role, allowed: ['technician'] })
}

/** Sending for approval is the sales side's step. */
export function checkRequester(role: Role): Result<true, ProcessError> {
  return role === 'manager' || role === 'admin'
    ? ok(true)
    : err({ code: 'ROLE_NOT_ALLOWED', actor: role, allowed: ['manager', 'admin'] })
}

/**
 * Whether a configured item may go onto a deal of this funnel (its key: `activity`, `sale`, `realization`):
 * approved items anywhere; in Activity, an item not yet approved goes on as a draft marked unapproved; a
 * rejected item nowhere. Errors: CONFIGURATION_NOT_APPROVED.
 */
export function configuredItemPlacement(
  approval: Approval,
  funnel: string,
): Result<{ readonly draft: boolean }, ProcessError> {
  if (approval === 'approved') return ok({ draft: false })
  if (funnel === 'activity' && approval !== 'rejected') return ok({ draft: true })
  return err({ code: 'CONFIGURATION_NOT_APPROVED', funnel, approval })
}

/**
 * Of the catalog items found with one fingerprint (two managers may create one at the same moment), the one
 * everybody keeps: the lowest id. The others are duplicates their creators delete.
 */
export function survivingItem<T extends { readonly id: number }>(items: readonly T[]): T | undefined {
  if (!Array.isArray(items)) return undefined
  const readable = items.filter((x): x is T => isRecord(x) && Number.isSafeInteger(x['id']))
  return readable.reduce<T | undefined>((best, x) => (best === undefined || x.id < best.id ? x : best), undefined)
}

/** The configuration as an item's property stores it: canonical JSON, so equal configurations read equal. */
export function encodeConfiguration(config: Configuration): string {
  const c = canonicalConfiguration(config)
  return JSON.stringify({ platformId: c.platformId, components: c.components })
}

/** Reads the property back; undefined when it is not what encodeConfiguration wrote. */
export function decodeConfiguration(text: unknown): Configuration | undefined {
  if (typeof text !== 'string') return undefined
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isRecord(v) || typeof v['platformId'] !== 'string' || !Array.isArray(v['components'])) return undefined
  const parts: CanonicalConfiguration['components'][number][] = []
  for (const p of v['components'] as unknown[]) {
    if (!Array.isArray(p) || typeof p[0] !== 'string' || !Number.isSafeInteger(p[1]) || (p[1] as number) <= 0)
      return undefined
    parts.push([p[0], p[1] as number])
  }
  return {
    platformId: v['platformId'],
    components: parts.map(([componentId, quantity]) => ({ componentId, quantity })),
  }
}
