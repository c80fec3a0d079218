import type { Role } from '../access/roles'

/** A stage in progress, won or lost (packages/portal maps the portal's P/S/F letters to these words). */
export type StageSemantics = 'process' | 'success' | 'failure'

export interface FunnelStage {
  readonly id: string
  readonly name: string
  readonly semantics: StageSemantics
}

/** A deal category with its stages in order (crm.category.list + crm.status.list DEAL_STAGE_{cat}). */
export interface Funnel {
  readonly key: string
  readonly categoryId: number
  readonly name: string
  readonly stages: readonly FunnelStage[]
}

/** Which CRM entity a reference field names: the picker searches companies or contacts by name. */
export type ClientLookup = 'company' | 'contact'

/** A condition a deal must meet before a move, as data. Empty means null, undefined, '', 0 or '0' (no id). */
export type Requirement =
  /** `lookup`: the value is a CRM reference a widget offers a search for (a picker), never a raw id box. */
  | { readonly kind: 'field'; readonly field: string; readonly label?: string; readonly lookup?: ClientLookup }
  | {
      readonly kind: 'fieldEquals'
      readonly field: string
      readonly value: string | readonly string[]
      readonly what: 'approval' | 'calculation' | 'document' | 'value'
      readonly label?: string
    }
  | { readonly kind: 'positive'; readonly field: string; readonly label?: string }
  /** Received ≥ `percent` of the deal amount. */
  | { readonly kind: 'payment'; readonly percent: number | string }
  /** Received ≥ the prepayment the deal's payment terms ask for; terms mapped to null have no prepayment. */
  | {
      readonly kind: 'prepayment'
      readonly termsField: string
      readonly percentByTerms: Readonly<Record<string, number | string | null>>
    }
  /** The company's credit check (checkCreditLimit for this deal's amount) did not block. */
  | { readonly kind: 'credit' }
  | { readonly kind: 'anyOf'; readonly options: readonly (readonly Requirement[])[] }

/** One allowed move (ERPNext's workflow transition): from one of `from` to `to`, by `roles`, if `requires` hold. */
export interface TransitionRule {
  readonly from: readonly string[]
  readonly to: string
  readonly roles: readonly Role[]
  readonly requires?: readonly Requirement[]
}

export interface FunnelConfig {
  /** In flow order: a deal moves from one funnel to the next. */
  readonly funnels: readonly Funnel[]
  readonly transitions: readonly TransitionRule[]
  /** Who may move a deal back to an earlier in-progress stage of the same funnel (never needs data). */
  readonly backwardRoles: readonly Role[]
  /** Who may reopen a won or lost deal within its funnel. */
  readonly reopenRoles: readonly Role[]
}

// ---- the demo company's configuration (portal ids from the shared demo contract) ----------------------------

const f = (field: string, label?: string, lookup?: ClientLookup): Requirement => ({
  kind: 'field',
  field,
  ...(label ? { label } : {}),
  ...(lookup ? { lookup } : {}),
})
const DIRECTION = f('UF_CRM_SF_DIRECTION', 'Направление')
const CLIENT: Requirement = {
  kind: 'anyOf',
  options: [[f('COMPANY_ID', 'Компания', 'company')], [f('CONTACT_ID', 'Контакт', 'contact')]],
}
const CONFIG_APPROVED: Requirement = {
  kind: 'fieldEquals',
  field: 'UF_CRM_SF_CFG_STATE',
  value: 'approved',
  what: 'approval',
  label: 'Конфигурация согласована',
}
const PRICE_CALCULATED: Requirement = {
  kind: 'fieldEquals',
  field: 'UF_CRM_SF_PRICED',
  value: 'Y',
  what: 'calculation',
  label: 'Стоимость рассчитана',
}
const OFFER_SIGNED: Requirement = {
  kind: 'fieldEquals',
  field: 'UF_CRM_SF_SIGNED',
  value: 'Y',
  what: 'document',
  label: 'КП подписано',
}
const PREPAYMENT: Requirement = {
  kind: 'prepayment',
  termsField: 'UF_CRM_SF_PAY_TERMS',
  percentByTerms: { prepay100: 100, prepay50: 50, instalments3: '33.33', net30: null },
}
const SIGNED_OR_PREPAID: Requirement = { kind: 'anyOf', options: [[OFFER_SIGNED], [PREPAYMENT]] }

const SALES: readonly Role[] = ['manager', 'admin']
const TECH: readonly Role[] = ['manager', 'technician', 'admin']

