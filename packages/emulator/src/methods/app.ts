import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isoDateTime } from '../core/dates'
import { isRecord, param, toArray, toId, toInt } from '../core/params'
import { argumentError, RestError, wrongAuthType } from '../http/rest-error'
import { listRows } from '../query/list'
import type { Task, User } from '../store/store'
import { nextId } from '../store/store'
import { emitEvent } from './events'

function userRow(u: User): Record<string, unknown> {
  return {
    ID: String(u.id),
    XML_ID: `user-${u.id}`,
    ACTIVE: u.active,
    NAME: u.name,
    LAST_NAME: u.lastName,
    SECOND_NAME: u.secondName,
    EMAIL: u.email,
    PERSONAL_GENDER: u.gender,
    WORK_POSITION: u.workPosition,
    WORK_COMPANY: 'ООО «Техностром»',
    TIME_ZONE: u.timeZone,
    TIME_ZONE_OFFSET: '10800',
    DATE_REGISTER: '2025-01-15T09:00:00+03:00',
    UF_DEPARTMENT: u.departments,
    IS_ONLINE: 'N',
    USER_TYPE: 'employee',
  }
}

function requireApp(ctx: CallContext): void {
  if (!ctx.isApp) throw new RestError(400, 'AccessException', 'Application context required')
}

function setOptions(target: Record<string, unknown>, ctx: CallContext): void {
  const options = param(ctx.params, 'options')
  if (!isRecord(options) || Object.keys(options).length === 0)
    throw new RestError(400, 'ArgumentNullException', 'options is empty')
  Object.assign(target, options)
}

function getOption(source: Record<string, unknown>, ctx: CallContext): unknown {
  const name = param(ctx.params, 'option')
  if (name === undefined) return Object.keys(source).length === 0 ? [] : source
  return source[String(name)] ?? null
}

/** Bitrix24 checks a placement handler URL: http(s) and a host with a dot (`localhost` fails). */
function checkHandler(url: string): void {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new RestError(400, 'ERROR_WRONG_HANDLER_URL', 'Wrong handler URL')
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new RestError(400, 'ERROR_UNSUPPORTED_PROTOCOL', 'Unsupported protocol')
  if (!u.hostname.includes('.')) throw new RestError(400, 'ERROR_WRONG_HANDLER_URL', 'Wrong handler URL')
}

function placementGuard(ctx: CallContext): void {
  if (!ctx.isApp) throw wrongAuthType()
  if (!ctx.user.isAdmin) throw new RestError(403, 'ACCESS_DENIED', 'Access denied! Admin permissions required')
}

function taskRow(t: Task): Record<string, unknown> {
  return {
    id: String(t.id),
    title: t.title,
    description: t.description,
    responsibleId: String(t.responsibleId),
    createdBy: String(t.createdBy),
    status: String(t.status),
    deadline: t.deadline,
    createdDate: t.createdDate,
    changedDate: t.changedDate,
    ufCrmTask: t.ufCrmTask,
    auditors: t.auditors.map(String),
    accomplices: t.accomplices.map(String),
    taskControl: t.taskControl,
  }
}

function readTaskFields(fields: Record<string, unknown>): Partial<Task> {
  const up = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toUpperCase(), v]))
  const patch: Partial<Task> = {}
  if ('TITLE' in up) patch.title = String(up['TITLE'] ?? '')
  if ('DESCRIPTION' in up) patch.description = String(up['DESCRIPTION'] ?? '')
  if ('RESPONSIBLE_ID' in up) patch.responsibleId = toInt(up['RESPONSIBLE_ID']) ?? 0
  if ('CREATED_BY' in up) patch.createdBy = toInt(up['CREATED_BY']) ?? 0
  if ('STATUS' in up) patch.status = toInt(up['STATUS']) ?? 2
  if ('DEADLINE' in up) patch.deadline = up['DEADLINE'] ? String(up['DEADLINE']) : null
  if ('UF_CRM_TASK' in up) patch.ufCrmTask = toArray(up['UF_CRM_TASK']).map(String)
  if ('AUDITORS' in up) patch.auditors = toArray(up['AUDITORS']).map(Number)
  if ('ACCOMPLICES' in up) patch.accomplices = toArray(up['ACCOMPLICES']).map(Number)
  if ('TASK_CONTROL' in up) patch.taskControl = up['TASK_CONTROL'] === 'Y' || up['TASK_CONTROL'] === true ? 'Y' : 'N'
  return patch
}

