import { err, isRecord, ok, type Result } from '@salesflow/rules'
import type { BatchAnswers, Command, PortalClient, RestAnswer } from './client'
import { MAX_BATCH } from './client'
import { ref, type QueryObject } from './batch/query-string'
import type { Department, Options, Stage, User } from './domain'
import { mapStage } from './mappers/crm'
import { mapAnswerList } from './repositories/fetch'
import { mapDepartment, mapUser } from './mappers/org'
import { portalError, type PortalError } from './errors'
import { optionsOf } from './repositories/options'
import { SMART_INVOICE } from './repositories/invoices'

/** userfieldconfig's object id of smart-invoice user fields; their names start with `UF_CRM_SMART_INVOICE_`. */
const SMART_INVOICE_FIELD_ENTITY = 'CRM_SMART_INVOICE'

/** The CRM entities whose user fields the app keeps: crm.<entity>.userfield.*, and smart invoices (userfieldconfig). */
export type UserFieldEntity = 'deal' | 'lead' | 'company' | 'smartInvoice'
export const USER_FIELD_ENTITIES: readonly Exclude<UserFieldEntity, 'smartInvoice'>[] = ['deal', 'lead', 'company']

export interface BoundPlacement {
  readonly placement: string
  readonly handler: string
}

export interface BoundEvent {
  readonly event: string
  readonly offline: boolean
}

export interface ExistingUserField {
  readonly entity: UserFieldEntity
  readonly fieldName: string
  readonly userTypeId: string
}

export interface ExistingCatalogProperty {
  readonly id: number
  readonly code: string
}

/** What the app has on the portal: read in one round trip by the installer and the admin page. */
export interface AppSetupState {
  readonly isAdmin: boolean
  readonly placements: readonly BoundPlacement[]
  readonly events: readonly BoundEvent[]
  readonly options: Options
  readonly userFields: readonly ExistingUserField[]
  /** The product catalog's iblock (catalog.catalog.list); null on a portal without one. */
  readonly catalogIblockId: number | null
  /** Properties of that catalog (first page: the app's own are found by their codes). */
  readonly catalogProperties: readonly ExistingCatalogProperty[]
}

/** A string property of the product catalog the app creates (catalog.productProperty.add). */
export interface CatalogPropertySpec {
  /** The key its id is stored under in the option it is written to. */
  readonly key: string
  readonly code: string
  readonly name: { readonly ru: string; readonly en: string }
}

/** A user field as a person reads it in the card: a list with labels, yes/no, a number or a text. */
export interface UserFieldSpec {
  readonly entity: UserFieldEntity
  /** Full code, `UF_CRM_SF_…` (a smart invoice's: `UF_CRM_SMART_INVOICE_…`). */
  readonly fieldName: string
  readonly userTypeId: 'string' | 'integer' | 'double' | 'boolean' | 'enumeration'
  readonly label: { readonly ru: string; readonly en: string }
  /** Enumeration items: the code we store (XML_ID) and the label people read (VALUE). */
  readonly items?: readonly { readonly code: string; readonly label: string }[]
}

/** One change of the app's setup, turned into its REST command here (the only place that knows the methods). */
export type SetupWrite =
  | {
      readonly kind: 'bindPlacement'
      readonly placement: string
      readonly handler: string
      readonly title: { readonly ru: string; readonly en: string }
      readonly lang: 'ru' | 'en'
    }
  | { readonly kind: 'unbindPlacement'; readonly placement: string; readonly handler: string }
  | { readonly kind: 'addUserField'; readonly field: UserFieldSpec }
  | { readonly kind: 'setOptions'; readonly options: Readonly<Record<string, unknown>> }
  | { readonly kind: 'bindOfflineEvent'; readonly event: string }
  | { readonly kind: 'unbindOfflineEvent'; readonly event: string }
  | {
      readonly kind: 'addCatalogProperty'
      readonly iblockId: number
      readonly property: CatalogPropertySpec
      readonly lang: 'ru' | 'en'
    }
  /**
   * An option holding property ids by key: a known id, or the name of an `addCatalogProperty` write of the same
   * batch (before this one), whose new id the portal substitutes.
   */
  | {
      readonly kind: 'setPropertyIds'
      readonly option: string
      readonly ids: Readonly<Record<string, number | { readonly createdBy: string }>>
    }