/** Activity → Sale → Realization, as in the demo portal (categories 0, 1, 2). */
export const DEFAULT_FUNNELS: readonly Funnel[] = [
  {
    key: 'activity',
    categoryId: 0,
    name: 'Активность',
    stages: [
      { id: 'NEW', name: 'Новый запрос', semantics: 'process' },
      { id: 'PREPARATION', name: 'Выявление потребности', semantics: 'process' },
      { id: 'EXECUTING', name: 'Подбор решения', semantics: 'process' },
      { id: 'WON', name: 'Передано в продажу', semantics: 'success' },
      { id: 'LOSE', name: 'Отказ', semantics: 'failure' },
    ],
  },
  {
    key: 'sale',
    categoryId: 1,
    name: 'Продажа',
    stages: [
      { id: 'C1:NEW', name: 'Новая сделка', semantics: 'process' },
      { id: 'C1:PREPARATION', name: 'Конфигурация', semantics: 'process' },
      { id: 'C1:PREPAYMENT_INVOICE', name: 'Расчёт стоимости', semantics: 'process' },
      { id: 'C1:EXECUTING', name: 'КП отправлено', semantics: 'process' },
      { id: 'C1:FINAL_INVOICE', name: 'Согласование и счёт', semantics: 'process' },
      { id: 'C1:WON', name: 'Договор подписан', semantics: 'success' },
      { id: 'C1:LOSE', name: 'Проиграна', semantics: 'failure' },
    ],
  },
  {
    key: 'realization',
    categoryId: 2,
    name: 'Реализация',
    stages: [
      { id: 'C2:NEW', name: 'Запуск', semantics: 'process' },
      { id: 'C2:PREPARATION', name: 'Производство', semantics: 'process' },
      { id: 'C2:EXECUTING', name: 'Отгрузка', semantics: 'process' },
      { id: 'C2:FINAL_INVOICE', name: 'Закрывающие документы', semantics: 'process' },
      { id: 'C2:WON', name: 'Выполнена', semantics: 'success' },
      { id: 'C2:LOSE', name: 'Отменена', semantics: 'failure' },
    ],
  },
]

const inProgress = (cat: number) =>
  DEFAULT_FUNNELS.find((x) => x.categoryId === cat)!
    .stages.filter((s) => s.semantics === 'process')
    .map((s) => s.id)

export const DEFAULT_TRANSITIONS: readonly TransitionRule[] = [
  // Activity: find out the need, then hand over to Sale
  { from: ['NEW'], to: 'PREPARATION', roles: SALES },
  { from: ['PREPARATION'], to: 'EXECUTING', roles: SALES, requires: [DIRECTION] },
  { from: ['EXECUTING'], to: 'WON', roles: SALES, requires: [DIRECTION, CLIENT] },
  { from: inProgress(0), to: 'LOSE', roles: SALES },
  // Across: Bitrix24 skips required-field checks on a category change, so the guard carries them here
  { from: ['WON', 'EXECUTING'], to: 'C1:NEW', roles: SALES, requires: [DIRECTION, CLIENT] },
  // Sale: configuration → approved price → offer → signature
  { from: ['C1:NEW'], to: 'C1:PREPARATION', roles: SALES, requires: [DIRECTION] },
  {
    from: ['C1:PREPARATION'],
    to: 'C1:PREPAYMENT_INVOICE',
    roles: TECH,
    requires: [CONFIG_APPROVED, f('UF_CRM_SF_CFG_ITEM', 'Товар конфигурации')],
  },
  {
    from: ['C1:PREPAYMENT_INVOICE'],
    to: 'C1:EXECUTING',
    roles: SALES,
    requires: [CONFIG_APPROVED, PRICE_CALCULATED, { kind: 'positive', field: 'OPPORTUNITY', label: 'Сумма' }],
  },
  {
    from: ['C1:EXECUTING'],
    to: 'C1:FINAL_INVOICE',
    roles: SALES,
    requires: [f('UF_CRM_SF_PAY_TERMS', 'Условия оплаты')],
  },
  { from: ['C1:FINAL_INVOICE'], to: 'C1:WON', roles: SALES, requires: [SIGNED_OR_PREPAID] },
  { from: inProgress(1), to: 'C1:LOSE', roles: SALES },
  // Across to Realization: a signed offer or the prepayment the terms ask for, and credit within the limit
  // (or overridden): production starts here, so this is where unpaid exposure is created
  {
    from: ['C1:WON', 'C1:FINAL_INVOICE'],
    to: 'C2:NEW',
    roles: SALES,
    requires: [SIGNED_OR_PREPAID, { kind: 'credit' }],
  },
  // Realization: production, shipping, closing documents
  { from: ['C2:NEW'], to: 'C2:PREPARATION', roles: TECH },
  {
    from: ['C2:PREPARATION'],
    to: 'C2:EXECUTING',
    roles: TECH,
    requires: [f('UF_CRM_SF_DLV_ZONE', 'Зона доставки')],
  },
  { from: ['C2:EXECUTING'], to: 'C2:FINAL_INVOICE', roles: ['manager', 'accountant', 'admin'] },
  {
    from: ['C2:FINAL_INVOICE'],
    to: 'C2:WON',
    roles: ['accountant', 'admin'],
    requires: [{ kind: 'payment', percent: 100 }],
  },
  // Cancelling a contract in production is the administrator's call
  { from: inProgress(2), to: 'C2:LOSE', roles: ['admin'] },
]

export const DEFAULT_FUNNEL_CONFIG: FunnelConfig = {
  funnels: DEFAULT_FUNNELS,
  transitions: DEFAULT_TRANSITIONS,
  backwardRoles: ['manager', 'admin'],
  reopenRoles: ['admin'],
}
