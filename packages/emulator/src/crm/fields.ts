import { dateToDateTime } from '../core/dates'
import type { CrmItem, PortalStore, StatusRow } from '../store/store'
import { userFieldsOf } from './user-field-table'

/** How a value is stored and printed: legacy prints every scalar as a string, crm.item types them. */
export type FieldKind = 'int' | 'money' | 'string' | 'char' | 'date' | 'datetime' | 'status' | 'user' | 'multi'

export interface FieldDef {
  /** crm.item (camelCase) name, the key in CrmItem. */
  readonly item: string
  /** Legacy UPPER_CASE name, or null when the legacy method does not have it. */
  readonly legacy: string | null
  readonly kind: FieldKind
  /** The crm.*.fields `type`. */
  readonly type: string
  readonly readOnly?: boolean
  readonly immutable?: boolean
  readonly required?: boolean
  readonly statusType?: string
  readonly title: string
}

const f = (
  item: string,
  legacy: string | null,
  kind: FieldKind,
  type: string,
  title: string,
  flags: Partial<Pick<FieldDef, 'readOnly' | 'immutable' | 'required' | 'statusType'>> = {},
): FieldDef => ({ item, legacy, kind, type, title, ...flags })

const COMMON: readonly FieldDef[] = [
  f('id', 'ID', 'int', 'integer', 'ID', { readOnly: true }),
  f('title', 'TITLE', 'string', 'string', 'Название'),
  f('currencyId', 'CURRENCY_ID', 'string', 'crm_currency', 'Валюта'),
  f('opportunity', 'OPPORTUNITY', 'money', 'double', 'Сумма'),
  f('isManualOpportunity', 'IS_MANUAL_OPPORTUNITY', 'char', 'char', 'Сумма заполняется вручную'),
  f('assignedById', 'ASSIGNED_BY_ID', 'user', 'user', 'Ответственный', { required: true }),
  f('createdBy', 'CREATED_BY_ID', 'user', 'user', 'Кем создана', { readOnly: true }),
  f('updatedBy', 'MODIFY_BY_ID', 'user', 'user', 'Кем изменена', { readOnly: true }),
  f('createdTime', 'DATE_CREATE', 'datetime', 'datetime', 'Дата создания', { readOnly: true }),
  f('updatedTime', 'DATE_MODIFY', 'datetime', 'datetime', 'Дата изменения', { readOnly: true }),
  f('opened', 'OPENED', 'char', 'char', 'Доступна для всех'),
  f('companyId', 'COMPANY_ID', 'int', 'crm_company', 'Компания'),
  f('contactId', 'CONTACT_ID', 'int', 'crm_contact', 'Контакт'),
  f('comments', 'COMMENTS', 'string', 'string', 'Комментарий'),
  f('sourceId', 'SOURCE_ID', 'status', 'crm_status', 'Источник', { statusType: 'SOURCE' }),
]

export const DEAL_FIELDS: readonly FieldDef[] = [
  ...COMMON,
  f('typeId', 'TYPE_ID', 'status', 'crm_status', 'Тип', { statusType: 'DEAL_TYPE' }),
  f('categoryId', 'CATEGORY_ID', 'int', 'crm_category', 'Воронка', { immutable: true }),
  f('stageId', 'STAGE_ID', 'status', 'crm_status', 'Стадия сделки', { statusType: 'DEAL_STAGE' }),
  f('stageSemanticId', 'STAGE_SEMANTIC_ID', 'string', 'string', 'Группа стадии', { readOnly: true }),
  f('probability', 'PROBABILITY', 'int', 'integer', 'Вероятность'),
  f('taxValue', 'TAX_VALUE', 'money', 'double', 'Ставка налога'),
  f('leadId', 'LEAD_ID', 'int', 'crm_lead', 'Лид'),
  f('begindate', 'BEGINDATE', 'date', 'date', 'Дата начала'),
  f('closedate', 'CLOSEDATE', 'date', 'date', 'Дата завершения'),
  f('closed', 'CLOSED', 'char', 'char', 'Сделка закрыта', { readOnly: true }),
  f('movedTime', 'MOVED_TIME', 'datetime', 'datetime', 'Дата перемещения', { readOnly: true }),
]

