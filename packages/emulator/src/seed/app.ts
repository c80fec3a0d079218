import type { PortalStore, StoredUserField } from '../store/store'
import { nextId } from '../store/store'

/** A placement the demo portal has bound for the installed app (what its install page did there). */
export interface AppPlacement {
  placement: string
  /** The handler URL; the host page frames its path on its own origin (the portal hosts a static app's files). */
  handler: string
  title: { ru: string; en: string }
}

type FieldSpec = Omit<StoredUserField, 'id' | 'list' | 'xmlId' | 'multiple' | 'settings'> & {
  items?: readonly (readonly [code: string, label: string])[]
}

const field = (
  entityId: string,
  fieldName: string,
  userTypeId: string,
  ru: string,
  en: string,
  items?: FieldSpec['items'],
): FieldSpec => ({ entityId, fieldName, userTypeId, mandatory: false, label: { ru, en }, ...(items ? { items } : {}) })

/**
 * The user fields salesflow's install page creates, with the types a person reads in the card (lists with labels,
 * yes/no), as they exist on the demo portal where the app is installed. The emulator keeps its own copy: it never
 * imports the app (the app's install use case is checked against this portal by its tests).
 */
const DEMO_USER_FIELDS: readonly FieldSpec[] = [
  field('CRM_DEAL', 'UF_CRM_SF_DIRECTION', 'enumeration', 'Направление', 'Direction', [
    ['service', 'Сервис'],
    ['sales', 'Продажи'],
    ['project', 'Проект'],
  ]),
  field('CRM_DEAL', 'UF_CRM_SF_CONFIG_PRODUCT_ID', 'integer', 'Конфигурация (товар)', 'Configured item'),
  field('CRM_DEAL', 'UF_CRM_SF_CONFIG_STATUS', 'string', 'Статус конфигурации', 'Configuration status'),
  field('CRM_DEAL', 'UF_CRM_SF_PRICE_CALCULATED', 'boolean', 'Цена рассчитана', 'Price calculated'),
  field('CRM_DEAL', 'UF_CRM_SF_OFFER_SIGNED', 'boolean', 'КП подписано', 'Offer signed'),
  field('CRM_DEAL', 'UF_CRM_SF_DELIVERY_ZONE', 'enumeration', 'Зона доставки', 'Delivery zone', [
    ['moscow', 'Москва'],
    ['central', 'Центральный регион'],
    ['remote', 'Отдалённые регионы'],
  ]),
  field('CRM_DEAL', 'UF_CRM_SF_DELIVERY_WEIGHT_KG', 'double', 'Вес доставки, кг', 'Delivery weight, kg'),
  field('CRM_DEAL', 'UF_CRM_SF_URGENCY', 'enumeration', 'Срочность', 'Urgency', [
    ['standard', 'Обычная'],
    ['express', 'Срочная'],
  ]),
  field('CRM_DEAL', 'UF_CRM_SF_PAYMENT_TERMS', 'enumeration', 'Условия оплаты', 'Payment terms', [
    ['prepay100', 'Предоплата 100 %'],
    ['prepay50', 'Предоплата 50 %, остаток в течение 30 дней'],
    ['net30', 'Оплата в течение 30 дней'],
    ['instalments3', 'Три равных платежа'],
  ]),
  field('CRM_LEAD', 'UF_CRM_SF_DIRECTION', 'enumeration', 'Направление', 'Direction', [
    ['service', 'Сервис'],
    ['sales', 'Продажи'],
    ['project', 'Проект'],
  ]),
  field('CRM_LEAD', 'UF_CRM_SF_JUNK_REASON', 'string', 'Причина некачественного лида', 'Junk reason'),
  field('CRM_COMPANY', 'UF_CRM_SF_CREDIT_LIMIT', 'double', 'Кредитный лимит', 'Credit limit'),
  field('CRM_COMPANY', 'UF_CRM_SF_CREDIT_MODE', 'enumeration', 'Режим кредитного лимита', 'Credit limit mode', [
    ['block', 'Блокировать отгрузку'],
    ['warn', 'Только предупреждать'],
  ]),
]

/** Stores one user field as userfield.add does (ids from the portal's sequences). */
export function addUserField(
  store: PortalStore,
  f: Omit<StoredUserField, 'id' | 'list'> & { list: Omit<StoredUserField['list'][number], 'ID'>[] },
): StoredUserField {
  const stored: StoredUserField = {
    ...f,
    id: nextId(store, 'userField'),
    list: f.list.map((item) => ({ ...item, ID: String(nextId(store, 'userFieldEnum')) })),
  }
  store.userFields.push(stored)
  return stored
}

/**
 * The catalog properties salesflow's install creates for configured items (string properties of the product
 * catalog), keyed as its `salesflow.catalogProperties` option names them; on the demo portal they got ids 201–204.
 */
const DEMO_CATALOG_PROPERTIES = [
  ['components', 'SF_CONFIGURATION', 'Конфигурация (salesflow)'],
  ['approval', 'SF_APPROVAL', 'Согласование (salesflow)'],
  ['task', 'SF_APPROVAL_TASK', 'Задача согласования (salesflow)'],
  ['reason', 'SF_REJECT_REASON', 'Причина отклонения (salesflow)'],
] as const

function seedCatalogProperties(store: PortalStore): void {
  if (!store.sequences.has('productProperty')) store.sequences.set('productProperty', 201)
  const ids: Record<string, number> = {}
  DEMO_CATALOG_PROPERTIES.forEach(([key, code, name], i) => {
    const id = nextId(store, 'productProperty')
    ids[key] = id
    store.productProperties.set(id, {
      id,
      iblockId: store.catalogIblockId,
      name,
      code,
      propertyType: 'S',
      multiple: 'N',
      active: 'Y',
      isRequired: 'N',
      sort: (i + 1) * 10,
      xmlId: null,
    })
  })
  store.appOptions['salesflow.catalogProperties'] = ids
}

/** The demo portal: salesflow installed, its user fields and catalog properties created, its placements bound. */
export function seedInstalledApp(store: PortalStore, placements: readonly AppPlacement[]): void {
  seedCatalogProperties(store)
  for (const f of DEMO_USER_FIELDS)
    addUserField(store, {
      entityId: f.entityId,
      fieldName: f.fieldName,
      userTypeId: f.userTypeId,
      xmlId: f.fieldName,
      mandatory: f.mandatory,
      multiple: false,
      label: f.label,
      settings: {},
      list: (f.items ?? []).map(([code, label], i) => ({
        VALUE: label,
        XML_ID: code,
        SORT: String((i + 1) * 10),
        DEF: 'N' as const,
      })),
    })
  bindAppPlacements(store, placements)
  store.installed = true
}

/** The bindings an install page makes (placement.bind with LANG_ALL ru/en). */
export function bindAppPlacements(store: PortalStore, placements: readonly AppPlacement[]): void {
  for (const p of placements)
    store.placements.push({
      placement: p.placement,
      handler: p.handler,
      title: p.title.ru,
      description: '',
      groupName: '',
      langAll: { ru: { TITLE: p.title.ru }, en: { TITLE: p.title.en } },
      userId: 0,
    })
}

/** The app as if it was never installed on this portal (data and user fields stay, as after a delete). */
export function uninstallApp(store: PortalStore): void {
  store.installed = false
  store.placements = []
  store.eventBindings = []
  store.appOptions = {}
}
