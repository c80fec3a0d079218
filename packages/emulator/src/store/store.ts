/**
 * The in-memory portal data. Records keep the values as the portal stores them: CRM items with the
 * crm.item (camelCase) field names, money and quantities as decimal strings, ids as numbers.
 */

/** Deal (2), lead (1) or smart invoice (31): crm.item field names; `uf` holds the UF_* values by UPPER name. */
export interface CrmItem {
  id: number
  entityTypeId: number
  title: string
  categoryId: number
  stageId: string
  currencyId: string
  /** Decimal string, 2 dp. */
  opportunity: string
  /** Decimal string, 2 dp. */
  taxValue: string
  isManualOpportunity: 'Y' | 'N'
  assignedById: number
  createdBy: number
  updatedBy: number
  createdTime: string
  updatedTime: string
  movedTime: string
  opened: 'Y' | 'N'
  companyId: number
  contactId: number
  comments: string
  sourceId: string
  begindate: string
  closedate: string
  /** Lead only. */
  name?: string
  lastName?: string
  companyTitle?: string
  phone?: string
  email?: string
  /** Deal only. */
  typeId?: string
  leadId?: number | null
  probability?: number | null
  /** Smart invoice only: the deal it belongs to, and its number. */
  parentId2?: number | null
  accountNumber?: string
  mycompanyId?: number
  uf: Record<string, unknown>
}

export type OwnerType = 'D' | 'L' | 'SI'

/** A stored product row: every derived field as the portal computes it (crm/portal-math), decimals as strings. */
export interface ProductRow {
  id: number
  ownerType: OwnerType
  ownerId: number
  productId: number
  productName: string
  price: string
  priceExclusive: string
  priceNetto: string
  priceBrutto: string
  quantity: string
  discountTypeId: 1 | 2
  discountRate: string
  discountSum: string
  taxRate: string | null
  taxIncluded: 'Y' | 'N'
  customized: 'Y' | 'N'
  measureCode: number
  measureName: string
  sort: number
  type: number
  storeId: number
  xmlId: string
}

export interface Payment {
  id: number
  entityTypeId: number
  entityId: number
  accountNumber: string
  paid: 'Y' | 'N'
  datePaid: string | null
  empPaidId: number | null
  paySystemId: number
  paySystemName: string
  /** Decimal string. */
  sum: string
  currency: string
}

export interface PaymentProduct {
  id: number
  paymentId: number
  rowId: number
  quantity: string
}

export interface User {
  id: number
  active: boolean
  name: string
  lastName: string
  secondName: string
  email: string
  workPosition: string
  departments: number[]
  isAdmin: boolean
  /** May add and change CRM items (user 5, the intern, may not). */
  crmWrite: boolean
  /** The salesflow role the demo gives this user. */
  role: 'admin' | 'manager' | 'accountant' | 'technician' | 'viewer'
  gender: 'M' | 'F'
  timeZone: string
}

export interface Department {
  id: number
  name: string
  sort: number
  parent: number | null
  head: number | null
}

export interface CurrencyRow {
  currency: string
  amountCnt: string
  amount: string
  sort: number
  base: boolean
  fullName: { ru: string; en: string }
  formatString: { ru: string; en: string }
  decimals: number
}

/** A crm.status.list row (stages, lead statuses, sources, deal types). */
export interface StatusRow {
  id: number
  entityId: string
  statusId: string
  name: string
  sort: number
  system: boolean
  categoryId: number | null
  color: string
  /** null for process, 'S' success, 'F' failure. */
  semantics: 'S' | 'F' | null
}

export interface Category {
  id: number
  entityTypeId: number
  name: string
  sort: number
  isDefault: boolean
}

export interface CatalogSection {
  id: number
  iblockId: number
  name: string
  code: string
  sort: number
  parentId: number | null
}

/** An iblock property of the catalog (catalog.productProperty.*): products carry its values as `property<id>`. */
export interface ProductProperty {
  id: number
  iblockId: number
  name: string
  code: string
  /** S string, N number, L list, F file, E element link, G section link. */
  propertyType: string
  multiple: 'Y' | 'N'
  active: 'Y' | 'N'
  isRequired: 'Y' | 'N'
  sort: number
  xmlId: string | null
}

export interface Product {
  id: number
  iblockId: number
  iblockSectionId: number
  name: string
  code: string
  xmlId: string
  active: 'Y' | 'N'
  sort: number
  type: number
  measure: number
  vatId: number
  vatIncluded: 'Y' | 'N'
  /** Decimal string. */
  purchasingPrice: string
  purchasingCurrency: string
  quantity: number
  /** Grams. */
  weight: number
  previewText: string
  /** Iblock property values by property id (`property201` on REST); absent: none set. */
  properties?: Record<number, string>
}

