import { ROLES, type Role } from './roles'
import { isOneOf, isRecord, own } from '../input'

/**
 * Who is who in salesflow, as the administrator configures it (app option `salesflow.roles`): by user id
 * first, then by department, then the default. A portal administrator is `admin` unless the settings name them.
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

/**
 * A user's role: the settings' entry for this user; else `admin` for a portal administrator (user.admin); else
 * the most capable role of their departments (admin > … > viewer); else the fallback.
 */
export function resolveRole(user: RoleSubject, config: RoleConfig = DEMO_ROLE_CONFIG): Role {
  // Unreadable input gives the least privilege; a key like 'constructor' never reaches Object.prototype.
  if (!isRecord(user)) return 'viewer'
  const roleAt = (table: unknown, key: unknown): Role | undefined => {
    const r = typeof key === 'number' || typeof key === 'string' ? own(table, String(key)) : undefined
    return isOneOf(r, ROLES) ? r : undefined
  }
  const byUser = roleAt(own(config, 'users'), own(user, 'id'))
  if (byUser) return byUser
  if (own(user, 'isAdmin') === true) return 'admin'
  const ranked: readonly Role[] = ['admin', 'manager', 'accountant', 'technician', 'viewer']
  const departmentIds: unknown = own(user, 'departmentIds')
  const fromDepartments = (Array.isArray(departmentIds) ? departmentIds : [])
    .map((d) => roleAt(own(config, 'departments'), d))
    .filter((r): r is Role => r !== undefined)
    .sort((a, b) => ranked.indexOf(a) - ranked.indexOf(b))
  const fallback = own(config, 'fallback')
  return fromDepartments[0] ?? (isOneOf(fallback, ROLES) ? fallback : 'viewer')
}
