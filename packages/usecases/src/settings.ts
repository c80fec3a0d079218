import {
  DEFAULT_DELIVERY_TABLE,
  DEFAULT_FUNNEL_CONFIG,
  DEMO_ROLE_CONFIG,
  isRecord,
  parseRoleConfig,
  validateFunnelConfig,
  type DeliveryTable,
  type FunnelConfig,
  type RoleConfig,
} from '@salesflow/rules'
import type { SellerRequisites } from '@salesflow/documents/model'
import { SF_FIELDS } from './install/field-names'

/** An app option that is there but unusable: the tab says so and works with the default meanwhile. */
export interface SettingProblem {
  readonly code: 'SETTING_INVALID'
  readonly option: string
  readonly problem: string
}

/** Text in both languages of the widgets. */
export interface Worded {
  readonly ru: string
  readonly en: string
}

/** The user fields (UF_CRM_*) our data lives in: a portal may have created them under other codes. */
export interface FieldCodes {
  /** Deal: the payment terms code (`50/50`, …) the offer and the invoices read. */
  readonly paymentTerms: string
  readonly deliveryZone: string
  readonly deliveryWeightKg: string
  readonly urgency: string
  /** Company: the credit limit in the base currency and its mode (`block` or `warn`). */
  readonly creditLimit: string
  readonly creditMode: string
}

/**
 * The product row delivery is billed as, recognised by its catalog product (not by a name a manager can retype).
 * `productId` null: no delivery product is configured, so the tab quotes delivery but cannot add it as a row.
 */
export interface DeliveryRowPolicy {
  readonly productId: number | null
  /** The product's XML_ID, for an installer that looks the product up by it. */
  readonly xmlId: string
  readonly name: Worded
  readonly measureName: Worded
}

/** What the commercial offer promises besides the rows. */
export interface OfferPolicy {
  readonly validDays: number
  /** Used when the deal's payment terms are empty or unknown. */
  readonly paymentFallback: Worded
  readonly delivery: Worded
  readonly warranty: Worded
}

export interface Policy {
  readonly fields: FieldCodes
  readonly deliveryRow: DeliveryRowPolicy
  readonly offer: OfferPolicy
}

/** What an administrator configures in app options, checked; defaults where nothing is set. */
export interface Settings extends Policy {
  readonly roles: RoleConfig
  readonly funnels: FunnelConfig
  readonly delivery: DeliveryTable
  /** Our requisites for documents; null until an administrator sets them. */
  readonly company: SellerRequisites | null
  readonly problems: readonly SettingProblem[]
}

/** The defaults of `salesflow.policy`; an administrator's option overrides them key by key. */
export const DEFAULT_POLICY: Policy = {
  fields: {
    paymentTerms: SF_FIELDS.paymentTerms,
    deliveryZone: SF_FIELDS.deliveryZone,
    deliveryWeightKg: SF_FIELDS.deliveryWeightKg,
    urgency: SF_FIELDS.urgency,
    creditLimit: SF_FIELDS.creditLimit,
    creditMode: SF_FIELDS.creditMode,
  },
  deliveryRow: {
    productId: null,
    xmlId: 'SF-DELIVERY',
    name: { ru: 'Доставка', en: 'Delivery' },
    measureName: { ru: 'усл.', en: 'svc' },
  },
  offer: {
    validDays: 14,
    paymentFallback: { ru: 'по договорённости', en: 'as agreed' },
    delivery: { ru: 'по согласованию после оплаты', en: 'to be agreed after payment' },
    warranty: { ru: '12 месяцев', en: '12 months' },
  },
}

/** App option values arrive as objects or as the JSON they were stored as. */
function decode(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

const isWorded = (v: unknown): v is Worded => isRecord(v) && typeof v['ru'] === 'string' && typeof v['en'] === 'string'

/** The problem with one part of `salesflow.policy`, or null when it is usable. */
function policyProblem(p: Record<string, unknown>): string | null {
  const { fields, deliveryRow, offer } = p
  if (fields !== undefined && (!isRecord(fields) || Object.values(fields).some((v) => typeof v !== 'string' || !v)))
    return 'fields: every code is a non-empty string'
  if (deliveryRow !== undefined) {
    if (!isRecord(deliveryRow)) return 'deliveryRow: needs productId'
    const id = deliveryRow['productId']
    if (id !== undefined && id !== null && !(Number.isInteger(id) && (id as number) > 0))
      return 'deliveryRow.productId: a catalog product id'
    for (const k of ['name', 'measureName'] as const)
      if (deliveryRow[k] !== undefined && !isWorded(deliveryRow[k])) return `deliveryRow.${k}: needs ru and en`
  }
  if (offer !== undefined) {
    if (!isRecord(offer)) return 'offer: needs validDays and terms'
    const days = offer['validDays']
    if (days !== undefined && !(Number.isInteger(days) && (days as number) > 0 && (days as number) <= 365))
      return 'offer.validDays: whole days, 1 to 365'
    for (const k of ['paymentFallback', 'delivery', 'warranty'] as const)
      if (offer[k] !== undefined && !isWorded(offer[k])) return `offer.${k}: needs ru and en`
  }
  return null
}

/** Settings from the app options a card carries (no round trip of its own); every problem is reported. */
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
    if (!isRecord(f) || !Array.isArray(f['funnels']) || !Array.isArray(f['transitions'])) {
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
    if (isRecord(d) && typeof d['currency'] === 'string' && Array.isArray(d['tiers']) && isRecord(d['urgency'])) {
      delivery = d as unknown as DeliveryTable // numbers inside are checked by quoteDelivery, with the field named
    } else problem('salesflow.delivery', 'needs currency, tiers and urgency')
  }

  let company: SellerRequisites | null = null
  const c = decode(options['salesflow.company'])
  if (c !== undefined) {
    if (isRecord(c) && typeof c['name'] === 'string' && typeof c['inn'] === 'string' && isRecord(c['bank'])) {
      company = c as unknown as SellerRequisites // every text is checked again by the offer's own validation
    } else problem('salesflow.company', 'needs name, inn and bank')
  }

  let policy: Policy = DEFAULT_POLICY
  const p = decode(options['salesflow.policy'])
  if (p !== undefined) {
    const why = isRecord(p) ? policyProblem(p) : 'needs fields, deliveryRow or offer'
    if (why !== null || !isRecord(p)) problem('salesflow.policy', why ?? '')
    else
      policy = {
        fields: { ...DEFAULT_POLICY.fields, ...(p['fields'] as Partial<FieldCodes> | undefined) },
        deliveryRow: { ...DEFAULT_POLICY.deliveryRow, ...(p['deliveryRow'] as Partial<DeliveryRowPolicy> | undefined) },
        offer: { ...DEFAULT_POLICY.offer, ...(p['offer'] as Partial<OfferPolicy> | undefined) },
      }
  }

  return { roles, funnels, delivery, company, ...policy, problems }
}
