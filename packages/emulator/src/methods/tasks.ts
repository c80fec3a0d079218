import type { MethodTable } from '../core/context'
import { out } from '../core/context'
import { isoDateTime } from '../core/dates'
import { isRecord, param, toArray, toId, toInt } from '../core/params'
import { RestError } from '../http/rest-error'
import { listRows } from '../query/list'
import type { CallContext } from '../core/context'
import type { Task } from '../store/store'
import { nextId } from '../store/store'
import { emitEvent } from './events'

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

const notFound = () => new RestError(400, 'ERROR_CORE', 'Task not found or not accessible')

/** The task a call names (`taskId`, `id`, or the legacy `TASKID`: names are case-insensitive). */
function taskOf(ctx: CallContext): Task {
  const raw = param(ctx.params, 'taskId') ?? param(ctx.params, 'id')
  const id = toId(raw)
  const task = id === undefined ? undefined : ctx.store.tasks.get(id)
  if (!task) throw notFound()
  return task
}

/** Upper-case row of the legacy task.checklistitem.* methods (string values, as the portal sends them). */
function checklistRow(taskId: number, c: NonNullable<Task['checklist']>[number]): Record<string, unknown> {
  return {
    ID: String(c.id),
    TASK_ID: String(taskId),
    CREATED_BY: String(c.createdBy),
    TITLE: c.title,
    SORT_INDEX: String(c.sortIndex),
    IS_COMPLETE: c.isComplete,
  }
}

export const taskMethods: MethodTable = {
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
  /** Completes the task (status 5): only its responsible person, creator or an administrator may. */
  'tasks.task.complete': (ctx) => {
    const task = taskOf(ctx)
    if (![task.responsibleId, task.createdBy].includes(ctx.user.id) && !ctx.user.isAdmin)
      throw new RestError(400, 'ERROR_CORE', 'Action not allowed<br>')
    Object.assign(task, { status: 5, changedDate: isoDateTime(ctx.now) })
    emitEvent(ctx, 'ONTASKUPDATE', { FIELDS_AFTER: { ID: task.id } })
    return out({ task: taskRow(task) })
  },
  'tasks.task.delete': (ctx) => {
    const task = taskOf(ctx)
    ctx.store.tasks.delete(task.id)
    emitEvent(ctx, 'ONTASKDELETE', { FIELDS_BEFORE: { ID: task.id } })
    return out({ task: true })
  },
  /** camelCase filter and order keys (`UF_CRM_TASK`, `RESPONSIBLE_ID`, `STATUS` as the portal also takes them). */
  'tasks.task.list': (ctx) => {
    const rows = [...ctx.store.tasks.values()].map(taskRow)
    const filter = param(ctx.params, 'filter')
    // The portal names filter fields in upper case; a multiple field (UF_CRM_TASK) matches when any value does.
    const upper = (r: Record<string, unknown>) => ({
      ...r,
      ID: Number(r['id']),
      STATUS: Number(r['status']),
      RESPONSIBLE_ID: Number(r['responsibleId']),
      CREATED_BY: Number(r['createdBy']),
    })
    const crm = isRecord(filter) ? filter['UF_CRM_TASK'] : undefined
    const rest = isRecord(filter) ? Object.fromEntries(Object.entries(filter).filter(([k]) => k !== 'UF_CRM_TASK')) : {}
    const wanted = toArray(crm).map(String)
    const matching = rows
      .map(upper)
      .filter(
        (r) =>
          wanted.length === 0 ||
          ((r as Record<string, unknown>)['ufCrmTask'] as string[]).some((b) => wanted.includes(b)),
      )
    const page = listRows(
      matching,
      { filter: rest, order: param(ctx.params, 'order'), start: param(ctx.params, 'start') },
      'ID',
    )
    const tasks = page.rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !/^[A-Z_]+$/.test(k))))
    return out({ tasks }, page.total, page.next)
  },
  'task.checklistitem.add': (ctx) => {
    const task = taskOf(ctx)
    const fields = param(ctx.params, 'fields')
    if (!isRecord(fields)) throw new RestError(400, 'ERROR_CORE', 'Wrong arguments')
    const up = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toUpperCase(), v]))
    const title = String(up['TITLE'] ?? '').trim()
    if (title === '') throw new RestError(400, 'ERROR_CORE', 'Checklist item title is not specified')
    const list = (task.checklist ??= [])
    const item = {
      id: nextId(ctx.store, 'checklistItem'),
      title,
      isComplete: up['IS_COMPLETE'] === 'Y' ? ('Y' as const) : ('N' as const),
      sortIndex: toInt(up['SORT_INDEX']) ?? list.length,
      createdBy: ctx.user.id,
    }
    list.push(item)
    list.sort((a, b) => a.sortIndex - b.sortIndex || a.id - b.id)
    return out(item.id)
  },
  'task.checklistitem.getlist': (ctx) => {
    const task = taskOf(ctx)
    return out((task.checklist ?? []).map((c) => checklistRow(task.id, c)))
  },
}
