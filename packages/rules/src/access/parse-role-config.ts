import { err, ok, type Result } from '../result'
import type { ProcessError } from '../sales-errors'
import { ROLES, type Role } from './roles'
import type { RoleConfig } from './resolve-role'

const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v)

function roleMap(value: unknown, path: string): Result<Record<string, Role> | undefined, ProcessError> {
  if (value === undefined || value === null) return ok(undefined)
  if (typeof value !== 'object' || Array.isArray(value)) {
    return err({ code: 'CONFIG_INVALID', path, problem: 'must be an object of id → role' })
  }
  for (const [id, role] of Object.entries(value)) {
    if (!/^\d+$/.test(id)) return err({ code: 'CONFIG_INVALID', path: `${path}.${id}`, problem: 'not a numeric id' })
    if (!isRole(role))
      return err({ code: 'CONFIG_INVALID', path: `${path}.${id}`, problem: `unknown role ${String(role)}` })
  }
  return ok(value as Record<string, Role>)
}

/**
 * Reads the role configuration an administrator stored (app option `salesflow.roles`, an object or its JSON)
 * and checks every id and role, so a typo is reported by path instead of silently making someone a viewer.
 */
export function parseRoleConfig(value: unknown): Result<RoleConfig, ProcessError> {
  let raw = value
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw)
    } catch {
      return err({ code: 'CONFIG_INVALID', path: 'salesflow.roles', problem: 'not valid JSON' })
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return err({ code: 'CONFIG_INVALID', path: 'salesflow.roles', problem: 'must be an object' })
  }
  const r = raw as Record<string, unknown>
  const users = roleMap(r['users'], 'salesflow.roles.users')
  if (!users.ok) return users
  const departments = roleMap(r['departments'], 'salesflow.roles.departments')
  if (!departments.ok) return departments
  if (r['fallback'] !== undefined && !isRole(r['fallback'])) {
    return err({
      code: 'CONFIG_INVALID',
      path: 'salesflow.roles.fallback',
      problem: `unknown role ${String(r['fallback'])}`,
    })
  }
  return ok({
    ...(users.value ? { users: users.value } : {}),
    ...(departments.value ? { departments: departments.value } : {}),
    ...(r['fallback'] !== undefined ? { fallback: r['fallback'] as Role } : {}),
  })
}
