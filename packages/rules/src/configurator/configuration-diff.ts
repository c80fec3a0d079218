import type { Configuration } from './product-model'
import { canonicalConfiguration } from './generated-item'
import { isOneOf, isRecord, own } from '../input'
import { parseDecimal } from '../decimal'

export interface ConfigurationDiff {
  readonly identical: boolean
  readonly platform: { readonly from: string; readonly to: string } | null
  readonly added: readonly { readonly componentId: string; readonly quantity: number }[]
  readonly removed: readonly { readonly componentId: string; readonly quantity: number }[]
  readonly changed: readonly { readonly componentId: string; readonly from: number; readonly to: number }[]
}

/**
 * What changed between an approved configuration and a new one, on canonical forms (order, split lines and
 * zero quantities do not count): what the technical department re-approves, instead of the whole thing.
 */
export function diffConfigurations(before: Configuration, after: Configuration): ConfigurationDiff {
  const a = new Map(canonicalConfiguration(before).components)
  const b = new Map(canonicalConfiguration(after).components)
  const added = [...b].filter(([id]) => !a.has(id)).map(([componentId, quantity]) => ({ componentId, quantity }))
  const removed = [...a].filter(([id]) => !b.has(id)).map(([componentId, quantity]) => ({ componentId, quantity }))
  const changed = [...b]
    .filter(([id, q]) => a.has(id) && a.get(id) !== q)
    .map(([componentId, to]) => ({ componentId, from: a.get(componentId)!, to }))
  const [from, to] = [canonicalConfiguration(before).platformId, canonicalConfiguration(after).platformId]
  const platform = from === to ? null : { from, to }
  return {
    identical: !platform && !added.length && !removed.length && !changed.length,
    platform,
    added,
    removed,
    changed,
  }
}

/** A catalog item generated earlier, with its technical approval. */
export interface KnownItem {
  readonly fingerprint: string
  readonly productId: string | number
  readonly approval: 'draft' | 'pending' | 'approved' | 'rejected'
}

/**
 * Reuse before create (ERPNext's find_variant): the existing item with the same fingerprint, whose approval
 * carries over, or undefined when the configuration is new and must be created and approved.
 */
export function findExistingItem(known: readonly KnownItem[], fingerprint: string): KnownItem | undefined {
  if (!Array.isArray(known) || typeof fingerprint !== 'string') return undefined
  const approvals = ['draft', 'pending', 'approved', 'rejected'] as const
  const valid = (k: unknown): k is KnownItem => {
    const id = own(k, 'productId')
    const idOk = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))
    return isRecord(k) && idOk && isOneOf(own(k, 'approval'), approvals)
  }
  // Only a well-formed record is reused: an item with an unreadable id or approval is no match.
  const hit = known.find((k) => isRecord(k) && own(k, 'fingerprint') === fingerprint)
  return valid(hit) ? { fingerprint: hit.fingerprint, productId: hit.productId, approval: hit.approval } : undefined
}

/** What an edit means to the manager besides the parts: how the list price moves and whether it needs approval. */
export interface ConfigurationChange {
  /** New list price minus the opened one (same currency), signed; null when either price is unknown. */
  readonly priceDelta: string | null
  /** A changed configuration is another item: it needs the technical department unless that item is approved. */
  readonly reapproval: boolean
}

export function configurationChange(
  diff: ConfigurationDiff,
  before: { readonly listPrice: string; readonly currency: string } | null,
  after: { readonly listPrice: string; readonly currency: string } | null,
  approvalOfNew: KnownItem['approval'] | null,
): ConfigurationChange {
  const [a, b] = [before && parseDecimal(before.listPrice, 'before'), after && parseDecimal(after.listPrice, 'after')]
  const comparable = a?.ok && b?.ok && before!.currency === after!.currency
  return {
    priceDelta: comparable ? b.value.minus(a.value).toFixed() : null,
    reapproval: !diff.identical && approvalOfNew !== 'approved',
  }
}