const COMMENT_OWNERS: Record<string, number> = { lead: 1, deal: 2 }

export const appMethods: MethodTable = {
  // Like the portal, user.current carries no admin flag: user.admin (true/false) answers that.
  'user.current': (ctx) => out(userRow(ctx.user)),
  'user.admin': (ctx) => out(ctx.user.isAdmin),
  'user.get': (ctx) => {
    const rows = [...ctx.store.users.values()].map(userRow)
    const filter = param(ctx.params, 'filter') ?? param(ctx.params, 'FILTER')
    // user.get also takes filter keys at the top level (`{ID: 5}`).
    const flat = isRecord(filter)
      ? filter
      : Object.fromEntries(
          Object.entries(ctx.params).filter(
            ([k]) => !['sort', 'order', 'start', 'select', 'admin_mode'].includes(k.toLowerCase()),
          ),
        )
    const sort = param(ctx.params, 'sort')
    const order = sort ? { [String(sort)]: String(param(ctx.params, 'order') ?? 'ASC') } : undefined
    const page = listRows(rows, { filter: flat, order, start: param(ctx.params, 'start') }, 'ID')
    return out(page.rows, page.total, page.next)
  },
  profile: (ctx) =>
    out({
      ID: String(ctx.user.id),
      ADMIN: ctx.user.isAdmin,
      NAME: ctx.user.name,
      LAST_NAME: ctx.user.lastName,
      PERSONAL_GENDER: ctx.user.gender,
      TIME_ZONE: ctx.user.timeZone,
    }),
  'department.get': (ctx) => {
    const rows = [...ctx.store.departments.values()].map((d) => ({
      ID: String(d.id),
      NAME: d.name,
      SORT: d.sort,
      ...(d.parent !== null ? { PARENT: String(d.parent) } : {}),
      ...(d.head !== null ? { UF_HEAD: String(d.head) } : {}),
    }))
    const filter: Record<string, unknown> = {}
    for (const k of ['ID', 'NAME', 'PARENT', 'UF_HEAD'])
      if (param(ctx.params, k) !== undefined) filter[k] = param(ctx.params, k)
    const page = listRows(rows, { filter, start: param(ctx.params, 'START') }, 'ID')
    return out(page.rows, page.total, page.next)
  },
  'app.info': (ctx) =>
    out({
      ID: '7',
      CODE: 'local.salesflow',
      VERSION: 1,
      STATUS: 'L',
      INSTALLED: true,
      PAYMENT_EXPIRED: 'N',
      DAYS: null,
      LANGUAGE_ID: 'ru',
      LICENSE: 'ru_project',
      LICENSE_TYPE: 'project',
      LICENSE_FAMILY: 'project',
      ...(ctx.isApp ? {} : { SCOPE: ['crm', 'catalog', 'task', 'user', 'department', 'placement'] }),
    }),
  'app.option.get': (ctx) => {
    requireApp(ctx)
    return out(getOption(ctx.store.appOptions, ctx))
  },
  'app.option.set': (ctx) => {
    requireApp(ctx)
    if (!ctx.user.isAdmin) throw new RestError(403, 'ACCESS_DENIED', 'Administrator authorization required')
    setOptions(ctx.store.appOptions, ctx)
    return out(true)
  },
  'user.option.get': (ctx) => {
    requireApp(ctx)
    return out(getOption(ctx.store.userOptions.get(ctx.user.id) ?? {}, ctx))
  },
  'user.option.set': (ctx) => {
    requireApp(ctx)
    const mine = ctx.store.userOptions.get(ctx.user.id) ?? {}
    setOptions(mine, ctx)
    ctx.store.userOptions.set(ctx.user.id, mine)
    return out(true)
  },
  'placement.bind': (ctx) => {
    placementGuard(ctx)
    const p = Object.fromEntries(Object.entries(ctx.params).map(([k, v]) => [k.toUpperCase(), v]))
    const placement = String(p['PLACEMENT'] ?? '')
    if (!placement) throw argumentError('PLACEMENT')
    if (placement === 'DEFAULT') throw new RestError(400, 'ERROR_ARGUMENT', 'Wrong value', { argument: 'PLACEMENT' })
    const handler = String(p['HANDLER'] ?? '')
    if (!handler) throw argumentError('HANDLER')
    checkHandler(handler)
    if (p['USER_ID'] !== undefined && placement !== 'PAGE_BACKGROUND_WORKER')
      throw new RestError(400, 'ERROR_PLACEMENT_USER_MODE', 'User mode is not available for this placement')
    const langAll = isRecord(p['LANG_ALL']) ? (p['LANG_ALL'] as Record<string, Record<string, string>>) : {}
    ctx.store.placements.push({
      placement,
      handler,
      title: String(p['TITLE'] ?? ''),
      description: String(p['DESCRIPTION'] ?? ''),
      groupName: String(p['GROUP_NAME'] ?? ''),
      langAll:
        Object.keys(langAll).length > 0
          ? langAll
          : {
              ru: {
                TITLE: String(p['TITLE'] ?? ''),
                DESCRIPTION: String(p['DESCRIPTION'] ?? ''),
                GROUP_NAME: String(p['GROUP_NAME'] ?? ''),
              },
            },
      userId: 0,
    })
    return out(true)
  },
  'placement.unbind': (ctx) => {
    placementGuard(ctx)
    const p = Object.fromEntries(Object.entries(ctx.params).map(([k, v]) => [k.toUpperCase(), v]))
    const placement = String(p['PLACEMENT'] ?? '')
    if (!placement) throw argumentError('PLACEMENT')
    const handler = p['HANDLER'] === undefined ? undefined : String(p['HANDLER'])
    const found = ctx.store.placements.filter(
      (b) => b.placement === placement && (handler === undefined || b.handler === handler),
    )
    ctx.store.placements = ctx.store.placements.filter((b) => !found.includes(b))
    // placement.php counts a found handler and its deletion: one removal reports 2.
    return out({ count: found.length * 2 })
  },
  'placement.get': (ctx) => {
    placementGuard(ctx)
    return out(
      ctx.store.placements.map((b) => ({
        placement: b.placement,
        userId: b.userId,
        handler: b.handler,
        options: [],
        title: b.title,
        description: b.description,
        langAll: b.langAll,
      })),
    )
  },
  'placement.list': (ctx) => {
    if (!ctx.isApp) throw wrongAuthType()
    return out([
      'CRM_DEAL_DETAIL_TAB',
      'CRM_LEAD_DETAIL_TAB',
      'CRM_SMART_INVOICE_DETAIL_TAB',
      'CRM_DEAL_DETAIL_TOOLBAR',
      'CRM_DEAL_LIST_MENU',
      'CRM_SMART_INVOICE_DETAIL_TOOLBAR',
      'REST_APP_URI',
    ])
  },
  'crm.timeline.comment.add': (ctx) => {
    const fields = param(ctx.params, 'fields')
    if (!isRecord(fields)) throw new RestError(400, '100', 'Required parameter "fields" is missing')
    const entityType = String(fields['ENTITY_TYPE'] ?? '').toLowerCase()
    const entityId = toId(fields['ENTITY_ID'])
    const comment = String(fields['COMMENT'] ?? '')
    if (!comment) throw new RestError(400, 'INVALID_ARG_VALUE', 'Comment is empty')
    const entityTypeId = COMMENT_OWNERS[entityType] ?? (entityType === 'dynamic_31' ? 31 : undefined)
    const owners =
      entityTypeId === 2
        ? ctx.store.deals
        : entityTypeId === 1
          ? ctx.store.leads
          : entityTypeId === 31
            ? ctx.store.invoices
            : undefined
    if (!owners || entityId === undefined || !owners.has(entityId))
      throw new RestError(400, 'OWNER_NOT_FOUND', 'Owner not found')
    if (!ctx.user.crmWrite) throw new RestError(400, 'ACCESS_DENIED', 'Access denied.')
    const files = toArray(fields['FILES']).map((f) => {
      const [name, data] = Array.isArray(f) ? f : []
      return { name: String(name ?? ''), size: Buffer.from(String(data ?? ''), 'base64').length }
    })
    const id = nextId(ctx.store, 'comment')
    ctx.store.comments.set(id, {
      id,
      entityType,
      entityId,
      comment,
      authorId: ctx.user.id,
      created: isoDateTime(ctx.now),
      files,
    })
    emitEvent(ctx, 'ONCRMTIMELINECOMMENTADD', { FIELDS: { ID: id } })
    return out(id)
  },
  'crm.timeline.comment.list': (ctx) => {
    const filter = isRecord(param(ctx.params, 'filter')) ? (param(ctx.params, 'filter') as Record<string, unknown>) : {}
    const rows = [...ctx.store.comments.values()].map((c) => ({
      ID: String(c.id),
      ENTITY_TYPE: c.entityType,
      ENTITY_ID: String(c.entityId),
      COMMENT: c.comment,
      AUTHOR_ID: String(c.authorId),
      CREATED: c.created,
      FILES: c.files,
    }))
    const page = listRows(rows, { filter, start: param(ctx.params, 'start') }, 'ID')
    return out(page.rows, page.total, page.next)
  },
  'tasks.task.add': (ctx) => {
    const fields = param(ctx.params, 'fields')
    if (!isRecord(fields)) throw new RestError(400, '100', 'Required parameter "fields" is missing')
    const patch = readTaskFields(fields)
    if (!patch.title) throw new RestError(400, 'ERROR_CORE', 'Task title is not specified<br>')
    if (!patch.responsibleId || !ctx.store.users.has(patch.responsibleId))
      throw new RestError(400, 'ERROR_CORE', 'Responsible person not found<br>')
    const now = isoDateTime(ctx.now)
    const id = nextId(ctx.store, 'task')
    const task: Task = {
      id,
      title: '',
      description: '',
      responsibleId: 0,
      createdBy: ctx.user.id,
      status: 2,
      deadline: null,
      createdDate: now,
      changedDate: now,
      ufCrmTask: [],
      auditors: [],
      accomplices: [],
      taskControl: 'N',
      ...patch,
    }
    ctx.store.tasks.set(id, task)
    emitEvent(ctx, 'ONTASKADD', { FIELDS_AFTER: { ID: id } })
    return out({ task: taskRow(task) })
  },
  'tasks.task.get': (ctx) => {
    const id = toId(param(ctx.params, 'taskId') ?? param(ctx.params, 'id'))
    const task = id === undefined ? undefined : ctx.store.tasks.get(id)
    if (!task) throw new RestError(400, 'ERROR_CORE', 'Task not found or not accessible')
    return out({ task: taskRow(task) })
  },
  'tasks.task.update': (ctx) => {
    const id = toId(param(ctx.params, 'taskId') ?? param(ctx.params, 'id'))
    const task = id === undefined ? undefined : ctx.store.tasks.get(id)
    if (!task) throw new RestError(400, 'ERROR_CORE', 'Task not found or not accessible')
    const fields = param(ctx.params, 'fields')
    if (!isRecord(fields)) throw new RestError(400, '100', 'Required parameter "fields" is missing')
    Object.assign(task, readTaskFields(fields), { changedDate: isoDateTime(ctx.now) })
    emitEvent(ctx, 'ONTASKUPDATE', { FIELDS_AFTER: { ID: task.id } })
    return out({ task: taskRow(task) })
  },
}