export interface Price {
  id: number
  productId: number
  catalogGroupId: number
  price: string
  currency: string
}

export interface StoreProduct {
  id: number
  productId: number
  storeId: number
  amount: number
  quantityReserved: number
}

export interface Store {
  id: number
  title: string
  address: string
}

/** An inventory document (catalog.document.*): status N draft, Y conducted, C conducting cancelled. */
export interface StoreDocument {
  id: number
  /** A arrival from a supplier, S stock adjustment (оприходование), M transfer, R return, D write-off. */
  docType: 'A' | 'S' | 'M' | 'R' | 'D'
  status: 'N' | 'Y' | 'C'
  currency: string
  responsibleId: number
  title: string
  commentary: string
  docNumber: string
  createdBy: number
  dateCreate: string
  dateStatus: string
  statusBy: number | null
}

/** A product line of an inventory document (catalog.document.element.*). */
export interface StoreDocumentElement {
  id: number
  docId: number
  elementId: number
  storeFrom: number | null
  storeTo: number | null
  amount: number
  purchasingPrice: number
}

export interface Vat {
  id: number
  name: string
  rate: string
  active: 'Y' | 'N'
  sort: number
}

export interface Task {
  id: number
  title: string
  description: string
  responsibleId: number
  createdBy: number
  status: number
  deadline: string | null
  createdDate: string
  changedDate: string
  ufCrmTask: string[]
  auditors: number[]
  accomplices: number[]
  taskControl: 'Y' | 'N'
  /** Checklist items in SORT_INDEX order (task.checklistitem.*); absent: none. */
  checklist?: TaskChecklistItem[]
}

export interface TaskChecklistItem {
  id: number
  title: string
  isComplete: 'Y' | 'N'
  sortIndex: number
  createdBy: number
}

export interface TimelineComment {
  id: number
  entityType: string
  entityId: number
  comment: string
  authorId: number
  created: string
  files: { name: string; size: number }[]
}

export interface PlacementBinding {
  placement: string
  handler: string
  title: string
  description: string
  groupName: string
  langAll: Record<string, { TITLE?: string; DESCRIPTION?: string; GROUP_NAME?: string }>
  userId: number
}

export interface EventBinding {
  event: string
  handler: string
  authType: number
  offline: boolean
  connector: string
  /** ONOFFLINEEVENT's `options.minTimeout` (s): at most one ping per this many seconds. */
  minTimeout?: number
}

/** A record of b_rest_event_offline. */
export interface OfflineEvent {
  id: number
  timestamp: string
  eventName: string
  eventData: Record<string, unknown>
  additional: Record<string, unknown>
  messageId: string
  connector: string
  processId: string
  error: boolean
}

/** An online event the portal would have POSTed to a handler (recorded instead of sent). */
export interface SentEvent {
  event: string
  handler: string
  data: Record<string, unknown>
  time: number
  /** Set once `startServer` POSTed it (no retries: a failed POST is lost, as on the portal). */
  delivered?: boolean
}

/** A client company (crm.company) with its one requisite (ИНН/КПП) and salesflow's credit settings. */
export interface Company {
  id: number
  title: string
  companyType: string
  address: string
  inn: string
  kpp: string
  assignedById: number
  createdTime: string
  /** Set by crm.company.update; the seed's companies were never changed. */
  updatedTime?: string
  phone?: string
  email?: string
  uf: Record<string, string>
}

/** A client contact person (crm.contact): name, position, one phone and one e-mail, the company they work for. */
export interface Contact {
  id: number
  name: string
  secondName: string
  lastName: string
  post: string
  phone: string
  email: string
  companyId: number
  typeId: string
  sourceId: string
  comments: string
  assignedById: number
  createdBy: number
  updatedBy: number
  createdTime: string
  updatedTime: string
}

/** A personal notification (im.notify.personal.add): sent by `fromUserId` to `userId`. */
export interface Notification {
  id: number
  userId: number
  fromUserId: number
  message: string
  messageOut: string
  /** Unique per app: a new notification with the same tag removes the older ones. */
  tag: string
  subTag: string
  /** Whether an application (OAuth) sent it; a tag is scoped to the sender's app. */
  fromApp: boolean
  created: string
}

/** One item of a list (enumeration) field: the id a value stores, the label a person reads, the stable code. */
export interface ListItem {
  ID: string
  VALUE: string
  XML_ID: string
  SORT: string
  DEF: 'Y' | 'N'
}

