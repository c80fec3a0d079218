import type { Role } from './roles'

/**
 * Who is who in salesflow, as the administrator configures it (app option `salesflow.roles`): by user id
 * first, then by department, then the default. A portal administrator is always `admin`.
 */
export interface RoleConfig {
  readonly users?: Readonly<Record<string, Role>>
  readonly departments?: Readonly<Record<string, Role>>
  readonly fallback?: Role
}

export interface RoleSubject {
  readonly id: number
  readonly isAdmin: boolean | null
  readonly departmentIds: readonly number[]
}

/** The demo company's mapping: sales → manager, finance → accountant, technical → technician. */
export const DEMO_ROLE_CONFIG: RoleConfig = {
  departments: { '2': 'manager', '3': 'accountant', '4': 'technician' },
  fallback: 'viewer',
}

/** A user's role; when several departments map to roles, the most capable one wins (admin > … > viewer). */
export function resolveRole(user: RoleSubject, config: RoleConfig = DEMO_ROLE_CONFIG): Role {
  if (user.isAdmin) return 'admin'
  const byUser = config.users?.[String(user.id)]
  if (byUser) return byUser
  const ranked: readonly Role[] = ['admin', 'manager', 'accountant', 'technician', 'viewer']
  const fromDepartments = user.departmentIds
    .map((d) => config.departments?.[String(d)])
    .filter((r): r is Role => r !== undefined)
    .sort((a, b) => ranked.indexOf(a) - ranked.indexOf(b))
  return fromDepartments[0] ?? config.fallback ?? 'viewer'
}
