import { describe, expect, it } from 'vitest'
import { DEFAULT_DELIVERY_TABLE, DEFAULT_FUNNEL_CONFIG, DEMO_ROLE_CONFIG } from '@salesflow/rules'
import { readSettings } from '../src/settings'

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

describe('readSettings: policy as data', () => {
  it('uses the default field codes and offer terms, and no delivery product, when nothing is configured', () => {
    const s = readSettings({})
    expect(s.fields.paymentTerms).toBe('UF_CRM_SF_PAY_TERMS')
    expect(s.offer.validDays).toBe(14)
    expect(s.deliveryRow.productId).toBeNull()
  })

  it('overrides the defaults key by key from salesflow.policy', () => {
    const s = readSettings({
      'salesflow.policy': JSON.stringify({ fields: { urgency: 'UF_CRM_77' }, deliveryRow: { productId: 901 } }),
    })
    expect(s.fields.urgency).toBe('UF_CRM_77')
    expect(s.fields.deliveryZone).toBe('UF_CRM_SF_DLV_ZONE')
    expect(s.deliveryRow).toMatchObject({ productId: 901, xmlId: 'SF-DELIVERY', name: { ru: 'Доставка' } })
    expect(s.problems).toEqual([])
  })

  it.each([
    [{ deliveryRow: { productId: 'Доставка' } }, /productId/],
    [{ offer: { validDays: 0 } }, /validDays/],
    [{ offer: { warranty: 'a year' } }, /warranty/],
    [{ fields: { urgency: '' } }, /fields/],
    ['not json', /needs/],
  ])('an unusable policy %j is reported and the defaults apply', (value, problem) => {
    const s = readSettings({ 'salesflow.policy': value })
    expect(s.problems).toEqual([
      { code: 'SETTING_INVALID', option: 'salesflow.policy', problem: expect.stringMatching(problem) },
    ])
    expect(s.deliveryRow.productId).toBeNull()
    expect(s.offer.validDays).toBe(14)
  })
})
