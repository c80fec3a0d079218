import * as v from 'valibot'
import { flag, id, int, optionalDate, optionalId, optionalText, text } from './common'

/** Wire schemas of user.*, department.*, tasks.task.* (b24-platform.md 4.9, 4.10). */

export const UserWire = v.looseObject({
  ID: id,
  ACTIVE: v.nullish(flag, true),
  NAME: optionalText,
  LAST_NAME: optionalText,
  EMAIL: optionalText,
  WORK_POSITION: optionalText,
  UF_DEPARTMENT: v.nullish(v.union([v.array(id), id], 'expected a list of department ids'), []),
  ADMIN: v.nullish(v.boolean()),
  IS_ADMIN: v.nullish(v.union([v.boolean(), v.picklist(['Y', 'N'])])),
})

export const DepartmentWire = v.looseObject({
  ID: id,
  NAME: text,
  SORT: v.nullish(int, 500),
  PARENT: optionalId,
  UF_HEAD: optionalId,
})

/** tasks.task.* answers with camelCase keys and string values. */
export const TaskWire = v.looseObject({
  id: id,
  title: text,
  status: v.nullish(v.union([v.string(), v.number()]), ''),
  responsibleId: optionalId,
  createdBy: optionalId,
  deadline: optionalDate,
  /** CRM bindings (`D_12`, `L_3`…); the portal sends `ufCrmTask` as an array, false or nothing when unbound. */
  ufCrmTask: v.nullish(v.union([v.array(v.string()), v.boolean(), v.string()])),
})
