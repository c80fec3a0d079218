import type { FunnelConfig, Requirement } from '../funnels/funnel-config'

/**
 * The deal fields that record "the price was calculated", as the funnel configuration names them
 * (requirements of kind `fieldEquals` with `what: 'calculation'`), with the value that satisfies them.
 * Saving an order calculation writes these, so the guard and the portal agree without a hard-coded field.
 */
export function calculationFields(config: FunnelConfig): Record<string, string> {
  const out: Record<string, string> = {}
  const visit = (r: Requirement): void => {
    if (r.kind === 'fieldEquals' && r.what === 'calculation') {
      const value = typeof r.value === 'string' ? r.value : r.value[0]
      if (value !== undefined) out[r.field] = value
    } else if (r.kind === 'anyOf') r.options.forEach((o) => o.forEach(visit))
  }
  config.transitions.forEach((t) => t.requires?.forEach(visit))
  return out
}