const READS: Readonly<Record<string, Command>> = {
  admin: { method: 'user.admin', kind: 'read' },
  placements: { method: 'placement.get', kind: 'read' },
  events: { method: 'event.get', kind: 'read' },
  options: { method: 'app.option.get', kind: 'read' },
  ...Object.fromEntries(
    USER_FIELD_ENTITIES.map((e) => [`uf_${e}`, { method: `crm.${e}.userfield.list`, kind: 'read' } as Command]),
  ),
  // Smart invoices have no crm.*.userfield.list; crm.item.fields lists their user fields in one page.
  uf_smartInvoice: {
    method: 'crm.item.fields',
    kind: 'read',
    params: { entityTypeId: SMART_INVOICE, useOriginalUfNames: 'Y' },
  },
  catalog: { method: 'catalog.catalog.list', kind: 'read' },
  catalogProps: {
    method: 'catalog.productProperty.list',
    kind: 'read',
    params: { select: ['id', 'code'], filter: { iblockId: ref('catalog', 'catalogs', 0, 'id') }, order: { id: 'ASC' } },
  },
}

const malformed = (method: string, field: string) => err(portalError('MALFORMED_RESPONSE', { method, field }))

function answerOf(answers: BatchAnswers, name: string): Result<RestAnswer, PortalError> {
  return answers[name] ?? err(portalError('MALFORMED_RESPONSE', { method: 'batch', field: name }))
}

/** user.admin, placement.get, event.get, app.option.get and the user fields: one batch. */
export async function readAppSetup(client: PortalClient): Promise<Result<AppSetupState, PortalError>> {
  const res = await client.batch(READS)
  if (!res.ok) return res
  const a = res.value
  const admin = answerOf(a, 'admin')
  if (!admin.ok) return admin
  const isAdmin = admin.value.result === true || admin.value.result === 'true' || admin.value.result === 1
  // placement.*, event.get and app.option.get need an administrator's application token: a non-admin sees only that.
  if (!isAdmin)
    return ok({
      isAdmin,
      placements: [],
      events: [],
      options: {},
      userFields: [],
      catalogIblockId: null,
      catalogProperties: [],
    })
  const p = answerOf(a, 'placements')
  if (!p.ok) return p
  if (!Array.isArray(p.value.result)) return malformed('placement.get', 'result')
  const placements = p.value.result.filter(isRecord).map((b) => ({
    placement: String(b['placement'] ?? ''),
    handler: String(b['handler'] ?? ''),
  }))
  const e = answerOf(a, 'events')
  if (!e.ok) return e
  if (!Array.isArray(e.value.result)) return malformed('event.get', 'result')
  const events = e.value.result.filter(isRecord).map((b) => ({
    event: String(b['event'] ?? '').toUpperCase(),
    offline: Number(b['offline'] ?? 0) === 1,
  }))
  const o = answerOf(a, 'options')
  if (!o.ok) return o
  const options = optionsOf(o.value.result, 'app.option.get')
  if (!options.ok) return options
  const userFields: ExistingUserField[] = []
  for (const entity of USER_FIELD_ENTITIES) {
    const u = answerOf(a, `uf_${entity}`)
    if (!u.ok) return u
    if (!Array.isArray(u.value.result)) return malformed(`crm.${entity}.userfield.list`, 'result')
    for (const f of u.value.result.filter(isRecord))
      userFields.push({ entity, fieldName: String(f['FIELD_NAME'] ?? ''), userTypeId: String(f['USER_TYPE_ID'] ?? '') })
  }
  const inv = answerOf(a, 'uf_smartInvoice')
  if (!inv.ok) return inv
  const fields = isRecord(inv.value.result) ? inv.value.result['fields'] : undefined
  if (!isRecord(fields)) return malformed('crm.item.fields', 'result.fields')
  for (const [key, f] of Object.entries(fields)) {
    const fieldName = isRecord(f) && typeof f['upperName'] === 'string' ? f['upperName'] : key
    if (fieldName.startsWith('UF_') && isRecord(f))
      userFields.push({ entity: 'smartInvoice', fieldName, userTypeId: String(f['type'] ?? '') })
  }
  const c = answerOf(a, 'catalog')
  if (!c.ok) return c
  const catalogs = isRecord(c.value.result) ? c.value.result['catalogs'] : undefined
  const first: unknown = Array.isArray(catalogs) ? catalogs[0] : undefined
  const catalogIblockId = isRecord(first) && /^\d+$/.test(String(first['id'])) ? Number(first['id']) : null
  const catalogProperties: ExistingCatalogProperty[] = []
  if (catalogIblockId !== null) {
    const cp = answerOf(a, 'catalogProps')
    if (!cp.ok) return cp
    const rows = isRecord(cp.value.result) ? cp.value.result['productProperties'] : undefined
    if (!Array.isArray(rows)) return malformed('catalog.productProperty.list', 'result.productProperties')
    for (const p of rows.filter(isRecord))
      catalogProperties.push({ id: Number(p['id']), code: String(p['code'] ?? '') })
  }
  return ok({ isAdmin, placements, events, options: options.value, userFields, catalogIblockId, catalogProperties })
}

