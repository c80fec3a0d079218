import {
  DEFAULT_DELIVERY_TABLE,
  DEFAULT_FUNNEL_CONFIG,
  DEFAULT_LEAD_RULES,
  isRecord,
  type RoleConfig,
} from '@salesflow/rules'
import type { CatalogPropertySpec, UserFieldSpec } from '@salesflow/portal'
import { DEFAULT_POLICY } from '../settings'
import { INVOICE_FIELDS, SF_FIELDS } from './field-names'

export { SF_FIELDS, INVOICE_FIELDS, FIELD_NAME_MAX } from './field-names'

/** One row of the app's placements table (`widgets/placements.json`): which page goes where, titled in ru/en. */
export interface PlacementRow {
  readonly widget: string
  readonly placement: string
  readonly title: { readonly ru: string; readonly en: string }
}

const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== ''

/** The table's rows, or the index of the first malformed one (the install refuses a broken table as a whole). */
export function placementRows(table: unknown): { rows: PlacementRow[] } | { badRow: number } {
  if (!Array.isArray(table)) return { badRow: 0 }
  const rows: PlacementRow[] = []
  for (const [i, r] of table.entries()) {
    const title = isRecord(r) && isRecord(r['title']) ? r['title'] : {}
    if (!isRecord(r) || !text(r['widget']) || !text(r['placement']) || !text(title['ru']) || !text(title['en']))
      return { badRow: i }
    rows.push({ widget: r['widget'], placement: r['placement'], title: { ru: title['ru'], en: title['en'] } })
  }
  return { rows }
}

/** Where a widget's page lives inside the app (relative to the app's root, as in dist/ and the zip). */
export const widgetPagePath = (widget: string): string => `widgets/${widget}/index.html`

const DIRECTIONS = [
  { code: 'service', label: 'Сервис' },
  { code: 'sales', label: 'Продажи' },
  { code: 'project', label: 'Проект' },
]

/** Text fields: a rate keeps every digit the portal quoted, a key is compared as written, a dispute is words. */
const invoiceField = (purpose: keyof typeof INVOICE_FIELDS, ru: string, en: string): UserFieldSpec => ({
  entity: 'smartInvoice',
  fieldName: INVOICE_FIELDS[purpose],
  userTypeId: 'string',
  label: { ru, en },
})

const INVOICE_USER_FIELDS: readonly UserFieldSpec[] = [
  invoiceField('idempotencyKey', 'Ключ выставления', 'Issue key'),
  invoiceField('rate', 'Курс', 'Rate'),
  invoiceField('rateNominal', 'Номинал курса', 'Rate nominal'),
  invoiceField('rateDate', 'Дата курса', 'Rate date'),
  invoiceField('rateSource', 'Источник курса', 'Rate source'),
  invoiceField('dispute', 'Спор по счёту', 'Invoice dispute'),
]

/**
 * The user fields salesflow keeps its data in, typed as a person reads them in the card: lists with labels, yes/no,
 * numbers. The emulator's demo seed declares the same fields with the same types (install tests check it).
 */
