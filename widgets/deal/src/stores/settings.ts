import {
  DEFAULT_DELIVERY_TABLE,
  DEFAULT_FUNNEL_CONFIG,
  DEMO_ROLE_CONFIG,
  parseRoleConfig,
  validateFunnelConfig,
  type DeliveryTable,
  type FunnelConfig,
  type RoleConfig,
} from '@salesflow/rules'
import type { SellerRequisites } from '@salesflow/documents/model'

/** An app option that is there but unusable: the tab says so and works with the default meanwhile. */
export interface SettingProblem {
  readonly code: 'SETTING_INVALID'
  readonly option: string
  readonly problem: string
}

/** What an administrator configures in app options, checked; defaults where nothing is set. */
export interface Settings {
  readonly roles: RoleConfig
  readonly funnels: FunnelConfig
  readonly delivery: DeliveryTable
  /** Our requisites for documents; null until an administrator sets them. */
  readonly company: SellerRequisites | null
  readonly problems: readonly SettingProblem[]
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** App option values arrive as objects or as the JSON they were stored as. */
function decode(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

export function readSettings(options: Readonly<Record<string, unknown>>): Settings {
  const problems: SettingProblem[] = []
  const problem = (option: string, text: string) => problems.push({ code: 'SETTING_INVALID', option, problem: text })

  let roles: RoleConfig = DEMO_ROLE_CONFIG
  if (options['salesflow.roles'] !== undefined) {
    const r = parseRoleConfig(options['salesflow.roles'])
    if (r.ok) roles = r.value
    else
      problem(
        'salesflow.roles',
        r.error.code === 'CONFIG_INVALID' ? `${r.error.path}: ${r.error.problem}` : r.error.code,
      )
  }

  let funnels: FunnelConfig = DEFAULT_FUNNEL_CONFIG
  const f = decode(options['salesflow.funnels'])
  if (f !== undefined) {
    if (!isObject(f) || !Array.isArray(f['funnels']) || !Array.isArray(f['transitions'])) {
      problem('salesflow.funnels', 'needs funnels and transitions')
    } else {
      const v = validateFunnelConfig(f as unknown as FunnelConfig)
      if (v.ok) funnels = v.value
      else
        problem(
          'salesflow.funnels',
          v.error.code === 'CONFIG_INVALID' ? `${v.error.path}: ${v.error.problem}` : v.error.code,
        )
    }
  }

  let delivery: DeliveryTable = DEFAULT_DELIVERY_TABLE
  const d = decode(options['salesflow.delivery'])
  if (d !== undefined) {
    if (isObject(d) && typeof d['currency'] === 'string' && Array.isArray(d['tiers']) && isObject(d['urgency'])) {
      delivery = d as unknown as DeliveryTable // numbers inside are checked by quoteDelivery, with the field named
    } else problem('salesflow.delivery', 'needs currency, tiers and urgency')
  }

  let company: SellerRequisites | null = null
  const c = decode(options['salesflow.company'])
  if (c !== undefined) {
    if (isObject(c) && typeof c['name'] === 'string' && typeof c['inn'] === 'string' && isObject(c['bank'])) {
      company = c as unknown as SellerRequisites // every text is checked again by the offer's own validation
    } else problem('salesflow.company', 'needs name, inn and bank')
  }

  return { roles, funnels, delivery, company, problems }
}
