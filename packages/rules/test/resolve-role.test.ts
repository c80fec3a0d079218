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

  it('a per-user setting beats the department', () => {
    expect(
      resolveRole({ id: 2, isAdmin: false, departmentIds: [2] }, { ...DEMO_ROLE_CONFIG, users: { '2': 'viewer' } }),
    ).toBe('viewer')
  })
})
