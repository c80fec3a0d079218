import type { FunnelConfig, Requirement } from '../funnels/funnel-config'
import { isRecord, own } from '../input'

/**
 * The deal fields that record "the price was calculated", as the funnel configuration names them
 * (requirements of kind `fieldEquals` with `what: 'calculation'`), with the value that satisfies them.
 * Saving an order calculation writes these, so the guard and the portal agree without a hard-coded field.
 */
export function calculationFields(config: FunnelConfig): Record<string, string> {
  const out: Record<string, string> = {}
  // A configuration validateFunnelConfig would refuse still gives an answer: unreadable parts are skipped.
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
  const visit = (r: Requirement, depth: number): void => {
    if (!isRecord(r) || depth > 16) return
    if (r.kind === 'fieldEquals' && r.what === 'calculation' && typeof r.field === 'string') {
      const value: unknown = typeof r.value === 'string' ? r.value : list(r.value)[0]
      if (typeof value === 'string') Object.defineProperty(out, r.field, { value, enumerable: true, writable: true })
    } else if (r.kind === 'anyOf')
      list(r.options).forEach((o) => list(o).forEach((x) => visit(x as Requirement, depth + 1)))
  }
  list(own(config, 'transitions')).forEach((t) => list(own(t, 'requires')).forEach((r) => visit(r as Requirement, 0)))
  return out
}
