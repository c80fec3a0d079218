import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isRecord, param, recordParam, toArray } from '../core/params'
import { legacyError } from '../http/rest-error'
import { CRM_FIELD_NAME_MAX, addUserField } from '../crm/user-field-table'
import type { StoredUserField } from '../store/store'

const ENTITIES = { deal: 'CRM_DEAL', lead: 'CRM_LEAD', company: 'CRM_COMPANY', contact: 'CRM_CONTACT' } as const

const yes = (v: unknown): boolean => v === true || v === 'Y' || v === 'y' || v === 1 || v === '1'

/** EDIT_FORM_LABEL / LABEL: one text for every language, or `{ru: …, en: …}`. */
function labelsOf(fields: Record<string, unknown>): Record<string, string> {
  const raw = fields['EDIT_FORM_LABEL'] ?? fields['LABEL'] ?? fields['LIST_COLUMN_LABEL']
  if (isRecord(raw)) return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]))
  return raw === undefined ? {} : { ru: String(raw), en: String(raw) }
}

/** The row crm.<entity>.userfield.list answers (labels only with a LANG filter, as the portal does). */
function row(f: StoredUserField, lang: string | undefined): Record<string, unknown> {
  return {
    ID: String(f.id),
    ENTITY_ID: f.entityId,
    FIELD_NAME: f.fieldName,
    USER_TYPE_ID: f.userTypeId,
    XML_ID: f.xmlId || null,
    SORT: String(f.sort),
    MULTIPLE: f.multiple ? 'Y' : 'N',
    MANDATORY: f.mandatory ? 'Y' : 'N',
    SHOW_FILTER: f.showFilter,
    SHOW_IN_LIST: 'Y',
    EDIT_IN_LIST: 'Y',
    IS_SEARCHABLE: f.isSearchable ? 'Y' : 'N',
    SETTINGS: f.settings,
    ...(f.userTypeId === 'enumeration' ? { LIST: f.list } : {}),
    ...(lang
      ? {
          EDIT_FORM_LABEL: f.label[lang] ?? '',
          LIST_COLUMN_LABEL: f.label[lang] ?? '',
          LIST_FILTER_LABEL: f.label[lang] ?? '',
        }
      : {}),
  }
}

/** Only users who may configure the CRM (here: administrators) change its fields; legacy errors are 400 with no code. */
function requireConfigRights(ctx: CallContext): void {
  if (!ctx.user.isAdmin) throw legacyError('Access denied.')
}

function methodsFor(entity: keyof typeof ENTITIES): MethodTable {
  const entityId = ENTITIES[entity]
  return {
    [`crm.${entity}.userfield.list`]: (ctx) => {
      const filter = recordParam(ctx.params, 'filter')
      const lang = typeof filter['LANG'] === 'string' ? filter['LANG'] : undefined
      const rows = ctx.store.userFields.filter(
        (f) =>
          f.entityId === entityId &&
          Object.entries(filter).every(([k, v]) => {
            if (k === 'LANG') return true
            const value = row(f, undefined)[k]
            return value === undefined || String(value) === String(v)
          }),
      )
      return out(
        rows.map((f) => row(f, lang)),
        rows.length,
      )
    },
    [`crm.${entity}.userfield.add`]: (ctx) => {
      requireConfigRights(ctx)
      const fields = recordParam(ctx.params, 'fields')
      const given = String(fields['FIELD_NAME'] ?? '').toUpperCase()
      if (!given) throw legacyError('FIELD_NAME is not defined.')
      const fieldName = given.startsWith('UF_CRM_') ? given : `UF_CRM_${given}`
      if (fieldName.length > CRM_FIELD_NAME_MAX)
        throw legacyError(`The field code ${fieldName} is longer than ${CRM_FIELD_NAME_MAX} characters.`)
      if (!/^UF_CRM_[0-9A-Z_]+$/.test(fieldName)) throw legacyError(`The field code ${fieldName} is not valid.`)
      const userTypeId = String(fields['USER_TYPE_ID'] ?? '')
      if (!userTypeId) throw legacyError('USER_TYPE_ID is not defined.')
      if (ctx.store.userFields.some((f) => f.entityId === entityId && f.fieldName === fieldName))
        throw legacyError(`A user field with the code ${fieldName} already exists.`)
      const list = toArray(fields['LIST'])
        .filter(isRecord)
        .map((item, i) => ({
          VALUE: String(item['VALUE'] ?? ''),
          XML_ID: String(item['XML_ID'] ?? ''),
          SORT: String(item['SORT'] ?? (i + 1) * 10),
          DEF: (yes(item['DEF']) ? 'Y' : 'N') as 'Y' | 'N',
        }))
      if (list.some((item) => item.VALUE === '')) throw legacyError('A list item needs a VALUE.')
      const created = addUserField(ctx.store, {
        entityId,
        fieldName,
        userTypeId,
        xmlId: typeof fields['XML_ID'] === 'string' ? fields['XML_ID'] : null,
        sort: Number(fields['SORT'] ?? 100) || 100,
        mandatory: yes(fields['MANDATORY']),
        multiple: yes(fields['MULTIPLE']),
        showFilter: typeof fields['SHOW_FILTER'] === 'string' ? fields['SHOW_FILTER'] : 'N',
        isSearchable: yes(fields['IS_SEARCHABLE']),
        label: labelsOf(fields),
        settings: isRecord(fields['SETTINGS']) ? fields['SETTINGS'] : {},
        list: userTypeId === 'enumeration' ? list : [],
      })
      return out(created.id)
    },
    [`crm.${entity}.userfield.get`]: (ctx) => {
      const id = Number(param(ctx.params, 'id'))
      const f = ctx.store.userFields.find((u) => u.entityId === entityId && u.id === id)
      if (!f) throw legacyError('Not found')
      return out(row(f, 'ru'))
    },
  }
}

/** crm.deal / lead / company / contact user fields: list (filter by any column, LANG for labels), add, get. */
export const entityUserFieldMethods: MethodTable = {
  ...methodsFor('deal'),
  ...methodsFor('lead'),
  ...methodsFor('company'),
  ...methodsFor('contact'),
}
