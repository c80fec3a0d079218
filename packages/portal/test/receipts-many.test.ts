import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRepositories, type ReceiptWrite } from '../src'
import { appClient, roundTrips, startPortal } from './support/harness'

const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const sent = () => [...portal.store.invoices.values()].filter((i) => i.stageId === 'DT31_2:S')
const rowsOf = (invoiceId: number) =>
  [...portal.store.productRows.values()].filter((r) => r.ownerType === 'SI' && r.ownerId === invoiceId)
const paymentsOf = (invoiceId: number) =>
  [...portal.store.payments.values()].filter((p) => p.entityTypeId === 31 && p.entityId === invoiceId)

/** A full payment of the invoice's first row, with an audit line carrying the payment's id. */
const write = (invoiceId: number, rowId = rowsOf(invoiceId)[0]!.id): ReceiptWrite => ({
  invoiceId,
  lines: [{ rowId, quantity: '1' }],
  comment: `test payment {payment} of ${invoiceId}`,
})

describe('receipts.recordMany', () => {
  it('packs many receipts into shared batches of at most 50 commands, one result per receipt in order', async () => {
    const { client } = await appClient(portal, 3)
    const repos = createRepositories(client)
    const invoices = sent()
    // 5 commands each (payment, product, pay, comment, the look back at the newest comments): 10 receipts fit in
    // a batch of 50, so 30 receipts take 3 batches.
    const writes = Array.from({ length: 30 }, (_, k) => ({
      ...write(invoices[k % invoices.length]!.id),
      lookBackAfter: 0,
    }))
    const before = portal.store.payments.size
    portal.log.length = 0
    const results = await repos.receipts.recordMany(writes)
    expect(roundTrips(portal)).toBe(3)
    expect(portal.log.filter((l) => l.transport === 'batch')).toHaveLength(150)
    expect(results.every((r) => r.ok)).toBe(true)
    expect(portal.store.payments.size).toBe(before + 30)
    const first = results[0]!
    if (!first.ok) throw new Error(first.error.code)
    const payment = portal.store.payments.get(first.value.paymentId)!
    expect(payment.paid).toBe('Y')
    expect(
      [...portal.store.comments.values()].some(
        (c) => c.comment === `test payment ${payment.id} of ${payment.entityId}`,
      ),
    ).toBe(true)
  })

  it('a receipt that fails is undone and reported; those before it stay, those after it go in the next batch', async () => {
    const { client } = await appClient(portal, 3)
    const repos = createRepositories(client)
    const [a, b, c] = sent()
    const before = [a!, b!, c!].map((i) => paymentsOf(i.id).length)
    const results = await repos.receipts.recordMany([write(a!.id), write(b!.id, 999_999), write(c!.id)])
    expect(results.map((r) => r.ok)).toEqual([true, false, true])
    // The failing receipt's payment was added, then its product failed: the payment is deleted again.
    expect([a!, b!, c!].map((i) => paymentsOf(i.id).length)).toEqual([before[0]! + 1, before[1]!, before[2]! + 1])
  })
})