export const LEAD_FIELDS: readonly FieldDef[] = [
  ...COMMON,
  f('name', 'NAME', 'string', 'string', 'Имя'),
  f('lastName', 'LAST_NAME', 'string', 'string', 'Фамилия'),
  f('companyTitle', 'COMPANY_TITLE', 'string', 'string', 'Название компании'),
  f('stageId', 'STATUS_ID', 'status', 'crm_status', 'Стадия', { statusType: 'STATUS' }),
  f('stageSemanticId', 'STATUS_SEMANTIC_ID', 'string', 'string', 'Семантика стадии', { readOnly: true }),
  f('phone', 'PHONE', 'multi', 'crm_multifield', 'Телефон'),
  f('email', 'EMAIL', 'multi', 'crm_multifield', 'E-mail'),
  f('movedTime', 'MOVED_TIME', 'datetime', 'datetime', 'Дата перемещения', { readOnly: true }),
]

export const INVOICE_FIELDS: readonly FieldDef[] = [
  ...COMMON,
  f('categoryId', null, 'int', 'crm_category', 'Воронка', { immutable: true }),
  f('stageId', null, 'status', 'crm_status', 'Стадия'),
  f('stageSemanticId', null, 'string', 'string', 'Семантика стадии', { readOnly: true }),
  f('taxValue', null, 'money', 'double', 'Сумма налога'),
  f('begindate', null, 'date', 'date', 'Дата выставления'),
  f('closedate', null, 'date', 'date', 'Срок оплаты'),
  f('parentId2', null, 'int', 'crm_entity', 'Сделка'),
  f('accountNumber', null, 'string', 'string', 'Номер счёта'),
  f('mycompanyId', null, 'int', 'crm_company', 'Реквизиты вашей компании'),
  f('movedTime', null, 'datetime', 'datetime', 'Дата перемещения', { readOnly: true }),
]

export function fieldsOf(entityTypeId: number): readonly FieldDef[] {
  return entityTypeId === 2 ? DEAL_FIELDS : entityTypeId === 1 ? LEAD_FIELDS : INVOICE_FIELDS
}

/** `UF_CRM_SF_PAY_TERMS` → `ufCrmSfPayTerms`, `UF_CRM_5_123` → `ufCrm5_123` (crm.item naming). */
export function ufToCamel(name: string): string {
  const cached = CAMEL.get(name)
  if (cached !== undefined) return cached
  const parts = name.toLowerCase().split('_').slice(1)
  let out = 'uf'
  let prevNumeric = false
  for (const p of parts) {
    const numeric = /^\d+$/.test(p)
    out += numeric ? (prevNumeric ? `_${p}` : p) : p.charAt(0).toUpperCase() + p.slice(1)
    prevNumeric = numeric
  }
  CAMEL.set(name, out)
  return out
}
const CAMEL = new Map<string, string>()

