/**
 * salesflow's roles (the demo company's users map onto them by configuration, in packages/portal).
 * `system` is the worker acting on events (a due date passing, a bank statement arriving), never a person.
 */
export type Role = 'admin' | 'manager' | 'accountant' | 'technician' | 'viewer'
export type Actor = Role | 'system'

export const ROLES: readonly Role[] = ['admin', 'manager', 'accountant', 'technician', 'viewer']
