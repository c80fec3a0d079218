import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isRecord, param, recordParam, toArray, toInt } from '../core/params'
import { RestError } from '../http/rest-error'
import { listRecords } from '../query/list'
import type { CrmItem } from '../store/store'
import { itemsOf } from '../store/store'
import { fieldsOf, multifields, toItemRow, toLegacyRow, ufToCamel, type FieldDef } from '../crm/fields'
import { userFieldsOf } from '../crm/user-field-table'
import type { StoredUserField } from '../store/store'
import { checkRequiredOnMove, createItem, deleteItem, getItem, readFields, updateItem } from '../crm/item-ops'
import { readFactoryRow, storeRows } from './product-rows'

/** Legacy select: `*` = every non-UF, non-multiple field, `UF_*` = every UF; ID always comes back. */
function selectLegacy(row: Record<string, unknown>, select: unknown, entityTypeId: number): Record<string, unknown> {
  const names = toArray(select).map((s) => String(s).toUpperCase())
  const list = names.length === 0 ? ['*', 'UF_*'] : names
  const multi = new Set(
    fieldsOf(entityTypeId)
      .filter((d) => d.kind === 'multi')
      .map((d) => d.legacy),
  )
  const picked: Record<string, unknown> = { ID: row['ID'] }
  for (const [k, v] of Object.entries(row)) {
    const isUf = k.startsWith('UF_')
    if ((list.includes('*') && !isUf && !multi.has(k)) || (list.includes('UF_*') && isUf) || list.includes(k))
      picked[k] = v
  }
  return picked
}

/** crm.item select: field names or `*` (`fm` only with `*`); id always comes back. */
function selectItem(ctx: CallContext, item: CrmItem, select: unknown, originalUf: boolean): Record<string, unknown> {
  const full = toItemRow(ctx.store, item, originalUf)
  const names = toArray(select).map(String)
  if (names.length === 0 || names.includes('*'))
    return item.entityTypeId === 1 && names.includes('*') ? { ...full, fm: multifields(item) } : full
  const picked: Record<string, unknown> = { id: item.id }
  for (const n of names) if (n in full) picked[n] = full[n]
  return picked
}

function legacyMethods(entityTypeId: 1 | 2, prefix: string): MethodTable {
  const items = (ctx: CallContext): Map<number, CrmItem> => itemsOf(ctx.store, entityTypeId) ?? new Map()
  return {
    [`${prefix}.fields`]: (ctx) =>
      out(describeFields(fieldsOf(entityTypeId), userFieldsOf(ctx.store, entityTypeId), 'legacy')),
    [`${prefix}.get`]: (ctx) =>
      out(toLegacyRow(ctx.store, getItem(ctx.store, entityTypeId, param(ctx.params, 'id'), 'legacy'))),
    [`${prefix}.list`]: (ctx) => {
      const q = {
        filter: param(ctx.params, 'filter'),
        order: param(ctx.params, 'order'),
        start: param(ctx.params, 'start'),
      }
      const page = listRecords(items(ctx).values(), q, 'ID', (i) => toLegacyRow(ctx.store, i))
      const select = param(ctx.params, 'select')
      return out(
        page.rows.map((r) => selectLegacy(r, select, entityTypeId)),
        page.total,
        page.next,
      )
    },
    [`${prefix}.add`]: (ctx) => {
      const fields = param(ctx.params, 'fields')
      if (!isRecord(fields)) throw new RestError(400, '', "Parameter 'fields' must be array")
      return out(createItem(ctx, entityTypeId, readFields(ctx.store, entityTypeId, fields, 'legacy'), 'legacy').id)
    },
    [`${prefix}.update`]: (ctx) => {
      const item = getItem(ctx.store, entityTypeId, param(ctx.params, 'id'), 'legacy')
      const fields = param(ctx.params, 'fields')
      if (!isRecord(fields)) throw new RestError(400, '', "Parameter 'fields' must be array")
      updateItem(ctx, item, readFields(ctx.store, entityTypeId, fields, 'legacy'), 'legacy')
      return out(true)
    },
    [`${prefix}.delete`]: (ctx) => {
      deleteItem(ctx, getItem(ctx.store, entityTypeId, param(ctx.params, 'id'), 'legacy'), 'legacy')
      return out(true)
    },
  }
}

