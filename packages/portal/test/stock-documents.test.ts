import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRepositories } from '../src'
import { startPortal, webhookClient } from './support/harness'

// The stock document repository against the emulated demo portal (catalog.document.*).
const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const repos = () => createRepositories(webhookClient(portal))
const header = { currency: 'RUB', responsibleId: 1, title: 'salesflow: master data' }
const held = (productId: number, storeId: number) =>
  [...portal.store.storeProducts.values()].find((s) => s.productId === productId && s.storeId === storeId)?.amount

describe('stockDocuments', () => {
  it('writes a draft with its lines, conducts it, cancels it; a conducted one is not deleted', async () => {
    const r = repos().stockDocuments
    const before = held(101, 1)!
    const id = await r.addDraft('S', header, [{ productId: 101, storeId: 1, amount: '3' }])
    if (!id.ok) throw new Error(JSON.stringify(id.error))
    expect(held(101, 1)).toBe(before)
    expect(await r.conduct(id.value)).toMatchObject({ ok: true })
    expect(held(101, 1)).toBe(before + 3)
    expect(await r.delete(id.value)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await r.cancel(id.value)).toMatchObject({ ok: true })
    expect(held(101, 1)).toBe(before)
    expect(await r.delete(id.value)).toMatchObject({ ok: true })
    expect(portal.store.storeDocuments.size).toBe(0)
  })

  it('a line the portal refuses takes the draft away (no half-filled draft stays)', async () => {
    const r = repos().stockDocuments
    const res = await r.addDraft('D', header, [
      { productId: 101, storeId: 1, amount: '1' },
      { productId: 999_999, storeId: 1, amount: '1' },
    ])
    expect(res.ok).toBe(false)
    expect(portal.store.storeDocuments.size).toBe(0)
    expect(portal.store.storeDocumentElements.size).toBe(0)
  })

  it('a deduct beyond the stock is refused by the portal on conduct and moves nothing', async () => {
    const r = repos().stockDocuments
    const before = held(102, 2)!
    const id = await r.addDraft('D', header, [{ productId: 102, storeId: 2, amount: String(before + 1) }])
    if (!id.ok) throw new Error('draft')
    expect(await r.conduct(id.value)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(held(102, 2)).toBe(before)
    expect(await r.delete(id.value)).toMatchObject({ ok: true })
  })
})
