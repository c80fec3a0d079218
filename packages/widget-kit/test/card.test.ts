import { describe, expect, it } from 'vitest'
import { parseCrmCardPlacement, useCardStore } from '../src'

describe('parseCrmCardPlacement', () => {
  it.each([
    ['CRM_DEAL_DETAIL_TAB', { ID: '42' }, { entity: 'deal', id: 42 }],
    ['CRM_SMART_INVOICE_DETAIL_TAB', { ID: 7 }, { entity: 'invoice', id: 7 }],
    ['CRM_LEAD_DETAIL_TOOLBAR', { ID: '3' }, { entity: 'lead', id: 3 }],
  ])('%s %j is that card', (placement, options, expected) => {
    expect(parseCrmCardPlacement(placement, options)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['DEFAULT', { ID: '42' }],
    ['CRM_DEAL_LIST_MENU', { ID: '42' }],
    ['CRM_DEAL_DETAIL_TAB', {}],
    ['CRM_DEAL_DETAIL_TAB', { ID: '0' }],
    ['CRM_DEAL_DETAIL_TAB', { ID: '4.5' }],
    ['CRM_DEAL_DETAIL_TAB', { ID: 'abc' }],
  ])('%s %j is not a card: one typed error naming the placement', (placement, options) => {
    expect(parseCrmCardPlacement(placement, options)).toEqual({ ok: false, error: { code: 'NOT_IN_CARD', placement } })
  })
})

describe('useCardStore', () => {
  it('goes loading -> error with the code, then ready on retry, calling the loader once per load', async () => {
    const answers = [
      { ok: false as const, error: { code: 'NETWORK' } },
      { ok: true as const, value: { id: 1 } },
    ]
    let calls = 0
    const card = useCardStore(async () => answers[calls++]!)
    expect(card.status.value).toBe('idle')
    const first = card.load()
    expect(card.status.value).toBe('loading')
    await first
    expect([card.status.value, card.error.value?.code, card.data.value]).toEqual(['error', 'NETWORK', null])
    await card.retry()
    expect([card.status.value, card.error.value, card.data.value]).toEqual(['ready', null, { id: 1 }])
    expect(calls).toBe(2)
  })
})
