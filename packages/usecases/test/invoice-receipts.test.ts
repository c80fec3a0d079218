import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRepositories } from '@salesflow/portal'
import {
  applyReceipt,
  canRefundReceipt,
  INVOICE_FIELDS,
  invoiceActions,
  invoiceCreditOf,
  planReceipt,
  refundReceipt,
  openInvoice,
  previewReceipt,
  receiptsOf,
  transitionInvoice,
  undoReceipt,
  type OpenedInvoice,
  type PortalGateway,
} from '../src'
import { keepBankDocument } from '../src/invoice/apply-receipt'
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
    // Before the due date: a partial payment makes the invoice partly paid (after it too: see the overdue test below).
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

  it('a partial receipt on an overdue invoice makes it partly paid; its overdue days still count', async () => {
    const sent = [...portal.store.invoices.values()].find((i) => i.stageId === 'DT31_2:S' && i.closedate)!
    const late = new Date(Date.parse(String(sent.closedate).slice(0, 10)) + 10 * 86_400_000).toISOString().slice(0, 10)
    const o = await open(ACCOUNTANT, 'DT31_2:S', late)
    expect(o.card.invoice.id).toBe(sent.id)
    expect(o.status).toBe('overdue')
    const half = (Number(o.outstanding) / 2).toFixed(2)
    const r = await applyReceipt(await gateway(ACCOUNTANT), {
      invoiceId: sent.id,
      receipt: { amount: half, currency: o.card.invoice.currency, date: late },
      today: late,
      lang: 'ru',
    })
    expect(r).toMatchObject({ ok: true, value: { status: 'partiallyPaid', stageId: 'DT31_2:UC_PARTIAL' } })
    const again = await openInvoice(await gateway(ACCOUNTANT), { invoiceId: sent.id, today: late })
    if (!again.ok) throw new Error(again.error.code)
    expect(again.value.status).toBe('partiallyPaid')
    expect(again.value.overdueDays).toBe(10)
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

  it('an invoice with more than 50 comments: every receipt mark is seen, before writing and in the look back', async () => {
    const o = await open(ACCOUNTANT)
    const invoiceId = o.card.invoice.id
    const g = await gateway(ACCOUNTANT)
    const key = 'kl:2026-11-20:long'
    const input = {
      invoiceId,
      receipt: { amount: '100', currency: o.card.invoice.currency, date: TODAY, bankDocumentKey: key },
      today: TODAY,
      lang: 'ru' as const,
      actor: 'system' as const,
    }
    const comment = (text: string) =>
      g.client.call('crm.timeline.comment.add', {
        fields: { ENTITY_ID: invoiceId, ENTITY_TYPE: 'dynamic_31', COMMENT: text },
      })
    for (let i = 0; i < 60; i++) await comment(`обсуждение ${i}`)
    const first = await applyReceipt(g, input)
    if (!first.ok) throw new Error(first.error.code)
    // Its mark is comment 62 of the invoice, past the first page: the next open still sees it.
    for (let i = 0; i < 60; i++) await comment(`ещё ${i}`)
    const reopened = await openInvoice(g, { invoiceId, today: TODAY })
    if (!reopened.ok) throw new Error(reopened.error.code)
    expect(reopened.value.card.notes.length).toBeGreaterThan(120)
    expect(await applyReceipt(g, input)).toMatchObject({
      ok: false,
      error: { code: 'BANK_DOCUMENT_APPLIED', key, paymentId: first.value.paymentId },
    })

    // A rival that read the invoice before the first receipt, then 60 comments came between: its look back pages
    // past them down to what it had read, finds the earlier mark and withdraws its own payment.
    const stale = await openInvoice(g, { invoiceId, today: TODAY })
    if (!stale.ok) throw new Error(stale.error.code)
    const mark = stale.value.card.notes.find((n) => n.comment.includes(`payment=${first.value.paymentId}`))!
    const staleCard = {
      ...stale.value.card,
      notes: stale.value.card.notes.filter((n) => n.id < mark.id),
      payments: stale.value.card.payments.filter((p) => p.id !== first.value.paymentId),
      paymentProducts: stale.value.card.paymentProducts.filter((p) => p.paymentId !== first.value.paymentId),
    }
    const plan = planReceipt({ ...stale.value, card: staleCard }, { ...input, receipt: { ...input.receipt } })
    expect(plan.ok).toBe(true)
    if (!plan.ok) return
    const written = await g.repositories.receipts.record(plan.value.write)
    if (!written.ok) throw new Error(written.error.code)
    expect(written.value.notesAfter.length).toBeGreaterThan(50)
    const kept = await keepBankDocument(g, { ...stale.value, card: staleCard }, key, written.value, 'ru')
    expect(kept).toEqual({ ok: false, error: { code: 'BANK_DOCUMENT_APPLIED', key, paymentId: first.value.paymentId } })
    expect(portal.store.payments.has(written.value.paymentId)).toBe(false)
    expect(storedPayments(invoiceId).map((p) => p.id)).toContain(first.value.paymentId)
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

describe('dispute', () => {
  const invoiceOpened = async (userId: number, invoiceId: number, today = TODAY) => {
    const o = await openInvoice(await gateway(userId), { invoiceId, today })
    if (!o.ok) throw new Error(o.error.code)
    return o.value
  }

  it('a manager records the client’s dispute (with a reason); it stops the overdue count; only finance resolves it', async () => {
    const sent = [...portal.store.invoices.values()].find((i) => i.stageId === 'DT31_2:S')!
    // After the due date: without the dispute the invoice reads as overdue.
    const late = new Date(Date.parse(String(sent.closedate).slice(0, 10)) + 5 * 86_400_000).toISOString().slice(0, 10)
    const o = await invoiceOpened(MANAGER, sent.id, late)
    expect(o.status).toBe('overdue')
    expect(invoiceActions(o).find((a) => a.event === 'DISPUTE')).toMatchObject({ refusal: null, needsReason: true })
    const g = await gateway(MANAGER)
    expect(await transitionInvoice(g, { opened: o, event: 'DISPUTE', lang: 'ru' })).toMatchObject({
      ok: false,
      error: { code: 'REASON_REQUIRED' },
    })
    const r = await transitionInvoice(g, { opened: o, event: 'DISPUTE', reason: 'Не та партия', lang: 'ru' })
    expect(r).toMatchObject({ ok: true, value: { status: 'disputed', stageId: 'DT31_2:S' } })
    expect(portal.store.invoices.get(sent.id)!.uf[INVOICE_FIELDS.dispute]).toBe('Не та партия')
    expect([...portal.store.comments.values()].at(-1)!.comment).toContain('оспорен клиентом')

    const disputed = await invoiceOpened(MANAGER, sent.id, late)
    expect([disputed.status, disputed.overdueDays, disputed.dispute]).toEqual(['disputed', 0, 'Не та партия'])
    // The manager may not resolve, cancel or send back; finance may.
    const resolve = invoiceActions(disputed).find((a) => a.event === 'RESOLVE')
    expect(resolve?.refusal?.code).toBe('ROLE_NOT_ALLOWED')
    expect(await transitionInvoice(g, { opened: disputed, event: 'RESOLVE', reason: 'x', lang: 'ru' })).toMatchObject({
      ok: false,
      error: { code: 'ROLE_NOT_ALLOWED' },
    })

    const asAccountant = await invoiceOpened(ACCOUNTANT, sent.id, late)
    const done = await transitionInvoice(await gateway(ACCOUNTANT), {
      opened: asAccountant,
      event: 'RESOLVE',
      reason: 'Партию заменили, срок прежний',
      lang: 'en',
    })
    // Resolved with nothing paid and the due date passed: back to overdue, and the dispute field is cleared.
    expect(done).toMatchObject({ ok: true, value: { status: 'overdue' } })
    expect(portal.store.invoices.get(sent.id)!.uf[INVOICE_FIELDS.dispute] ?? '').toBe('')
    expect([...portal.store.comments.values()].at(-1)!.comment).toMatch(/dispute resolved by .+Партию заменили/)
    expect((await invoiceOpened(ACCOUNTANT, sent.id, late)).status).toBe('overdue')
  })

  it('a receipt on a disputed invoice keeps it disputed until it is settled', async () => {
    const sent = [...portal.store.invoices.values()].find((i) => i.stageId === 'DT31_2:S')!
    const o = await invoiceOpened(MANAGER, sent.id)
    await transitionInvoice(await gateway(MANAGER), { opened: o, event: 'DISPUTE', reason: 'r', lang: 'ru' })
    const disputed = await invoiceOpened(ACCOUNTANT, sent.id)
    const half = (Number(disputed.outstanding) / 2).toFixed(2)
    const receipt = { amount: half, currency: disputed.card.invoice.currency, date: TODAY }
    const r = await applyReceipt(await gateway(ACCOUNTANT), { invoiceId: sent.id, receipt, today: TODAY, lang: 'ru' })
    expect(r).toMatchObject({ ok: true, value: { status: 'disputed' } })
    expect((await invoiceOpened(ACCOUNTANT, sent.id)).status).toBe('disputed')
  })

  it('a receipt that settles a disputed invoice ends the dispute: field cleared, paid, said in the audit line', async () => {
    const sent = [...portal.store.invoices.values()].find((i) => i.stageId === 'DT31_2:S')!
    await transitionInvoice(await gateway(MANAGER), {
      opened: await invoiceOpened(MANAGER, sent.id),
      event: 'DISPUTE',
      reason: 'Не та партия',
      lang: 'ru',
    })
    const disputed = await invoiceOpened(ACCOUNTANT, sent.id)
    const receipt = { amount: disputed.outstanding, currency: disputed.card.invoice.currency, date: TODAY }
    const r = await applyReceipt(await gateway(ACCOUNTANT), { invoiceId: sent.id, receipt, today: TODAY, lang: 'ru' })
    expect(r).toMatchObject({ ok: true, value: { status: 'paid', stageId: 'DT31_2:P' } })
    expect(portal.store.invoices.get(sent.id)!.uf[INVOICE_FIELDS.dispute] ?? '').toBe('')
    expect([...portal.store.comments.values()].at(-1)!.comment).toContain('спор закрыт')
    // Opened again: paid, and no dispute left behind (a later refund would not find the invoice disputed).
    const paid = await invoiceOpened(ACCOUNTANT, sent.id)
    expect([paid.status, paid.dispute]).toEqual(['paid', null])
  })
})

describe('refund', () => {
  /** A sent invoice paid in two receipts by the accountant: [invoice id, first payment, second payment]. */
  async function paidInTwo(): Promise<[number, number, number]> {
    const o = await open(ACCOUNTANT)
    const g = await gateway(ACCOUNTANT)
    const id = o.card.invoice.id
    const half = (Number(o.outstanding) / 2).toFixed(2)
    const currency = o.card.invoice.currency
    const a = await applyReceipt(g, {
      invoiceId: id,
      receipt: { amount: half, currency, date: TODAY },
      today: TODAY,
      lang: 'ru',
    })
    const rest = await openInvoice(g, { invoiceId: id, today: TODAY })
    if (!a.ok || !rest.ok) throw new Error('setup')
    const b = await applyReceipt(g, {
      invoiceId: id,
      receipt: { amount: rest.value.outstanding, currency, date: TODAY },
      today: TODAY,
      lang: 'ru',
    })
    if (!b.ok || b.value.status !== 'paid') throw new Error('setup: not paid')
    return [id, a.value.paymentId, b.value.paymentId]
  }

  it('the accountant refunds one payment of a paid invoice: unpaid with an audit line, partly paid again', async () => {
    const [id, first] = await paidInTwo()
    const g = await gateway(ACCOUNTANT)
    expect(
      await refundReceipt(g, { invoiceId: id, paymentId: first, reason: '', today: TODAY, lang: 'ru' }),
    ).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } })
    const r = await refundReceipt(g, { invoiceId: id, paymentId: first, reason: 'Брак', today: TODAY, lang: 'ru' })
    expect(r).toMatchObject({ ok: true, value: { status: 'partiallyPaid', stageId: 'DT31_2:UC_PARTIAL' } })
    expect(portal.store.payments.get(first)!.paid).toBe('N')
    // The payment and its products stay: a refund is a record, not an erasure.
    expect(storedProducts(first).length).toBeGreaterThan(0)
    const line = [...portal.store.comments.values()].at(-1)!.comment
    expect(line).toMatch(/^Возврат клиенту по оплате .+ провёл\(а\) .+ Причина: Брак \[sf:refund payment=\d+\]$/)
    const reopened = await openInvoice(g, { invoiceId: id, today: TODAY })
    if (!reopened.ok) throw new Error(reopened.error.code)
    expect(reopened.value.status).toBe('partiallyPaid')
    expect(Number(reopened.value.outstanding)).toBeCloseTo(Number(portal.store.payments.get(first)!.sum), 2)
    expect(receiptsOf(reopened.value).find((x) => x.payment.id === first)?.refunded).toBe(true)
  })

  it('refunding everything closes the invoice as refunded and takes it out of the client’s credit exposure', async () => {
    const [id, first, second] = await paidInTwo()
    const g = await gateway(ACCOUNTANT)
    const refund = (paymentId: number) =>
      refundReceipt(g, { invoiceId: id, paymentId, reason: 'Возврат товара', today: TODAY, lang: 'en' })
    const exposure = async () => {
      const o = await openInvoice(g, { invoiceId: id, today: TODAY })
      if (!o.ok) throw new Error(o.error.code)
      const c = invoiceCreditOf(o.value)
      if (!c?.ok) throw new Error('credit')
      return { opened: o.value, open: Number(c.value.open.open) }
    }
    expect((await refund(first)).ok).toBe(true)
    // Partly paid again: the invoice is open and counts in the client's exposure.
    const partly = await exposure()
    expect(partly.opened.status).toBe('partiallyPaid')
    expect(await refund(second)).toMatchObject({ ok: true, value: { status: 'refunded', stageId: 'DT31_2:D' } })
    const closed = await exposure()
    // Both payments unpaid, yet our refund lines tell it from a cancellation; it no longer counts as exposure.
    expect([closed.opened.status, closed.opened.paid]).toEqual(['refunded', '0.00'])
    expect(partly.open - closed.open).toBeCloseTo(Number(closed.opened.total), 2)
  })

  it.each([
    ['the unpay', 'cmd:unpay'],
    ['the stage', 'cmd:stage'],
    ['the audit line', 'cmd:comment'],
  ])('a fault at %s leaves nothing half-written: paid, same stage, no refund line', async (_, fault) => {
    const [id, first] = await paidInTwo()
    const stageBefore = portal.store.invoices.get(id)!.stageId
    const comments = portal.store.comments.size
    portal.setFaults({ forceStatus500: fault })
    const r = await refundReceipt(await gateway(ACCOUNTANT), {
      invoiceId: id,
      paymentId: first,
      reason: 'Брак',
      today: TODAY,
      lang: 'ru',
    })
    expect(r.ok).toBe(false)
    expect(portal.store.payments.get(first)!.paid).toBe('Y')
    expect(portal.store.invoices.get(id)!.stageId).toBe(stageBefore)
    expect(portal.store.comments.size).toBe(comments)
    // The refund can be made once the portal answers again, and then it is made once.
    portal.setFaults({ forceStatus500: null })
    const again = await refundReceipt(await gateway(ACCOUNTANT), {
      invoiceId: id,
      paymentId: first,
      reason: 'Брак',
      today: TODAY,
      lang: 'ru',
    })
    expect(again).toMatchObject({ ok: true, value: { status: 'partiallyPaid' } })
    expect(portal.store.comments.size).toBe(comments + 1)
  })

  it('a rollback the portal refuses too is an unknown outcome, not a failure that claims nothing was written', async () => {
    const [id, first] = await paidInTwo()
    portal.setFaults({ forceStatus500: ['cmd:comment', 'crm.item.payment.pay'] })
    const r = await refundReceipt(await gateway(ACCOUNTANT), {
      invoiceId: id,
      paymentId: first,
      reason: 'Брак',
      today: TODAY,
      lang: 'ru',
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OUTCOME' } })
  })

  it('a manager may not refund; an unpaid or unknown payment is not refunded', async () => {
    const [id, first] = await paidInTwo()
    const asManager = await openInvoice(await gateway(MANAGER), { invoiceId: id, today: TODAY })
    expect(asManager.ok && canRefundReceipt(asManager.value)).toBe(false)
    expect(
      await refundReceipt(await gateway(MANAGER), {
        invoiceId: id,
        paymentId: first,
        reason: 'x',
        today: TODAY,
        lang: 'ru',
      }),
    ).toMatchObject({ ok: false, error: { code: 'ROLE_NOT_ALLOWED' } })
    expect(portal.store.payments.get(first)!.paid).toBe('Y')
    expect(
      await refundReceipt(await gateway(ACCOUNTANT), {
        invoiceId: id,
        paymentId: 999_999,
        reason: 'x',
        today: TODAY,
        lang: 'ru',
      }),
    ).toMatchObject({ ok: false, error: { code: 'RECEIPT_NOT_FOUND' } })
  })
})