/**
 * A user field (b_user_field): one table for every entity. crm.<entity>.userfield.* (CRM_DEAL, CRM_LEAD,
 * CRM_COMPANY, CRM_CONTACT) and userfieldconfig.* (CRM_SMART_INVOICE) are two views over it.
 */
export interface StoredUserField {
  id: number
  entityId: string
  fieldName: string
  /** string, integer, double, boolean, enumeration, date… */
  userTypeId: string
  xmlId: string | null
  sort: number
  mandatory: boolean
  multiple: boolean
  showFilter: string
  isSearchable: boolean
  /** EDIT_FORM_LABEL by language. */
  label: Record<string, string>
  settings: Record<string, unknown>
  /** Enumeration items; a stored value of the field is one of their IDs. */
  list: ListItem[]
}

export interface PortalStore {
  users: Map<number, User>
  companies: Map<number, Company>
  contacts: Map<number, Contact>
  departments: Map<number, Department>
  currencies: Map<string, CurrencyRow>
  statuses: StatusRow[]
  categories: Category[]
  deals: Map<number, CrmItem>
  leads: Map<number, CrmItem>
  invoices: Map<number, CrmItem>
  productRows: Map<number, ProductRow>
  payments: Map<number, Payment>
  paymentProducts: Map<number, PaymentProduct>
  sections: Map<number, CatalogSection>
  products: Map<number, Product>
  productProperties: Map<number, ProductProperty>
  prices: Map<number, Price>
  stores: Map<number, Store>
  storeProducts: Map<number, StoreProduct>
  storeDocuments: Map<number, StoreDocument>
  storeDocumentElements: Map<number, StoreDocumentElement>
  vats: Map<number, Vat>
  catalogIblockId: number
  tasks: Map<number, Task>
  comments: Map<number, TimelineComment>
  appOptions: Record<string, unknown>
  userOptions: Map<number, Record<string, unknown>>
  placements: PlacementBinding[]
  eventBindings: EventBinding[]
  offlineEvents: OfflineEvent[]
  sentEvents: SentEvent[]
  /** The app's install state: false until the install page calls installFinish (widgets hidden, admins get install.html). */
  installed: boolean
  userFields: StoredUserField[]
  /** The next id per sequence name. */
  sequences: Map<string, number>
  /** Personal notifications (im.notify.personal.add), oldest first. */
  notifications: Notification[]
}

export function createEmptyStore(): PortalStore {
  return {
    users: new Map(),
    companies: new Map(),
    contacts: new Map(),
    departments: new Map(),
    currencies: new Map(),
    statuses: [],
    categories: [],
    deals: new Map(),
    leads: new Map(),
    invoices: new Map(),
    productRows: new Map(),
    payments: new Map(),
    paymentProducts: new Map(),
    sections: new Map(),
    products: new Map(),
    productProperties: new Map(),
    prices: new Map(),
    stores: new Map(),
    storeProducts: new Map(),
    storeDocuments: new Map(),
    storeDocumentElements: new Map(),
    vats: new Map(),
    catalogIblockId: 14,
    tasks: new Map(),
    comments: new Map(),
    appOptions: {},
    userOptions: new Map(),
    placements: [],
    eventBindings: [],
    offlineEvents: [],
    sentEvents: [],
    installed: false,
    userFields: [],
    sequences: new Map(),
    notifications: [],
  }
}

/** The next id of a sequence (ids are never reused, as in MySQL auto-increment). */
export function nextId(store: PortalStore, sequence: string): number {
  const id = store.sequences.get(sequence) ?? 1
  store.sequences.set(sequence, id + 1)
  return id
}

/** Make sure the sequence continues after `id` (seed data inserts with explicit ids). */
export function bumpSequence(store: PortalStore, sequence: string, id: number): void {
  if ((store.sequences.get(sequence) ?? 1) <= id) store.sequences.set(sequence, id + 1)
}

/** The map holding items of a CRM entity type, or undefined for a type the emulator does not keep. */
export function itemsOf(store: PortalStore, entityTypeId: number): Map<number, CrmItem> | undefined {
  if (entityTypeId === 2) return store.deals
  if (entityTypeId === 1) return store.leads
  if (entityTypeId === 31) return store.invoices
  return undefined
}

export const OWNER_TYPE_BY_ENTITY: Readonly<Record<number, OwnerType>> = { 1: 'L', 2: 'D', 31: 'SI' }
export const ENTITY_BY_OWNER_TYPE: Readonly<Record<OwnerType, number>> = { L: 1, D: 2, SI: 31 }