/** crm.*.fields / crm.item.fields descriptions. */
function describeFields(
  defs: readonly FieldDef[],
  ufs: readonly StoredUserField[],
  flavor: 'legacy' | 'item',
): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  for (const d of defs) {
    const name = flavor === 'legacy' ? d.legacy : d.item
    if (!name) continue
    fields[name] = {
      type: d.type,
      isRequired: d.required === true,
      isReadOnly: d.readOnly === true,
      isImmutable: d.immutable === true,
      isMultiple: d.kind === 'multi',
      isDynamic: false,
      title: d.title,
      ...(d.statusType ? { statusType: d.statusType } : {}),
      ...(flavor === 'item' ? { upperName: d.legacy ?? d.item.replace(/([A-Z])/g, '_$1').toUpperCase() } : {}),
    }
  }
  // The portal's language is ru; a list field lists its items (ID, VALUE), the ID being what a value stores.
  for (const u of ufs) {
    const label = u.label['ru'] ?? u.fieldName
    fields[flavor === 'legacy' ? u.fieldName : ufToCamel(u.fieldName)] = {
      type: u.userTypeId,
      isRequired: u.mandatory,
      isReadOnly: false,
      isImmutable: false,
      isMultiple: u.multiple,
      isDynamic: true,
      title: u.fieldName,
      listLabel: label,
      formLabel: label,
      filterLabel: label,
      upperName: u.fieldName,
      settings: u.settings,
      ...(u.userTypeId === 'enumeration' ? { items: u.list.map((i) => ({ ID: i.ID, VALUE: i.VALUE })) } : {}),
    }
  }
  return fields
}

const SUPPORTED = new Set([1, 2, 31])

function entityTypeOf(ctx: CallContext): number {
  const id = toInt(param(ctx.params, 'entityTypeId'))
  if (id === undefined) throw new RestError(400, '100', 'Required parameter "entityTypeId" is missing')
  if (!SUPPORTED.has(id)) throw new RestError(400, 'ENTITY_TYPE_NOT_SUPPORTED', `Entity type ${id} is not supported`)
  return id
}

const originalUf = (ctx: CallContext): boolean =>
  String(param(ctx.params, 'useOriginalUfNames') ?? 'N').toUpperCase() === 'Y'

export const crmMethods: MethodTable = {
  ...legacyMethods(2, 'crm.deal'),
  ...legacyMethods(1, 'crm.lead'),
  'crm.item.fields': (ctx) => {
    const e = entityTypeOf(ctx)
    return out({ fields: describeFields(fieldsOf(e), userFieldsOf(ctx.store, e), 'item') })
  },
  'crm.item.get': (ctx) => {
    const e = entityTypeOf(ctx)
    return out({
      item: selectItem(ctx, getItem(ctx.store, e, param(ctx.params, 'id'), 'item'), ['*'], originalUf(ctx)),
    })
  },
  'crm.item.list': (ctx) => {
    const e = entityTypeOf(ctx)
    const useOriginal = originalUf(ctx)
    const page = listRecords(
      (itemsOf(ctx.store, e) ?? new Map<number, CrmItem>()).values(),
      { filter: param(ctx.params, 'filter'), order: param(ctx.params, 'order'), start: param(ctx.params, 'start') },
      'id',
      (i) => Object.assign(toItemRow(ctx.store, i, useOriginal), { __item: i }),
    )
    const select = param(ctx.params, 'select')
    return out(
      { items: page.rows.map((r) => selectItem(ctx, r.__item as CrmItem, select, originalUf(ctx))) },
      page.total,
      page.next,
    )
  },
  'crm.item.add': (ctx) => {
    const e = entityTypeOf(ctx)
    const fields = recordParam(ctx.params, 'fields')
    const item = createItem(ctx, e, readFields(ctx.store, e, fields, 'item', originalUf(ctx)), 'item')
    if (Array.isArray(fields['productRows']))
      storeRows(ctx, item, fields['productRows'].filter(isRecord).map(readFactoryRow), 'factory', 'item')
    return out({ item: toItemRow(ctx.store, item, originalUf(ctx)) })
  },
  /**
   * Changes fields; for a deal, `categoryId` (with `stageId`, else the new funnel's first stage) moves it to
   * another funnel. Required fields are checked on a stage move inside one funnel only: a funnel change skips them.
   */
  'crm.item.update': (ctx) => {
    const e = entityTypeOf(ctx)
    const item = getItem(ctx.store, e, param(ctx.params, 'id'), 'item')
    const fields = recordParam(ctx.params, 'fields')
    const patch = readFields(ctx.store, e, fields, 'item', originalUf(ctx))
    checkRequiredOnMove(ctx.store, item, patch)
    updateItem(ctx, item, patch, 'item')
    if (Array.isArray(fields['productRows']))
      storeRows(ctx, item, fields['productRows'].filter(isRecord).map(readFactoryRow), 'factory', 'item')
    return out({ item: toItemRow(ctx.store, item, originalUf(ctx)) })
  },
  'crm.item.delete': (ctx) => {
    const e = entityTypeOf(ctx)
    deleteItem(ctx, getItem(ctx.store, e, param(ctx.params, 'id'), 'item'), 'item')
    return out([])
  },
}
