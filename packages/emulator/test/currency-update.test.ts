import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call } from './rest'

describe('crm.currency.update', () => {
  it('sets the rate and the nominal as the portal stores them (decimal 18,4), then crm.currency.list shows them', async () => {
    const portal = createPortal({ faults: { rateLimit: false } })
    const { accessToken } = portal.issueAuth(1)
    const r = await call(
      portal,
      'crm.currency.update',
      { ID: 'USD', fields: { AMOUNT: '95.12345', AMOUNT_CNT: 1 } },
      { token: accessToken },
    )
    expect(r.status).toBe(200)
    expect(r.body['result']).toBe(true)
    const list = await call(portal, 'crm.currency.list', {}, { token: accessToken })
    const usd = (list.body['result'] as Record<string, unknown>[]).find((c) => c['CURRENCY'] === 'USD')
    expect(usd).toMatchObject({ AMOUNT: '95.1235', AMOUNT_CNT: '1' })
  })

  it.each([
    ['a user without the CRM settings right', 2, { ID: 'USD', fields: { AMOUNT: 90 } }, 'Access denied.'],
    ['an unknown currency', 1, { ID: 'XYZ', fields: { AMOUNT: 90 } }, 'Not found'],
    ['a rate that is not positive', 1, { ID: 'USD', fields: { AMOUNT: 0 } }, 'Invalid exchange rate'],
    ['a nominal that is not a whole positive number', 1, { ID: 'USD', fields: { AMOUNT_CNT: 'x' } }, 'Invalid nominal'],
  ])('refuses %s with the empty error code', async (_what, user, params, description) => {
    const portal = createPortal({ faults: { rateLimit: false } })
    const before = { ...portal.store.currencies.get('USD') }
    const r = await call(portal, 'crm.currency.update', params, { token: portal.issueAuth(user).accessToken })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ error: '', error_description: description })
    expect(portal.store.currencies.get('USD')).toEqual(before)
  })
})