/** The inverse of ufToCamel. */
export function camelToUf(name: string): string {
  return name
    .replace(/([a-z])([A-Z0-9])/g, '$1_$2')
    .replace(/([0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
}

/** The crm.status ENTITY_ID holding an item's stages. */
export function stageEntityId(entityTypeId: number, categoryId: number): string {
  if (entityTypeId === 1) return 'STATUS'
  if (entityTypeId === 2) return categoryId === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${categoryId}`
  if (entityTypeId === 31) return `SMART_INVOICE_STAGE_${categoryId}`
  return `DYNAMIC_${entityTypeId}_STAGE_${categoryId}`
}

/** P / S / F of a stage, from the status directory (the semantics are data, not letter codes). */
export function stageSemantic(store: PortalStore, item: CrmItem): 'P' | 'S' | 'F' {
  let index = SEMANTICS.get(store.statuses)
  if (!index || index.size !== store.statuses.length) {
    index = new Map(store.statuses.map((s) => [`${s.entityId}|${s.statusId}`, s.semantics ?? 'P']))
    SEMANTICS.set(store.statuses, index)
  }
  return index.get(`${stageEntityId(item.entityTypeId, item.categoryId)}|${item.stageId}`) ?? 'P'
}

/** Stage semantics by `ENTITY_ID|STATUS_ID`, per status directory (lists of 10 000 items look this up twice a row). */
const SEMANTICS = new WeakMap<readonly StatusRow[], Map<string, 'P' | 'S' | 'F'>>()

const money2 = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null
  const s = String(v)
  const [i, d = ''] = s.split('.')
  return `${i}.${(d + '00').slice(0, Math.max(2, d.length))}`
}

function multiOut(item: CrmItem, key: 'phone' | 'email'): unknown {
  const v = item[key]
  if (!v) return undefined
  return [
    { ID: String(item.id * 10 + (key === 'phone' ? 1 : 2)), VALUE_TYPE: 'WORK', VALUE: v, TYPE_ID: key.toUpperCase() },
  ]
}

/** The full legacy row (crm.deal.get / crm.lead.get): UPPER_CASE, every scalar a string. */
export function toLegacyRow(store: PortalStore, item: CrmItem): Record<string, unknown> {
  const row: Record<string, unknown> = {}
  for (const def of fieldsOf(item.entityTypeId)) {
    if (!def.legacy) continue
    if (def.item === 'stageSemanticId') {
      row[def.legacy] = stageSemantic(store, item)
      continue
    }
    if (def.item === 'closed') {
      row[def.legacy] = stageSemantic(store, item) === 'P' ? 'N' : 'Y'
      continue
    }
    const v = (item as unknown as Record<string, unknown>)[def.item]
    if (def.kind === 'multi') {
      const m = multiOut(item, def.item as 'phone' | 'email')
      if (m) row[def.legacy] = m
      continue
    }
    if (v === undefined || v === null || v === '') {
      row[def.legacy] = def.kind === 'string' || def.kind === 'status' ? (v ?? null) : null
      continue
    }
    if (def.kind === 'money') row[def.legacy] = money2(v)
    else if (def.kind === 'date') row[def.legacy] = dateToDateTime(String(v))
    // A 0 reference (no company, contact or lead) prints as null; category 0 and plain integers stay.
    else if (def.kind === 'int' || def.kind === 'user')
      row[def.legacy] =
        v === 0 && (def.kind === 'user' || /^crm_(company|contact|lead|entity)$/.test(def.type)) ? null : String(v)
    else row[def.legacy] = String(v)
  }
  if (item.entityTypeId === 1) {
    row['HAS_PHONE'] = item.phone ? 'Y' : 'N'
    row['HAS_EMAIL'] = item.email ? 'Y' : 'N'
  }
  for (const uf of userFieldsOf(store, item.entityTypeId)) row[uf.fieldName] = item.uf[uf.fieldName] ?? null
  return row
}

/** The full crm.item row: camelCase, typed values (numbers for ids and money). */
export function toItemRow(store: PortalStore, item: CrmItem, originalUfNames = false): Record<string, unknown> {
  const row: Record<string, unknown> = { id: item.id, entityTypeId: item.entityTypeId }
  for (const def of fieldsOf(item.entityTypeId)) {
    if (def.item === 'id') continue
    if (def.item === 'stageSemanticId') {
      row['stageSemanticId'] = stageSemantic(store, item)
      continue
    }
    if (def.item === 'closed') {
      row['closed'] = stageSemantic(store, item) === 'P' ? 'N' : 'Y'
      continue
    }
    if (def.kind === 'multi') continue // `fm` only with select '*'
    const v = (item as unknown as Record<string, unknown>)[def.item]
    if (v === undefined || v === null || v === '') row[def.item] = def.kind === 'string' ? (v ?? null) : null
    else if (def.kind === 'money') row[def.item] = Number(v)
    else if (def.kind === 'int' || def.kind === 'user') row[def.item] = Number(v)
    else if (def.kind === 'date') row[def.item] = dateToDateTime(String(v))
    else row[def.item] = v
  }
  if (item.entityTypeId === 2 || item.entityTypeId === 31) row['contactIds'] = item.contactId ? [item.contactId] : []
  if (item.entityTypeId === 1) row['categoryId'] = undefined
  for (const uf of userFieldsOf(store, item.entityTypeId))
    row[originalUfNames ? uf.fieldName : ufToCamel(uf.fieldName)] = item.uf[uf.fieldName] ?? null
  if (row['categoryId'] === undefined) delete row['categoryId']
  return row
}

/** The multifield list (`fm`) crm.item returns with select '*'. */
export function multifields(item: CrmItem): Record<string, unknown>[] {
  const fm: Record<string, unknown>[] = []
  if (item.phone) fm.push({ id: item.id * 10 + 1, typeId: 'PHONE', valueType: 'WORK', value: item.phone })
  if (item.email) fm.push({ id: item.id * 10 + 2, typeId: 'EMAIL', valueType: 'WORK', value: item.email })
  return fm
}
