import Decimal from 'decimal.js'
import type { CallContext } from '../core/context'
import { isoDate, isoDateTime } from '../core/dates'
import { isRecord, toId, toInt } from '../core/params'
import { RestError } from '../http/rest-error'
import { emitEvent } from '../methods/events'
import type { CrmItem, PortalStore } from '../store/store'
import { itemsOf, nextId, OWNER_TYPE_BY_ENTITY } from '../store/store'
import { camelToUf, fieldsOf, stageEntityId, type FieldDef } from './fields'
import { acceptsValue, userFieldsOf } from './user-field-table'

/** Which family the caller used: decides error shapes (legacy "" codes vs engine codes). */
export type Flavor = 'legacy' | 'item'

const SEQUENCE: Record<number, string> = { 1: 'lead', 2: 'deal', 31: 'invoice' }

export function entityName(entityTypeId: number): string {
  return entityTypeId === 2 ? 'deal' : entityTypeId === 1 ? 'lead' : entityTypeId === 31 ? 'smart invoice' : 'item'
}

export function defaultCategory(store: PortalStore, entityTypeId: number): number {
  if (entityTypeId === 1) return 0
  return store.categories.find((c) => c.entityTypeId === entityTypeId && c.isDefault)?.id ?? 0
}

export function stagesOf(store: PortalStore, entityTypeId: number, categoryId: number): string[] {
  const entityId = stageEntityId(entityTypeId, categoryId)
  return store.statuses
    .filter((s) => s.entityId === entityId)
    .sort((a, b) => a.sort - b.sort)
    .map((s) => s.statusId)
}

/** An error in the caller's family: legacy methods answer 400 with an empty code. */
export function fail(flavor: Flavor, code: string, description: string, status = 400): RestError {
  return flavor === 'legacy' ? new RestError(400, '', description) : new RestError(status, code, description)
}

export function requireWrite(ctx: CallContext, flavor: Flavor): void {
  if (!ctx.user.crmWrite) throw fail(flavor, 'ACCESS_DENIED', flavor === 'legacy' ? 'Access denied' : 'Access denied.')
}

function coerce(def: FieldDef, value: unknown, flavor: Flavor): unknown {
  if (value === null || value === '')
    return def.kind === 'money' ? '0.00' : def.kind === 'int' || def.kind === 'user' ? 0 : ''
  switch (def.kind) {
    case 'money': {
      const s = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : ''
      if (!/^-?\d+(\.\d+)?$/.test(s))
        throw fail(flavor, 'CRM_FIELD_ERROR_VALUE_NOT_VALID', `Invalid value for the "${def.title}" field`)
      return new Decimal(s).toFixed(2)
    }
    case 'int':
    case 'user': {
      const n = toInt(value)
      if (n === undefined)
        throw fail(flavor, 'CRM_FIELD_ERROR_VALUE_NOT_VALID', `Invalid value for the "${def.title}" field`)
      return n
    }
    case 'char':
      return value === true || value === 'Y' || value === 1 || value === '1' ? 'Y' : 'N'
    case 'date':
      return String(value).slice(0, 10)
    case 'multi': {
      const first = Array.isArray(value) ? value[0] : value
      return isRecord(first) ? String(first['VALUE'] ?? first['value'] ?? '') : String(first ?? '')
    }
    default:
      return String(value)
  }
}

/**
 * Reads the writable fields of an add/update request into crm.item keys. Unknown fields are ignored,
 * read-only ones too (as the portal does); UF values go to `uf` by their UPPER name, and a list field takes only
 * the ID of one of its items.
 */