function commandOf(w: SetupWrite): Command {
  switch (w.kind) {
    case 'bindPlacement':
      return {
        method: 'placement.bind',
        kind: 'write',
        params: {
          PLACEMENT: w.placement,
          HANDLER: w.handler,
          TITLE: w.title[w.lang],
          LANG_ALL: { ru: { TITLE: w.title.ru }, en: { TITLE: w.title.en } },
        },
      }
    case 'unbindPlacement':
      return { method: 'placement.unbind', kind: 'write', params: { PLACEMENT: w.placement, HANDLER: w.handler } }
    case 'addUserField': {
      const f = w.field
      if (f.entity === 'smartInvoice')
        return {
          method: 'userfieldconfig.add',
          kind: 'create',
          params: {
            moduleId: 'crm',
            field: {
              entityId: SMART_INVOICE_FIELD_ENTITY,
              fieldName: f.fieldName,
              userTypeId: f.userTypeId,
              xmlId: f.fieldName,
              editFormLabel: { ru: f.label.ru, en: f.label.en },
              listColumnLabel: { ru: f.label.ru, en: f.label.en },
            },
          },
        }
      const fields: QueryObject = {
        FIELD_NAME: f.fieldName,
        USER_TYPE_ID: f.userTypeId,
        XML_ID: f.fieldName,
        EDIT_FORM_LABEL: { ru: f.label.ru, en: f.label.en },
        LIST_COLUMN_LABEL: { ru: f.label.ru, en: f.label.en },
        LIST_FILTER_LABEL: { ru: f.label.ru, en: f.label.en },
        ...(f.items
          ? { LIST: f.items.map((item, i) => ({ VALUE: item.label, XML_ID: item.code, SORT: (i + 1) * 10 })) }
          : {}),
      }
      return { method: `crm.${f.entity}.userfield.add`, kind: 'create', params: { fields } }
    }
    case 'setOptions':
      return { method: 'app.option.set', kind: 'write', params: { options: w.options as QueryObject } }
    case 'bindOfflineEvent':
      return { method: 'event.bind', kind: 'write', params: { event: w.event, event_type: 'offline' } }
    case 'unbindOfflineEvent':
      return { method: 'event.unbind', kind: 'write', params: { event: w.event, event_type: 'offline' } }
    case 'addCatalogProperty':
      return {
        method: 'catalog.productProperty.add',
        kind: 'create',
        params: {
          fields: {
            iblockId: w.iblockId,
            name: w.property.name[w.lang],
            code: w.property.code,
            propertyType: 'S',
            multiple: 'N',
            isRequired: 'N',
            active: 'Y',
          },
        },
      }
    case 'setPropertyIds': {
      const ids = Object.fromEntries(
        Object.entries(w.ids).map(([k, v]) => [
          k,
          typeof v === 'number' ? v : ref(v.createdBy, 'productProperty', 'id'),
        ]),
      )
      return { method: 'app.option.set', kind: 'write', params: { options: { [w.option]: ids } } }
    }
  }
}

