import type { MethodTable } from '../core/context'
import { out } from '../core/context'
import { isRecord, param } from '../core/params'
import { listRows } from '../query/list'
import type { User } from '../store/store'

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

export const userMethods: MethodTable = {
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
}
