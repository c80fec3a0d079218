import type { MethodTable } from '../core/context'
import { out } from '../core/context'
import { isoDateTime } from '../core/dates'
import { isRecord, param, toArray, toId, toInt } from '../core/params'
import { RestError } from '../http/rest-error'
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
}