/** A write that found its work already done (a concurrent run bound the same event or made the field) counts as done. */
function alreadyDone(w: SetupWrite, e: PortalError): boolean {
  if (w.kind === 'addUserField' && w.field.entity === 'smartInvoice')
    return /^Field \S+ already exists$/.test(e.description ?? '')
  return w.kind === 'bindOfflineEvent' && e.restCode === 'ERROR_EVENT_HANDLER_ALREADY_BINDED'
}

/**
 * Runs the writes in batches of 50 without halting (one failure leaves the others done; a re-run does only what is
 * still missing). Each named write gets its own outcome.
 */
export async function writeAppSetup(
  client: PortalClient,
  writes: Readonly<Record<string, SetupWrite>>,
): Promise<Result<Readonly<Record<string, Result<true, PortalError>>>, PortalError>> {
  const names = Object.keys(writes)
  const outcomes: Record<string, Result<true, PortalError>> = {}
  for (let i = 0; i < names.length; i += MAX_BATCH) {
    const chunk = names.slice(i, i + MAX_BATCH)
    const res = await client.batch(Object.fromEntries(chunk.map((n) => [n, commandOf(writes[n]!)])))
    if (!res.ok) return res
    for (const n of chunk) {
      const a = answerOf(res.value, n)
      outcomes[n] = a.ok || alreadyDone(writes[n]!, a.error) ? ok(true) : a
    }
  }
  return ok(outcomes)
}

/** What the administrator's page opens with: who is looking, the app options, users and departments (1 round trip). */
export interface SettingsPageData {
  readonly currentUser: User
  readonly isAdmin: boolean
  readonly options: Options
  readonly users: readonly User[]
  readonly departments: readonly Department[]
  /** The portal's lead statuses (`STATUS`) and deal stages (`DEAL_STAGE`, `DEAL_STAGE_{cat}`), in SORT order. */
  readonly stages: readonly Stage[]
}

/** The crm.status entities whose ids the settings name. */
const isNamedStage = (s: Stage): boolean => s.entityId === 'STATUS' || /^DEAL_STAGE(_\d+)?$/.test(s.entityId)

/** user.current, user.admin, app.option.get, the active users (first 50) and the departments: one batch. */
export async function readSettingsPage(client: PortalClient): Promise<Result<SettingsPageData, PortalError>> {
  const res = await client.batch({
    me: { method: 'user.current', kind: 'read' },
    admin: { method: 'user.admin', kind: 'read' },
    options: { method: 'app.option.get', kind: 'read' },
    users: { method: 'user.get', kind: 'read', params: { sort: 'ID', order: 'ASC' } },
    departments: { method: 'department.get', kind: 'read', params: { sort: 'ID', order: 'ASC' } },
    // Unfiltered: every entity's rows in one answer (the method has no paging; b24-platform.md 4.4).
    statuses: { method: 'crm.status.list', kind: 'read', params: { order: { SORT: 'ASC' } } },
  })
  if (!res.ok) return res
  const a = res.value
  const me = answerOf(a, 'me')
  if (!me.ok) return me
  const currentUser = mapUser(me.value.result)
  if (!currentUser.ok) return currentUser
  const admin = answerOf(a, 'admin')
  if (!admin.ok) return admin
  const o = answerOf(a, 'options')
  if (!o.ok) return o
  const options = optionsOf(o.value.result, 'app.option.get')
  if (!options.ok) return options
  const u = answerOf(a, 'users')
  if (!u.ok) return u
  const d = answerOf(a, 'departments')
  if (!d.ok) return d
  const users: User[] = []
  for (const raw of Array.isArray(u.value.result) ? u.value.result : []) {
    const m = mapUser(raw)
    if (!m.ok) return m
    if (m.value.active) users.push(m.value)
  }
  const departments: Department[] = []
  for (const raw of Array.isArray(d.value.result) ? d.value.result : []) {
    const m = mapDepartment(raw)
    if (!m.ok) return m
    departments.push(m.value)
  }
  const st = answerOf(a, 'statuses')
  if (!st.ok) return st
  const all = mapAnswerList(st.value, 'crm.status.list', mapStage, undefined, 'stage')
  if (!all.ok) return all
  const stages = all.value.filter(isNamedStage).sort((x, y) => x.sort - y.sort)
  const isAdmin = admin.value.result === true || admin.value.result === 'true'
  return ok({ currentUser: currentUser.value, isAdmin, options: options.value, users, departments, stages })
}