export function readFields(
  store: PortalStore,
  entityTypeId: number,
  fields: Record<string, unknown>,
  flavor: Flavor,
  useOriginalUfNames = false,
): Partial<CrmItem> {
  const defs = fieldsOf(entityTypeId)
  const out: Record<string, unknown> = {}
  const uf: Record<string, unknown> = {}
  const ufs = new Map(userFieldsOf(store, entityTypeId).map((u) => [u.fieldName, u]))
  for (const [key, value] of Object.entries(fields)) {
    const def =
      flavor === 'legacy'
        ? defs.find((d) => d.legacy !== null && d.legacy === key) // field names are case-sensitive: not stage_id
        : defs.find((d) => d.item === key)
    if (def) {
      if (!def.readOnly) out[def.item] = coerce(def, value, flavor)
      continue
    }
    const ufName = key.startsWith('UF_') ? key : !useOriginalUfNames && key.startsWith('uf') ? camelToUf(key) : ''
    const field = ufName ? ufs.get(ufName) : undefined
    if (!field) continue
    if (!acceptsValue(field, value))
      throw fail(
        flavor,
        'CRM_FIELD_ERROR_VALUE_NOT_VALID',
        `Invalid value for the "${field.label['en'] ?? ufName}" field`,
      )
    uf[ufName] = value === null ? null : Array.isArray(value) ? value : String(value)
  }
  if (flavor === 'item' && 'parentId2' in fields && entityTypeId === 31)
    out['parentId2'] = toId(fields['parentId2']) ?? null
  // crm.item keeps the contact set in contactIds; the emulator stores the first one as the deal's contact.
  if (flavor === 'item' && Array.isArray(fields['contactIds']) && entityTypeId !== 1)
    out['contactId'] = toId(fields['contactIds'][0]) ?? 0
  if (Object.keys(uf).length > 0) out['uf'] = uf
  return out as Partial<CrmItem>
}

function checkStage(ctx: CallContext, item: CrmItem, flavor: Flavor): void {
  if (!stagesOf(ctx.store, item.entityTypeId, item.categoryId).includes(item.stageId))
    throw fail(flavor, 'CRM_FIELD_ERROR_VALUE_NOT_VALID', `Invalid value for the "Stage" field: ${item.stageId}`)
}

const EVENTS: Record<number, { add: string; update: string; del: string }> = {
  2: { add: 'ONCRMDEALADD', update: 'ONCRMDEALUPDATE', del: 'ONCRMDEALDELETE' },
  1: { add: 'ONCRMLEADADD', update: 'ONCRMLEADUPDATE', del: 'ONCRMLEADDELETE' },
  31: { add: 'ONCRMDYNAMICITEMADD', update: 'ONCRMDYNAMICITEMUPDATE', del: 'ONCRMDYNAMICITEMDELETE' },
}

export function emitItemEvent(ctx: CallContext, item: CrmItem, kind: 'add' | 'update' | 'del'): void {
  const names = EVENTS[item.entityTypeId]
  if (!names) return
  const fields: Record<string, unknown> = { ID: item.id }
  if (item.entityTypeId === 31) fields['ENTITY_TYPE_ID'] = 31
  emitEvent(ctx, names[kind], { FIELDS: fields })
}

export function createItem(ctx: CallContext, entityTypeId: number, input: Partial<CrmItem>, flavor: Flavor): CrmItem {
  const items = itemsOf(ctx.store, entityTypeId)
  if (!items) throw new RestError(400, 'ENTITY_TYPE_NOT_SUPPORTED', 'Entity type is not supported')
  requireWrite(ctx, flavor)
  const now = isoDateTime(ctx.now)
  const categoryId = entityTypeId === 1 ? 0 : (input.categoryId ?? defaultCategory(ctx.store, entityTypeId))
  if (entityTypeId !== 1 && !ctx.store.categories.some((c) => c.entityTypeId === entityTypeId && c.id === categoryId))
    throw fail(flavor, 'CRM_FIELD_ERROR_VALUE_NOT_VALID', `Category ${categoryId} not found`)
  const id = nextId(ctx.store, SEQUENCE[entityTypeId] ?? 'item')
  const item: CrmItem = {
    id,
    entityTypeId,
    title: '',
    categoryId,
    stageId: stagesOf(ctx.store, entityTypeId, categoryId)[0] ?? '',
    currencyId: 'RUB',
    opportunity: '0.00',
    taxValue: '0.00',
    isManualOpportunity: 'N',
    assignedById: ctx.user.id,
    createdBy: ctx.user.id,
    updatedBy: ctx.user.id,
    createdTime: now,
    updatedTime: now,
    movedTime: now,
    opened: 'Y',
    companyId: 0,
    contactId: 0,
    comments: '',
    sourceId: '',
    begindate: isoDate(ctx.now),
    closedate: isoDate(ctx.now + 7 * 86400_000),
    ...(entityTypeId === 2 ? { typeId: 'SALE', leadId: null, probability: null } : {}),
    ...(entityTypeId === 31 ? { parentId2: null, mycompanyId: 1 } : {}),
    ...input,
    uf: { ...(input.uf ?? {}) },
  } as CrmItem
  item.categoryId = categoryId
  if (!item.title) item.title = entityTypeId === 31 ? `Счёт #${id}` : `${entityTypeId === 2 ? 'Сделка' : 'Лид'} #${id}`
  if (entityTypeId === 31 && !item.accountNumber) item.accountNumber = `СЧ-${String(id).padStart(5, '0')}`
  checkStage(ctx, item, flavor)
  items.set(id, item)
  emitItemEvent(ctx, item, 'add')
  return item
}

