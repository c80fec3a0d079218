import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isRecord, param, toInt } from '../core/params'
import { RestError } from '../http/rest-error'
import { listRows } from '../query/list'
import { addUserField } from '../crm/user-field-table'
import type { StoredUserField } from '../store/store'

/**
 * userfieldconfig.* for CRM (b24restdocs api-reference/crm/universal/userfieldconfig): the user fields of smart
 * invoices (`entityId` CRM_SMART_INVOICE; names `UF_CRM_SMART_INVOICE_…`), as a view over the one user-field table
 * crm.<entity>.userfield.* also reads. Errors are the portal's: HTTP 400 with an empty code and the description.
 */

/** The object ids whose fields the emulator keeps (crm.item.* reads and writes their values). */
const ENTITIES = new Set(['CRM_SMART_INVOICE'])
const TYPES = new Set(['string', 'integer', 'double', 'boolean', 'date', 'datetime', 'money', 'url', 'employee'])
/** The filterable keys the docs list (entityId is not one of them; unknown keys are ignored). */
const FILTERABLE = new Set(['id', 'fieldName', 'userTypeId', 'xmlId', 'sort', 'multiple', 'mandatory', 'isSearchable'])

const fail = (description: string): RestError => new RestError(400, '', description)
const yn = (v: unknown): 'Y' | 'N' => (v === 'Y' || v === true || v === 1 || v === '1' ? 'Y' : 'N')

function requireCrm(ctx: CallContext): void {
  const moduleId = param(ctx.params, 'moduleId')
  if (moduleId === undefined || moduleId === '') throw fail("The 'moduleId' field is not found.")
  if (moduleId !== 'crm') throw fail('No settings for UserFieldAccess')
}

/** A string or a lang map (`{ru, en}`) as the labels the table keeps. */
function labels(v: unknown): Record<string, string> {
  if (typeof v === 'string') return { ru: v, en: v }
  const m: Record<string, string> = {}
  if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') m[k] = x
  return m
}

/** The field as the portal answers it: ids, sort and flags as strings, labels as a lang map. */
function wire(f: StoredUserField): Record<string, unknown> {
  const empty = { ru: null, en: null }
  return {
    id: String(f.id),
    entityId: f.entityId,
    fieldName: f.fieldName,
    userTypeId: f.userTypeId,
    xmlId: f.xmlId,
    sort: String(f.sort),
    multiple: yn(f.multiple),
    mandatory: yn(f.mandatory),
    showFilter: f.showFilter,
    showInList: 'Y',
    editInList: 'Y',
    isSearchable: yn(f.isSearchable),
    settings: f.settings,
    languageId: { ru: 'ru', en: 'en' },
    editFormLabel: { ...empty, ...f.label },
    listColumnLabel: empty,
    listFilterLabel: empty,
    errorMessage: empty,
    helpMessage: empty,
  }
}

/** The rows this view shows: the fields of the entities it serves. */
const viewRows = (ctx: CallContext): StoredUserField[] => ctx.store.userFields.filter((f) => ENTITIES.has(f.entityId))

export const userFieldMethods: MethodTable = {
  'userfieldconfig.add': (ctx) => {
    requireCrm(ctx)
    // "Allow to modify settings" in CRM: the emulator's administrators only.
    if (!ctx.user.isAdmin) throw fail('Access denied')
    const field = param(ctx.params, 'field')
    if (!isRecord(field)) throw fail("The 'FIELD_NAME' field is not found.")
    const entityId = typeof field['entityId'] === 'string' ? field['entityId'] : ''
    const fieldName = typeof field['fieldName'] === 'string' ? field['fieldName'] : ''
    const userTypeId = typeof field['userTypeId'] === 'string' ? field['userTypeId'] : ''
    if (!fieldName) throw fail("The 'FIELD_NAME' field is not found.")
    if (!userTypeId || !TYPES.has(userTypeId)) throw fail("The 'USER_TYPE_ID' field is not found.")
    if (!ENTITIES.has(entityId) || !fieldName.startsWith(`UF_${entityId}_`) || !/^[A-Z0-9_]{1,50}$/.test(fieldName))
      throw fail('You cannot create custom fields')
    if (ctx.store.userFields.some((f) => f.entityId === entityId && f.fieldName === fieldName))
      throw fail(`Field ${fieldName} already exists`)
    const created = addUserField(ctx.store, {
      entityId,
      fieldName,
      userTypeId,
      xmlId: typeof field['xmlId'] === 'string' ? field['xmlId'] : null,
      sort: toInt(field['sort']) ?? 100,
      multiple: yn(field['multiple']) === 'Y',
      mandatory: yn(field['mandatory']) === 'Y',
      showFilter: typeof field['showFilter'] === 'string' ? field['showFilter'] : 'N',
      isSearchable: yn(field['isSearchable']) === 'Y',
      settings: isRecord(field['settings']) ? field['settings'] : {},
      label: labels(field['editFormLabel']),
      list: [],
    })
    return out({ field: wire(created) })
  },
  'userfieldconfig.list': (ctx) => {
    requireCrm(ctx)
    const filter = param(ctx.params, 'filter')
    const known = isRecord(filter)
      ? Object.fromEntries(Object.entries(filter).filter(([k]) => FILTERABLE.has(k.replace(/^[=!<>@%]+/, ''))))
      : {}
    const page = listRows(
      viewRows(ctx).map(wire),
      {
        filter: known,
        order: param(ctx.params, 'order') ?? { sort: 'ASC', id: 'ASC' },
        start: param(ctx.params, 'start'),
      },
      'id',
    )
    return out({ fields: page.rows }, page.total, page.next)
  },
  'userfieldconfig.get': (ctx) => {
    requireCrm(ctx)
    const id = toInt(param(ctx.params, 'id'))
    const found = viewRows(ctx).find((f) => f.id === id)
    if (!found) throw fail('The field is not found')
    return out({ field: wire(found) })
  },
}
