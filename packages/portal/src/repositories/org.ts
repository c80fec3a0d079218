import type { Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import type { Department, TaskDraft, User } from '../domain'
import type { PortalError } from '../errors'
import { mapDepartment, mapTask, mapUser } from '../mappers/org'
import { fetchList, fetchOne, idOf } from './fetch'

export function createUserRepository(client: PortalClient) {
  return {
    current: (): Promise<Result<User, PortalError>> => fetchOne(client, 'user.current', {}, mapUser),
    byIds: (ids: readonly number[]) =>
      fetchList(client, 'user.get', { FILTER: { ID: [...ids] } }, mapUser, undefined, 'user'),
    /** Active employees of a department. */
    ofDepartment: (departmentId: number) =>
      fetchList(
        client,
        'user.get',
        { FILTER: { UF_DEPARTMENT: departmentId, ACTIVE: true } },
        mapUser,
        undefined,
        'user',
      ),
  }
}

export function createDepartmentRepository(client: PortalClient) {
  return {
    all: (): Promise<Result<Department[], PortalError>> =>
      fetchList(client, 'department.get', { sort: 'ID', order: 'ASC' }, mapDepartment, undefined, 'department'),
    get: (id: number) => fetchList(client, 'department.get', { ID: id }, mapDepartment, undefined, 'department'),
  }
}

export function createTaskRepository(client: PortalClient) {
  return {
    /** The CRM bindings (UF_CRM_TASK) come only when selected. */
    get: (id: number) =>
      fetchOne(
        client,
        'tasks.task.get',
        { taskId: id, select: ['ID', 'TITLE', 'STATUS', 'RESPONSIBLE_ID', 'CREATED_BY', 'DEADLINE', 'UF_CRM_TASK'] },
        mapTask,
        'task',
      ),
    /** tasks.task.add; a create, so never retried blindly. Returns the new task id. */
    async create(draft: TaskDraft): Promise<Result<number, PortalError>> {
      const res = await client.call('tasks.task.add', {
        fields: {
          TITLE: draft.title,
          DESCRIPTION: draft.description,
          RESPONSIBLE_ID: draft.responsibleId,
          CREATED_BY: draft.createdBy,
          DEADLINE: draft.deadline,
          UF_CRM_TASK: draft.crm ? [...draft.crm] : undefined,
          AUDITORS: draft.auditors ? [...draft.auditors] : undefined,
          TASK_CONTROL: draft.taskControl === undefined ? undefined : draft.taskControl ? 'Y' : 'N',
        },
      })
      return res.ok ? idOf(res.value.result, 'tasks.task.add', 'task', 'id') : res
    },
  }
}