export const USER_FIELDS: readonly UserFieldSpec[] = [
  {
    entity: 'deal',
    fieldName: SF_FIELDS.direction,
    userTypeId: 'enumeration',
    label: { ru: 'Направление', en: 'Direction' },
    items: DIRECTIONS,
  },
  {
    entity: 'deal',
    fieldName: SF_FIELDS.configItem,
    userTypeId: 'integer',
    label: { ru: 'Конфигурация (товар)', en: 'Configured item' },
  },
  {
    entity: 'deal',
    fieldName: SF_FIELDS.configState,
    userTypeId: 'string',
    label: { ru: 'Статус конфигурации', en: 'Configuration status' },
  },
  {
    entity: 'deal',
    fieldName: SF_FIELDS.priced,
    userTypeId: 'boolean',
    label: { ru: 'Цена рассчитана', en: 'Price calculated' },
  },
  {
    entity: 'deal',
    fieldName: SF_FIELDS.offerSigned,
    userTypeId: 'boolean',
    label: { ru: 'КП подписано', en: 'Offer signed' },
  },
  {
    entity: 'deal',
    fieldName: SF_FIELDS.deliveryZone,
    userTypeId: 'enumeration',
    label: { ru: 'Зона доставки', en: 'Delivery zone' },
    items: [
      { code: 'moscow', label: 'Москва' },
      { code: 'central', label: 'Центральный регион' },
      { code: 'remote', label: 'Отдалённые регионы' },
    ],
  },
  {
    entity: 'deal',
    fieldName: SF_FIELDS.deliveryWeightKg,
    userTypeId: 'double',
    label: { ru: 'Вес доставки, кг', en: 'Delivery weight, kg' },
  },
  {
    entity: 'deal',
    fieldName: SF_FIELDS.urgency,
    userTypeId: 'enumeration',
    label: { ru: 'Срочность', en: 'Urgency' },
    items: [
      { code: 'standard', label: 'Обычная' },
      { code: 'express', label: 'Срочная' },
    ],
  },
  {
    entity: 'deal',
    fieldName: SF_FIELDS.paymentTerms,
    userTypeId: 'enumeration',
    label: { ru: 'Условия оплаты', en: 'Payment terms' },
    items: [
      { code: 'prepay100', label: 'Предоплата 100 %' },
      { code: 'prepay50', label: 'Предоплата 50 %, остаток в течение 30 дней' },
      { code: 'net30', label: 'Оплата в течение 30 дней' },
      { code: 'instalments3', label: 'Три равных платежа' },
    ],
  },
  {
    entity: 'lead',
    fieldName: SF_FIELDS.direction,
    userTypeId: 'enumeration',
    label: { ru: 'Направление', en: 'Direction' },
    items: DIRECTIONS,
  },
  {
    entity: 'lead',
    fieldName: SF_FIELDS.junkReason,
    userTypeId: 'string',
    label: { ru: 'Причина некачественного лида', en: 'Junk reason' },
  },
  {
    entity: 'company',
    fieldName: SF_FIELDS.creditLimit,
    userTypeId: 'double',
    label: { ru: 'Кредитный лимит', en: 'Credit limit' },
  },
  {
    entity: 'company',
    fieldName: SF_FIELDS.creditMode,
    userTypeId: 'enumeration',
    label: { ru: 'Режим кредитного лимита', en: 'Credit limit mode' },
    items: [
      { code: 'block', label: 'Блокировать отгрузку' },
      { code: 'warn', label: 'Только предупреждать' },
    ],
  },
  ...INVOICE_USER_FIELDS,
]

/**
 * The product catalog's string properties configured items carry (the configurator reads their ids from the
 * option `salesflow.catalogProperties`, which the install writes with the ids the portal gave them).
 */
export const CATALOG_PROPERTIES: readonly CatalogPropertySpec[] = [
  {
    key: 'components',
    code: 'SF_CONFIGURATION',
    name: { ru: 'Конфигурация (salesflow)', en: 'Configuration (salesflow)' },
  },
  { key: 'approval', code: 'SF_APPROVAL', name: { ru: 'Согласование (salesflow)', en: 'Approval (salesflow)' } },
  {
    key: 'task',
    code: 'SF_APPROVAL_TASK',
    name: { ru: 'Задача согласования (salesflow)', en: 'Approval task (salesflow)' },
  },
  {
    key: 'reason',
    code: 'SF_REJECT_REASON',
    name: { ru: 'Причина отклонения (salesflow)', en: 'Rejection reason (salesflow)' },
  },
]

/** The CRM changes the worker reads from the portal's offline queue (packages/worker intake). */
export const WORKER_EVENTS: readonly string[] = [
  'ONCRMDEALADD',
  'ONCRMDEALUPDATE',
  'ONCRMDEALDELETE',
  'ONCRMDEALMOVETOCATEGORY',
  'ONCRMLEADADD',
  'ONCRMLEADUPDATE',
  'ONCRMLEADDELETE',
  'ONCRMDYNAMICITEMADD',
  'ONCRMDYNAMICITEMUPDATE',
  'ONCRMDYNAMICITEMDELETE',
  'ONTASKADD',
  'ONTASKUPDATE',
]

/** Until an administrator assigns roles, only portal administrators may change anything (least privilege). */
const DEFAULT_ROLES: RoleConfig = { users: {}, departments: {}, fallback: 'viewer' }

/**
 * The app options a fresh portal starts with: every section readSettings reads, except our company's requisites
 * (only the administrator knows them; documents say so until they are entered).
 */
export const DEFAULT_OPTIONS: Readonly<Record<string, unknown>> = {
  'salesflow.policy': DEFAULT_POLICY,
  'salesflow.roles': DEFAULT_ROLES,
  'salesflow.funnels': DEFAULT_FUNNEL_CONFIG,
  'salesflow.delivery': DEFAULT_DELIVERY_TABLE,
  'salesflow.leadRules': DEFAULT_LEAD_RULES,
}
