import type { ListItem, PortalStore, StoredUserField } from '../store/store'
import { nextId } from '../store/store'

/**
 * The portal's one user-field table (b_user_field): crm.<entity>.userfield.* and userfieldconfig.* are views over
 * it, crm.*.fields / crm.item.fields describe its rows, and crm writes check values against it.
 */

/** The ENTITY_ID of each CRM entity type's user fields. */
export const USER_FIELD_ENTITY: Readonly<Record<number, string>> = {
  1: 'CRM_LEAD',
  2: 'CRM_DEAL',
  3: 'CRM_CONTACT',
  4: 'CRM_COMPANY',
  31: 'CRM_SMART_INVOICE',
}

/**
 * crm.<entity>.userfield.add: "the system limit for the field name is 20 characters; the UF_CRM_ prefix is always
 * added, so 13 are left" (b24restdocs crm-deal-userfield-add.md and its lead/company/quote siblings).
 */
export const CRM_FIELD_NAME_MAX = 20

export type NewUserField = Omit<StoredUserField, 'id' | 'list'> & { list: Omit<ListItem, 'ID'>[] }

/** Stores one user field as userfield.add does (field and list item ids from the portal's sequences). */
export function addUserField(store: PortalStore, f: NewUserField): StoredUserField {
  const stored: StoredUserField = {
    ...f,
    id: nextId(store, 'userField'),
    list: f.list.map((item) => ({ ...item, ID: String(nextId(store, 'userFieldEnum')) })),
  }
  store.userFields.push(stored)
  return stored
}

/** The user fields of one entity type (none for a type without an ENTITY_ID). */
export function userFieldsOf(store: PortalStore, entityTypeId: number): readonly StoredUserField[] {
  const entityId = USER_FIELD_ENTITY[entityTypeId]
  if (!entityId) return []
  // Lists print every row through this (thousands of rows a page set): cached per table until a field is added.
  let cache = BY_ENTITY.get(store.userFields)
  if (!cache || cache.count !== store.userFields.length) {
    cache = { count: store.userFields.length, byEntity: new Map() }
    BY_ENTITY.set(store.userFields, cache)
  }
  let fields = cache.byEntity.get(entityId)
  if (!fields) cache.byEntity.set(entityId, (fields = store.userFields.filter((f) => f.entityId === entityId)))
  return fields
}
const BY_ENTITY = new WeakMap<
  readonly StoredUserField[],
  { count: number; byEntity: Map<string, readonly StoredUserField[]> }
>()

/** The list item id of `code` (its XML_ID) in a list field; undefined when the field or the code is not there. */
export function listItemId(store: PortalStore, entityId: string, fieldName: string, code: string): string | undefined {
  const field = store.userFields.find((f) => f.entityId === entityId && f.fieldName === fieldName)
  return field?.list.find((item) => item.XML_ID === code)?.ID
}

/** The label a person reads for a stored value: a list item's VALUE, the value itself otherwise. */
export function displayValue(field: StoredUserField, value: unknown): string {
  if (field.userTypeId === 'enumeration') return field.list.find((item) => item.ID === String(value))?.VALUE ?? ''
  return String(value)
}

/**
 * Whether a written value fits the field: a list field stores the ID of one of its items (or nothing); the portal
 * refuses anything else.
 */
export function acceptsValue(field: StoredUserField, value: unknown): boolean {
  if (field.userTypeId !== 'enumeration' || value === null || value === '' || value === undefined) return true
  const values = Array.isArray(value) ? value : [value]
  return values.every((v) => field.list.some((item) => item.ID === String(v)))
}
