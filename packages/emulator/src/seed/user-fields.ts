import { addUserField, userFieldsOf } from '../crm/user-field-table'
import type { CrmItem, PortalStore } from '../store/store'

interface FieldSpec {
  entityId: string
  fieldName: string
  userTypeId: string
  label: { ru: string; en: string }
  mandatory?: boolean
  /** A list field's items: [XML_ID, VALUE]. */
  items?: readonly (readonly [code: string, label: string])[]
}

const DIRECTIONS = [
  ['service', 'Сервис'],
  ['sales', 'Продажи'],
  ['project', 'Проект'],
] as const

/**
 * The demo company's user fields: the ones salesflow's install page creates, with the types a person reads in the
 * card (lists with labels, yes/no), plus the client's ИНН on leads the company had before. The emulator keeps its
 * own copy: it never imports the app (the app's install use case is checked against this portal by its tests).
 * The company made the deal's direction a required field.
 */
const DEMO_USER_FIELDS: readonly FieldSpec[] = [
  {
    entityId: 'CRM_DEAL',
    fieldName: 'UF_CRM_SF_DIRECTION',
    userTypeId: 'enumeration',
    label: { ru: 'Направление', en: 'Direction' },
    mandatory: true,
    items: DIRECTIONS,
  },
  {
    entityId: 'CRM_DEAL',
    fieldName: 'UF_CRM_SF_CFG_ITEM',
    userTypeId: 'integer',
    label: { ru: 'Конфигурация (товар)', en: 'Configured item' },
  },
  {
    entityId: 'CRM_DEAL',
    fieldName: 'UF_CRM_SF_CFG_STATE',
    userTypeId: 'string',
    label: { ru: 'Статус конфигурации', en: 'Configuration status' },
  },
  {
    entityId: 'CRM_DEAL',
    fieldName: 'UF_CRM_SF_PRICED',
    userTypeId: 'boolean',
    label: { ru: 'Цена рассчитана', en: 'Price calculated' },
  },
  {
    entityId: 'CRM_DEAL',
    fieldName: 'UF_CRM_SF_SIGNED',
    userTypeId: 'boolean',
    label: { ru: 'КП подписано', en: 'Offer signed' },
  },
  {
    entityId: 'CRM_DEAL',
    fieldName: 'UF_CRM_SF_DLV_ZONE',
    userTypeId: 'enumeration',
    label: { ru: 'Зона доставки', en: 'Delivery zone' },
    items: [
      ['moscow', 'Москва'],
      ['central', 'Центральный регион'],
      ['remote', 'Отдалённые регионы'],
    ],
  },
  {
    entityId: 'CRM_DEAL',
    fieldName: 'UF_CRM_SF_DLV_KG',
    userTypeId: 'double',
    label: { ru: 'Вес доставки, кг', en: 'Delivery weight, kg' },
  },
  {
    entityId: 'CRM_DEAL',
    fieldName: 'UF_CRM_SF_URGENCY',
    userTypeId: 'enumeration',
    label: { ru: 'Срочность', en: 'Urgency' },
    items: [
      ['standard', 'Обычная'],
      ['express', 'Срочная'],
    ],
  },
  {
    entityId: 'CRM_DEAL',
    fieldName: 'UF_CRM_SF_PAY_TERMS',
    userTypeId: 'enumeration',
    label: { ru: 'Условия оплаты', en: 'Payment terms' },
    items: [
      ['prepay100', 'Предоплата 100 %'],
      ['prepay50', 'Предоплата 50 %, остаток в течение 30 дней'],
      ['net30', 'Оплата в течение 30 дней'],
      ['instalments3', 'Три равных платежа'],
    ],
  },
  {
    entityId: 'CRM_LEAD',
    fieldName: 'UF_CRM_SF_DIRECTION',
    userTypeId: 'enumeration',
    label: { ru: 'Направление', en: 'Direction' },
    items: DIRECTIONS,
  },
  {
    entityId: 'CRM_LEAD',
    fieldName: 'UF_CRM_SF_JUNK',
    userTypeId: 'string',
    label: { ru: 'Причина некачественного лида', en: 'Junk reason' },
  },
  {
    entityId: 'CRM_LEAD',
    fieldName: 'UF_CRM_SF_INN',
    userTypeId: 'string',
    label: { ru: 'ИНН клиента', en: 'Client tax id (INN)' },
  },
  {
    entityId: 'CRM_COMPANY',
    fieldName: 'UF_CRM_SF_CR_LIMIT',
    userTypeId: 'double',
    label: { ru: 'Кредитный лимит', en: 'Credit limit' },
  },
  {
    entityId: 'CRM_COMPANY',
    fieldName: 'UF_CRM_SF_CR_MODE',
    userTypeId: 'enumeration',
    label: { ru: 'Режим кредитного лимита', en: 'Credit limit mode' },
    items: [
      ['block', 'Блокировать отгрузку'],
      ['warn', 'Только предупреждать'],
    ],
  },
  // The smart invoice's fields (text) the install creates: issue key, rate snapshot, dispute.
  ...(
    [
      ['UF_CRM_SMART_INVOICE_SF_IDEMPOTENCY_KEY', 'Ключ выставления', 'Issue key'],
      ['UF_CRM_SMART_INVOICE_SF_RATE', 'Курс', 'Rate'],
      ['UF_CRM_SMART_INVOICE_SF_RATE_NOMINAL', 'Номинал курса', 'Rate nominal'],
      ['UF_CRM_SMART_INVOICE_SF_RATE_DATE', 'Дата курса', 'Rate date'],
      ['UF_CRM_SMART_INVOICE_SF_RATE_SOURCE', 'Источник курса', 'Rate source'],
      ['UF_CRM_SMART_INVOICE_SF_DISPUTE', 'Спор по счёту', 'Invoice dispute'],
    ] as const
  ).map(([fieldName, ru, en]) => ({
    entityId: 'CRM_SMART_INVOICE',
    fieldName,
    userTypeId: 'string',
    label: { ru, en },
  })),
]

/** Creates the demo company's user fields (list items get the portal's ids). */
export function seedDemoUserFields(store: PortalStore): void {
  for (const f of DEMO_USER_FIELDS)
    addUserField(store, {
      entityId: f.entityId,
      fieldName: f.fieldName,
      userTypeId: f.userTypeId,
      xmlId: f.fieldName,
      sort: 100,
      mandatory: f.mandatory ?? false,
      multiple: false,
      showFilter: 'E',
      isSearchable: false,
      label: f.label,
      settings: {},
      list: (f.items ?? []).map(([code, label], i) => ({
        VALUE: label,
        XML_ID: code,
        SORT: String((i + 1) * 10),
        DEF: 'N' as const,
      })),
    })
}

/**
 * The seed writes list values by their codes (readable); a portal stores the item's ID. Turns every list value of
 * the given records into its item's ID, as if a person had picked it in the card.
 */
export function storeListItemIds(
  store: PortalStore,
  entityTypeId: number,
  records: Iterable<Pick<CrmItem, 'uf'>>,
): void {
  const lists = userFieldsOf(store, entityTypeId).filter((f) => f.userTypeId === 'enumeration')
  for (const record of records)
    for (const field of lists) {
      const code = record.uf[field.fieldName]
      if (code === undefined || code === null || code === '') continue
      const item = field.list.find((i) => i.XML_ID === String(code))
      if (!item) throw new Error(`seed: ${field.fieldName} has no item ${String(code)}`)
      record.uf[field.fieldName] = item.ID
    }
}
