import type { Department, Task, User } from '../domain'
import { mapWith } from './map-with'
import { DepartmentWire, TaskWire, UserWire } from '../wire/org'

export const mapUser = mapWith(
  UserWire,
  (u): User => {
    const fullName = [u.NAME, u.LAST_NAME].filter((x) => x !== '').join(' ')
    const admin =
      u.ADMIN ?? (u.IS_ADMIN === undefined || u.IS_ADMIN === null ? null : u.IS_ADMIN === true || u.IS_ADMIN === 'Y')
    return {
      id: u.ID,
      name: u.NAME,
      lastName: u.LAST_NAME,
      fullName: fullName || u.EMAIL,
      email: u.EMAIL,
      active: u.ACTIVE,
      position: u.WORK_POSITION,
      departmentIds: Array.isArray(u.UF_DEPARTMENT) ? u.UF_DEPARTMENT : [u.UF_DEPARTMENT],
      isAdmin: admin,
    }
  },
  'user',
)

export const mapDepartment = mapWith(
  DepartmentWire,
  (d): Department => ({ id: d.ID, name: d.NAME, sort: d.SORT, parentId: d.PARENT ?? null, headId: d.UF_HEAD ?? null }),
  'department',
)

export const mapTask = mapWith(
  TaskWire,
  (t): Task => ({
    id: t.id,
    title: t.title,
    status: String(t.status),
    responsibleId: t.responsibleId ?? null,
    createdBy: t.createdBy ?? null,
    deadline: t.deadline ?? null,
    crm: Array.isArray(t.ufCrmTask) ? t.ufCrmTask : typeof t.ufCrmTask === 'string' && t.ufCrmTask ? [t.ufCrmTask] : [],
  }),
  'task',
)