export function getItem(store: PortalStore, entityTypeId: number, id: unknown, flavor: Flavor): CrmItem {
  const n = toId(id)
  if (n === undefined)
    throw fail(flavor, 'NOT_FOUND', flavor === 'legacy' ? 'ID is not defined or invalid' : 'Element not found')
  const item = itemsOf(store, entityTypeId)?.get(n)
  if (!item) throw fail(flavor, 'NOT_FOUND', flavor === 'legacy' ? 'Not found' : 'Element not found')
  return item
}

export function updateItem(ctx: CallContext, item: CrmItem, patch: Partial<CrmItem>, flavor: Flavor): CrmItem {
  requireWrite(ctx, flavor)
  if (flavor === 'legacy') delete patch.categoryId // CATEGORY_ID is immutable in crm.deal.update
  const next: CrmItem = { ...item, ...patch, uf: { ...item.uf, ...(patch.uf ?? {}) } }
  if (patch.categoryId !== undefined && patch.categoryId !== item.categoryId && patch.stageId === undefined)
    next.stageId = stagesOf(ctx.store, item.entityTypeId, next.categoryId)[0] ?? ''
  checkStage(ctx, next, flavor)
  const moved = next.stageId !== item.stageId
  const movedCategory = next.categoryId !== item.categoryId
  next.updatedTime = isoDateTime(ctx.now)
  next.updatedBy = ctx.user.id
  if (moved) next.movedTime = next.updatedTime
  Object.assign(item, next)
  emitItemEvent(ctx, item, 'update')
  if (item.entityTypeId === 2 && movedCategory)
    emitEvent(ctx, 'ONCRMDEALMOVETOCATEGORY', {
      FIELDS: { ID: item.id, CATEGORY_ID: item.categoryId, STAGE_ID: item.stageId },
    })
  return item
}

/**
 * crm.item.update's required-field check: on a stage change inside the item's funnel every required field
 * (standard or UF) must have a value after the update; a funnel change (categoryId) skips it, as the portal does.
 */
export function checkRequiredOnMove(store: PortalStore, item: CrmItem, patch: Partial<CrmItem>): void {
  const crossFunnel = patch.categoryId !== undefined && patch.categoryId !== item.categoryId
  if (crossFunnel || patch.stageId === undefined || patch.stageId === item.stageId) return
  const empty = (v: unknown): boolean => v === undefined || v === null || v === '' || v === 0
  const values = { ...item, ...patch } as unknown as Record<string, unknown>
  const uf = { ...item.uf, ...(patch.uf ?? {}) }
  const missing = [
    ...fieldsOf(item.entityTypeId)
      .filter((d) => d.required && !d.readOnly && empty(values[d.item]))
      .map((d) => d.title),
    ...userFieldsOf(store, item.entityTypeId)
      .filter((u) => u.mandatory && empty(uf[u.fieldName]))
      .map((u) => u.label['ru'] ?? u.fieldName),
  ]
  if (missing.length > 0) throw new RestError(400, 'CRM_FIELD_ERROR_REQUIRED', `The "${missing[0]}" field is required.`)
}

export function deleteItem(ctx: CallContext, item: CrmItem, flavor: Flavor): void {
  requireWrite(ctx, flavor)
  itemsOf(ctx.store, item.entityTypeId)?.delete(item.id)
  const ownerType = OWNER_TYPE_BY_ENTITY[item.entityTypeId]
  for (const [rowId, row] of ctx.store.productRows)
    if (row.ownerType === ownerType && row.ownerId === item.id) ctx.store.productRows.delete(rowId)
  emitItemEvent(ctx, item, 'del')
}
