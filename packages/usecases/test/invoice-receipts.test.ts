import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRepositories } from '@salesflow/portal'
import {
  applyReceipt,
  invoiceActions,
  openInvoice,
  previewReceipt,
  receiptsOf,
  transitionInvoice,
  undoReceipt,
  type OpenedInvoice,
  type PortalGateway,
} from '../src'
import { appClient, roundTrips, startPortal } from '../../portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
afterEach(() => {
  portal.setFaults({ forceStatus500: null })
  portal.reset()
})
afterAll(() => env.stop())

const TODAY = '2026-11-20'
const MANAGER = 2
const ACCOUNTANT = 3

const gateway = async (userId: number): Promise<PortalGateway> => {
  const { client } = await appClient(portal, userId)
  return { client, repositories: createRepositories(client) }
}

/** A demo invoice at `stageId` (sent: DT31_2:S, nothing paid yet) opened by `userId`. */
async function open(userId: number, stageId = 'DT31_2:S', today = TODAY): Promise<OpenedInvoice> {
  const inv = [...portal.store.invoices.values()].find((i) => i.stageId === stageId)!
  const o = await openInvoice(await gateway(userId), { invoiceId: inv.id, today })
  if (!o.ok) throw new Error(o.error.code)
  return o.value
}

const storedPayments = (invoiceId: number) =>
  [...portal.store.payments.values()].filter((p) => p.entityTypeId === 31 && p.entityId === invoiceId)
const storedProducts = (paymentId: number) =>
  [...portal.store.paymentProducts.values()].filter((p) => p.paymentId === paymentId)

describe('openInvoice', () => {
  it('opens in one round trip with positions, paid and outstanding from the portal’s own payment products', async () => {
    const inv = [...portal.store.invoices.values()].find((i) => i.stageId === 'DT31_2:UC_PARTIAL')!
    const g = await gateway(ACCOUNTANT)
    portal.log.length = 0
    const o = await openInvoice(g, { invoiceId: inv.id, today: TODAY })
    expect(roundTrips(portal)).toBe(1)
    if (!o.ok) throw new Error(o.error.code)
    expect(o.value.status).toBe('partiallyPaid')
    expect(o.value.role).toBe('accountant')
    const paidSum = storedPayments(inv.id)
      .filter((p) => p.paid === 'Y')
      .reduce((s, p) => s + Number(p.sum), 0)
    expect(Number(o.value.paid)).toBeCloseTo(paidSum, 2)
    expect(Number(o.value.outstanding)).toBeCloseTo(Number(inv.opportunity) - paidSum, 2)
    expect(o.value.positions[0]!.outstanding).toBe('0.00')
    expect(o.value.card.company?.id).toBe(inv.companyId)
    expect(o.value.card.companyInvoices.some((i) => i.id === inv.id)).toBe(true)
  })
})

describe('transitionInvoice', () => {
  it('a manager may not mark a sent invoice paid: refused with the reason, also when called directly', async () => {
    const o = await open(MANAGER)
    expect(invoiceActions(o).find((a) => a.event === 'MARK_PAID')?.refusal?.code).toBe('ROLE_NOT_ALLOWED')
    const r = await transitionInvoice(await gateway(MANAGER), { opened: o, event: 'MARK_PAID', lang: 'ru' })
    expect(r).toMatchObject({ ok: false, error: { code: 'ROLE_NOT_ALLOWED' } })
    expect(portal.store.invoices.get(o.card.invoice.id)!.stageId).toBe('DT31_2:S')
  })

  it('a manager sends a draft: stage written and a comment naming who', async () => {
    const o = await open(MANAGER, 'DT31_2:N')
    const r = await transitionInvoice(await gateway(MANAGER), { opened: o, event: 'SEND', lang: 'ru' })
    expect(r).toMatchObject({ ok: true, value: { status: 'sent', stageId: 'DT31_2:S' } })
    expect(portal.store.invoices.get(o.card.invoice.id)!.stageId).toBe('DT31_2:S')
    const comment = [...portal.store.comments.values()].at(-1)!
    expect(comment).toMatchObject({ entityType: 'dynamic_31', entityId: o.card.invoice.id })
    expect(comment.comment).toContain(o.card.currentUser.fullName)
  })

  it('cancel needs a reason', async () => {
    const o = await open(MANAGER, 'DT31_2:N')
    const r = await transitionInvoice(await gateway(MANAGER), { opened: o, event: 'CANCEL', lang: 'en' })
    expect(r).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } })
  })
})

