import { describe, expect, it } from 'vitest'
import { DEMO_ROLE_CONFIG, resolveRole } from '../src/access/resolve-role'

describe('resolveRole', () => {
  it.each([
    ['a portal admin', { id: 1, isAdmin: true, departmentIds: [2] }, 'admin'],
    ['a sales manager', { id: 2, isAdmin: false, departmentIds: [2] }, 'manager'],
    ['an accountant', { id: 3, isAdmin: false, departmentIds: [3] }, 'accountant'],
    ['a technician', { id: 4, isAdmin: null, departmentIds: [4] }, 'technician'],
    ['someone in no mapped department', { id: 5, isAdmin: false, departmentIds: [1] }, 'viewer'],
    [
      'someone in sales and finance (the more capable role)',
      { id: 6, isAdmin: false, departmentIds: [3, 2] },
      'manager',
    ],
  ] as const)('%s', (_who, user, role) => {
    expect(resolveRole(user, DEMO_ROLE_CONFIG)).toBe(role)
  })

  it('a portal administrator is admin whatever their department, unless the settings name them', () => {
    const admin = { id: 1, isAdmin: true, departmentIds: [1] }
    const demo = { users: { '5': 'viewer' }, departments: { '2': 'manager' }, fallback: 'viewer' } as const
    expect(resolveRole(admin, demo)).toBe('admin')
    expect(resolveRole(admin, { ...demo, users: { '1': 'accountant' } })).toBe('accountant')
    expect(resolveRole({ ...admin, isAdmin: null }, demo)).toBe('viewer')
  })

  it('a per-user setting beats the department', () => {
    expect(
      resolveRole({ id: 2, isAdmin: false, departmentIds: [2] }, { ...DEMO_ROLE_CONFIG, users: { '2': 'viewer' } }),
    ).toBe('viewer')
  })
})

describe('parseRoleConfig', () => {
  it('accepts the stored object or its JSON', async () => {
    const { parseRoleConfig } = await import('../src')
    const config = { users: { '5': 'viewer' }, departments: { '2': 'manager' }, fallback: 'viewer' }
    expect(parseRoleConfig(config)).toEqual({ ok: true, value: config })
    expect(parseRoleConfig(JSON.stringify(config))).toEqual({ ok: true, value: config })
  })

  it.each([
    ['{not json', 'salesflow.roles'],
    [[1, 2], 'salesflow.roles'],
    [{ users: { '5': 'boss' } }, 'salesflow.roles.users.5'],
    [{ departments: { sales: 'manager' } }, 'salesflow.roles.departments.sales'],
    [{ fallback: 'nobody' }, 'salesflow.roles.fallback'],
  ])('reports %j at %s', async (value, path) => {
    const { parseRoleConfig } = await import('../src')
    const r = parseRoleConfig(value)
    expect(!r.ok && r.error).toMatchObject({ code: 'CONFIG_INVALID', path })
  })
})
