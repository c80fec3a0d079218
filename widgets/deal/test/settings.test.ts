import { describe, expect, it } from 'vitest'
import { DEFAULT_DELIVERY_TABLE, DEFAULT_FUNNEL_CONFIG, DEMO_ROLE_CONFIG } from '@salesflow/rules'
import { readSettings } from '../src/stores/settings'

describe('readSettings', () => {
  it('falls back to the defaults when nothing is configured, and says nothing', () => {
    const s = readSettings({})
    expect(s).toMatchObject({
      roles: DEMO_ROLE_CONFIG,
      funnels: DEFAULT_FUNNEL_CONFIG,
      delivery: DEFAULT_DELIVERY_TABLE,
    })
    expect(s.company).toBeNull()
    expect(s.problems).toEqual([])
  })

  it('reads options stored as JSON strings', () => {
    const s = readSettings({ 'salesflow.roles': JSON.stringify({ users: { '7': 'accountant' } }) })
    expect(s.roles).toEqual({ users: { '7': 'accountant' } })
  })

  it.each([
    ['salesflow.roles', { users: { '7': 'boss' } }, /users\.7/],
    ['salesflow.funnels', { funnels: 'all of them' }, /funnels and transitions/],
    [
      'salesflow.funnels',
      { ...DEFAULT_FUNNEL_CONFIG, transitions: [{ from: ['NOPE'], to: 'WON', roles: [] }] },
      /NOPE/,
    ],
    ['salesflow.delivery', { tiers: [] }, /currency/],
    ['salesflow.company', { name: 'ООО «Ромашка»' }, /inn/],
  ])('an invalid %s is reported and the default applies', (option, value, problem) => {
    const s = readSettings({ [option]: value })
    expect(s.problems).toEqual([{ code: 'SETTING_INVALID', option, problem: expect.stringMatching(problem) }])
    expect(s.roles).toBe(DEMO_ROLE_CONFIG)
    expect(s.funnels).toBe(DEFAULT_FUNNEL_CONFIG)
  })
})