describe('receipts', () => {
  it('refuses bad input with typed codes', async () => {
    const o = await open(ACCOUNTANT)
    const base = { amount: '100', currency: o.card.invoice.currency, date: TODAY }
    const code = (r: ReturnType<typeof previewReceipt>) => (r.ok ? 'ok' : r.error.code)
    expect(code(previewReceipt(o, { ...base, amount: '0' }))).toBe('RECEIPT_AMOUNT_NOT_POSITIVE')
    expect(code(previewReceipt(o, { ...base, amount: '-5' }))).toBe('RECEIPT_AMOUNT_NOT_POSITIVE')
    expect(code(previewReceipt(o, { ...base, amount: 'abc' }))).toBe('RECEIPT_AMOUNT_INVALID')
    expect(code(previewReceipt(o, { ...base, currency: 'XYZ' }))).toBe('UNKNOWN_CURRENCY')
    expect(code(previewReceipt(o, { ...base, date: '2020-01-01' }))).toBe('PAYMENT_BEFORE_INVOICE')
    expect(code(previewReceipt({ ...o, card: { ...o.card, productRows: [] } }, base))).toBe('INVOICE_NO_ROWS')
    const manager = await open(MANAGER)
    expect(code(previewReceipt(manager, base))).toBe('ROLE_NOT_ALLOWED')
  })

  it('partial receipt: ≤ 2 round trips, payment + products agree with the preview; partly paid; rest → paid', async () => {
    // Before the due date: a partial payment makes the invoice partly paid (after it, it stays overdue).
    const sent = [...portal.store.invoices.values()].find((i) => i.stageId === 'DT31_2:S')!
    const today = String(sent.closedate).slice(0, 10)
    const o = await open(ACCOUNTANT, 'DT31_2:S', today)
    expect(o.status).toBe('sent')
    const half = (Number(o.outstanding) / 2).toFixed(2)
    const receipt = { amount: half, currency: o.card.invoice.currency, date: today, documentNumber: '17' }
    const preview = previewReceipt(o, receipt)
    if (!preview.ok) throw new Error(preview.error.code)
    expect(preview.value.statusAfter).toBe('partiallyPaid')
    const g = await gateway(ACCOUNTANT)
    portal.log.length = 0
    const r = await applyReceipt(g, {
      invoiceId: o.card.invoice.id,
      receipt,
      today,
      lang: 'ru',
      revision: preview.value.revision,
    })
    expect(roundTrips(portal)).toBe(2)
    if (!r.ok) throw new Error(r.error.code)
    const stored = portal.store.payments.get(r.value.paymentId)!
    expect(stored.paid).toBe('Y')
    expect(stored.sum).toBe(preview.value.recorded)
    expect(storedProducts(stored.id)).toHaveLength(preview.value.lines.length)
    expect(portal.store.invoices.get(o.card.invoice.id)!.stageId).toBe('DT31_2:UC_PARTIAL')

    const again = await open(ACCOUNTANT, 'DT31_2:UC_PARTIAL', today)
    expect(again.card.invoice.id).toBe(o.card.invoice.id)
    expect(again.positions.map((p) => p.outstanding)).toEqual(preview.value.positionsAfter.map((p) => p.outstanding))
    const rest = await applyReceipt(g, {
      invoiceId: o.card.invoice.id,
      receipt: { amount: again.outstanding, currency: o.card.invoice.currency, date: today },
      today,
      lang: 'ru',
    })
    expect(rest).toMatchObject({ ok: true, value: { status: 'paid', stageId: 'DT31_2:P' } })
    const paid = await openInvoice(g, { invoiceId: o.card.invoice.id, today })
    expect(paid.ok && paid.value.outstanding).toBe('0.00')
  })

  it('over-payment needs confirmation, then becomes a credit on the company timeline', async () => {
    const o = await open(ACCOUNTANT)
    const amount = (Number(o.outstanding) + 1000).toFixed(2)
    const input = {
      invoiceId: o.card.invoice.id,
      receipt: { amount, currency: o.card.invoice.currency, date: TODAY },
      today: TODAY,
      lang: 'ru' as const,
    }
    const refused = await applyReceipt(await gateway(ACCOUNTANT), input)
    expect(refused).toMatchObject({ ok: false, error: { code: 'CREDIT_NEEDS_CONFIRMATION', credit: '1000.00' } })
    expect(storedPayments(o.card.invoice.id)).toHaveLength(o.card.payments.length)
    const r = await applyReceipt(await gateway(ACCOUNTANT), { ...input, confirmCredit: true })
    expect(r).toMatchObject({ ok: true, value: { status: 'paid', credit: '1000.00' } })
    const credit = [...portal.store.comments.values()].find(
      (c) => c.entityType === 'company' && c.entityId === o.card.invoice.companyId,
    )
    expect(credit?.comment).toContain('1000.00')
  })

  it('conflict: the invoice changed or was deleted between preview and apply → nothing written', async () => {
    const o = await open(ACCOUNTANT)
    const receipt = { amount: '100', currency: o.card.invoice.currency, date: TODAY }
    const preview = previewReceipt(o, receipt)
    if (!preview.ok) throw new Error(preview.error.code)
    const g = await gateway(ACCOUNTANT)
    // Someone else records a payment meanwhile.
    const other = await applyReceipt(g, { invoiceId: o.card.invoice.id, receipt, today: TODAY, lang: 'ru' })
    expect(other.ok).toBe(true)
    const count = storedPayments(o.card.invoice.id).length
    const r = await applyReceipt(g, {
      invoiceId: o.card.invoice.id,
      receipt,
      today: TODAY,
      lang: 'ru',
      revision: preview.value.revision,
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'RECEIPT_CONFLICT' } })
    expect(storedPayments(o.card.invoice.id)).toHaveLength(count)
    portal.store.invoices.delete(o.card.invoice.id)
    const gone = await applyReceipt(g, { invoiceId: o.card.invoice.id, receipt, today: TODAY, lang: 'ru' })
    expect(gone).toMatchObject({ ok: false, error: { code: 'RECEIPT_CONFLICT' } })
  })

  it('a fault in the middle of apply rolls the payment back: no payment without its products', async () => {
    const o = await open(ACCOUNTANT)
    expect(o.positions.length).toBeGreaterThan(1)
    const before = portal.store.payments.size
    portal.setFaults({ forceStatus500: 'cmd:product1' })
    const r = await applyReceipt(await gateway(ACCOUNTANT), {
      invoiceId: o.card.invoice.id,
      receipt: { amount: o.outstanding, currency: o.card.invoice.currency, date: TODAY },
      today: TODAY,
      lang: 'ru',
    })
    expect(r.ok).toBe(false)
    expect(portal.store.payments.size).toBe(before)
    expect([...portal.store.paymentProducts.values()].filter((p) => !portal.store.payments.has(p.paymentId))).toEqual(
      [],
    )
    expect(portal.store.invoices.get(o.card.invoice.id)!.stageId).toBe('DT31_2:S')
  })

  it('the same bank document is never applied twice', async () => {
    const o = await open(ACCOUNTANT)
    const input = {
      invoiceId: o.card.invoice.id,
      receipt: { amount: '100', currency: o.card.invoice.currency, date: TODAY, bankDocumentKey: 'kl:2026-11-20:77' },
      today: TODAY,
      lang: 'ru' as const,
      actor: 'system' as const,
    }
    const g = await gateway(ACCOUNTANT)
    const first = await applyReceipt(g, input)
    if (!first.ok) throw new Error(first.error.code)
    const second = await applyReceipt(g, input)
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'BANK_DOCUMENT_APPLIED', key: 'kl:2026-11-20:77', paymentId: first.value.paymentId },
    })
    const reopened = await openInvoice(g, { invoiceId: o.card.invoice.id, today: TODAY })
    expect(reopened.ok && receiptsOf(reopened.value).find((x) => x.payment.id === first.value.paymentId)).toMatchObject(
      { bankDocumentKey: 'kl:2026-11-20:77' },
    )
  })

  it('20 concurrent applies of one bank document (no lock between them) leave exactly one payment', async () => {
    const o = await open(ACCOUNTANT)
    const key = 'kl:2026-11-20:race'
    const input = {
      invoiceId: o.card.invoice.id,
      receipt: { amount: '100', currency: o.card.invoice.currency, date: TODAY, bankDocumentKey: key },
      today: TODAY,
      lang: 'ru' as const,
      actor: 'system' as const,
    }
    const before = storedPayments(o.card.invoice.id).length
    const gateways = await Promise.all(Array.from({ length: 20 }, () => gateway(ACCOUNTANT)))
    portal.log.length = 0
    const results = await Promise.all(gateways.map((g) => applyReceipt(g, input)))
    // The race was real: more than one call added a payment; every loser took its own back.
    const adds = portal.log.filter((l) => l.method === 'crm.item.payment.add' && !l.error).length
    expect(adds).toBeGreaterThan(1)
    const applied = results.filter((r) => r.ok)
    expect(applied).toHaveLength(1)
    const winner = applied[0]!.ok ? applied[0]!.value.paymentId : 0
    for (const r of results.filter((x) => !x.ok))
      expect(r).toEqual({ ok: false, error: { code: 'BANK_DOCUMENT_APPLIED', key, paymentId: winner } })
    const payments = storedPayments(o.card.invoice.id)
    expect(payments).toHaveLength(before + 1)
    expect(payments.map((p) => p.id)).toContain(winner)
    expect(storedProducts(winner).length).toBeGreaterThan(0)
    expect([...portal.store.paymentProducts.values()].filter((p) => !portal.store.payments.has(p.paymentId))).toEqual(
      [],
    )
  }, 60_000)

  it('undo (accountant, with a reason) removes the payment and its products, writes the audit line, moves back', async () => {
    const o = await open(ACCOUNTANT)
    const g = await gateway(ACCOUNTANT)
    const r = await applyReceipt(g, {
      invoiceId: o.card.invoice.id,
      receipt: { amount: o.outstanding, currency: o.card.invoice.currency, date: TODAY },
      today: TODAY,
      lang: 'ru',
    })
    if (!r.ok) throw new Error(r.error.code)
    const input = { invoiceId: o.card.invoice.id, paymentId: r.value.paymentId, today: TODAY, lang: 'ru' as const }
    expect(await undoReceipt(g, { ...input, reason: ' ' })).toMatchObject({
      ok: false,
      error: { code: 'REASON_REQUIRED' },
    })
    expect(await undoReceipt(await gateway(MANAGER), { ...input, reason: 'ошибка' })).toMatchObject({
      ok: false,
      error: { code: 'ROLE_NOT_ALLOWED' },
    })
    const undone = await undoReceipt(g, { ...input, reason: 'ошибочная выписка' })
    expect(undone).toMatchObject({ ok: true, value: { status: 'sent', stageId: 'DT31_2:S' } })
    expect(portal.store.payments.has(r.value.paymentId)).toBe(false)
    expect(storedProducts(r.value.paymentId)).toEqual([])
    expect([...portal.store.comments.values()].at(-1)!.comment).toContain('ошибочная выписка')
  })
})
