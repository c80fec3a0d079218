import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRepositories } from '@salesflow/portal'
import { D } from '@salesflow/rules'
import { demoBankStatement, seedInvoices } from '@salesflow/emulator'
import {
  acceptOnInvoice,
  acceptProposal,
  appliedCsv,
  applyBankReceipts,
  bankSettingsOf,
  openInvoice,
  reviewStatements,
  type AcceptedReceipt,
  type PortalGateway,
  type StatementReview,
} from '../src'
import { appClient, roundTrips, startPortal } from '../../portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const TODAY = '2026-11-20'
const ADMIN = 1
const MANAGER = 2
const ACCOUNTANT = 3
const file = { name: 'kl_to_1c.txt', bytes: demoBankStatement() }

const gateway = async (userId: number): Promise<PortalGateway> => {
  const { client } = await appClient(portal, userId)
  return { client, repositories: createRepositories(client) }
}

async function review(userId = ACCOUNTANT, files = [file]): Promise<StatementReview> {
  const r = await reviewStatements(await gateway(userId), { files, today: TODAY })
  if (!r.ok) throw new Error(r.error.code)
  return r.value
}

/** Every matched receipt accepted as proposed. */
function acceptAll(r: StatementReview): AcceptedReceipt[] {
  return r.documents.flatMap((d) => {
    if (!d.match || d.match.status !== 'matched' || d.duplicate) return []
    const a = acceptProposal(d.document, d.match, d.match.proposals[0]!)
    if (!a.ok) throw new Error(a.error.code)
    return [a.value]
  })
}

const invoiceByNumber = (n: string) => [...portal.store.invoices.values()].find((i) => i.accountNumber === n)!
const paymentsOf = (invoiceId: number) =>
  [...portal.store.payments.values()].filter((p) => p.entityTypeId === 31 && p.entityId === invoiceId)

describe('reviewStatements', () => {
  it('matches the demo statement: full, partial and two-invoice receipts; the unknown payer is left for review', async () => {
    const r = await review()
    expect(r.canApply).toBe(true)
    expect(r.role).toBe('accountant')
    expect(r.files[0]!.statement.outcome).toBe('complete')
    const byN = new Map(r.documents.map((d) => [d.document.n, d]))
    const ids = (n: number) => byN.get(n)!.match!.proposals[0]!.invoiceIds.map(Number)
    expect(byN.get(1)!.match!.status).toBe('matched')
    expect(ids(1)).toEqual([invoiceByNumber('СФ-2026/0012').id])
    expect(byN.get(1)!.match!.explanation.ru).toContain('равна остатку')
    expect(byN.get(2)!.match!.explanation.en).toContain('partial payment')
    expect(ids(3)).toEqual([invoiceByNumber('СФ-2026/0002').id, invoiceByNumber('СФ-2026/0013').id])
    expect(byN.get(4)!.match!.status).toBe('unmatched')
    // The outgoing payment and the bank's fee are listed, never matched.
    expect(byN.get(5)!.document.direction).toBe('outgoing')
    expect(byN.get(5)!.match).toBeNull()
    expect(byN.get(6)!.document.kind).toBe('bank_order')
    expect(byN.get(6)!.match).toBeNull()
  })

  it('the same statement dropped twice: the second copy of each receipt is a duplicate', async () => {
    const r = await review(ACCOUNTANT, [file, { name: 'copy.txt', bytes: file.bytes }])
    const second = r.documents.filter((d) => d.file === 1 && d.match)
    expect(second.length).toBe(4)
    expect(second.every((d) => d.duplicate)).toBe(true)
    expect(acceptAll(r)).toHaveLength(3)
  })

  it('a manager sees the review but may not apply', async () => {
    expect((await review(MANAGER)).canApply).toBe(false)
  })

  it('reads the tolerance and threshold from salesflow.bank, defaults otherwise', () => {
    expect(bankSettingsOf({ 'salesflow.bank': '{"tolerance":{"absolute":"1.5"},"acceptScore":80}' })).toEqual({
      tolerance: { absolute: '1.5', percent: '0' },
      acceptScore: 80,
      margin: 15,
    })
    expect(bankSettingsOf({ 'salesflow.bank': { tolerance: { absolute: 'x' }, acceptScore: -1 } }).acceptScore).toBe(70)
  })
})

describe('applyBankReceipts', () => {
  it('applies accepted receipts through applyReceipt: paid, partly paid, two invoices from one receipt', async () => {
    const r = await review()
    const g = await gateway(ACCOUNTANT)
    portal.log.length = 0
    const applied = await applyBankReceipts(g, { receipts: acceptAll(r), today: TODAY, lang: 'ru' })
    if (!applied.ok) throw new Error(applied.error.code)
    // The four invoices read together (context, invoices, their rows, payments and comments in one batch; then the
    // products of the payments they already had), and the four payments written in one shared batch.
    expect(roundTrips(portal)).toBe(3)
    expect(applied.value.receipts.map((x) => x.status)).toEqual(['applied', 'applied', 'applied'])
    expect(applied.value.confirmedBy).toBe(
      portal.store.users.get(ACCOUNTANT)!.name + ' ' + portal.store.users.get(ACCOUNTANT)!.lastName,
    )
    expect(invoiceByNumber('СФ-2026/0012').stageId).toBe('DT31_2:P')
    // Half of СФ-2026/0007 paid past its due date: partly paid now (its overdue days still count from the due date).
    expect(applied.value.receipts[1]!.allocations[0]!.statusAfter).toBe('partiallyPaid')
    expect(invoiceByNumber('СФ-2026/0002').stageId).toBe('DT31_2:P')
    expect(invoiceByNumber('СФ-2026/0013').stageId).toBe('DT31_2:P')
    // Payments with products, paid, and the bank document's key in the invoice's audit line.
    // The portal records what the positions take (quantity steps of 0.0001): the rest is reported as residue.
    const half = applied.value.receipts[1]!.allocations[0]!
    const fresh = paymentsOf(invoiceByNumber('СФ-2026/0007').id).filter((p) => p.paid === 'Y')
    expect(fresh.map((p) => p.sum)).toContain(half.recorded)
    expect(Number(half.amount) - Number(half.recorded)).toBeLessThan(100)
    const key = applied.value.receipts[1]!.key
    const notes = [...portal.store.comments.values()].map((c) => c.comment)
    expect(notes.some((c) => c.includes(`bank=${encodeURIComponent(key)}`))).toBe(true)

    const csv = appliedCsv(
      applied.value,
      r.documents.map((d) => ({ key: d.match?.key ?? '', number: d.document.number, date: d.document.date })),
      r.invoices,
    )
    const lines = csv.trim().split('\r\n')
    expect(lines).toHaveLength(1 + 4)
    expect(lines[0]).toBe('bank_document;document_date;bank_key;invoice;amount;recorded;payment_id;confirmed_by')
    expect(lines.some((l) => l.startsWith('97;2026-11-16;') && l.includes(';СФ-2026/0007;823000.00;'))).toBe(true)
  }, 30_000)

  it('re-importing applies nothing twice: every part is reported as already applied', async () => {
    const g = await gateway(ACCOUNTANT)
    const accepted = acceptAll(await review())
    const first = await applyBankReceipts(g, { receipts: accepted, today: TODAY, lang: 'ru' })
    expect(first.ok).toBe(true)
    const before = portal.store.payments.size
    const [comments, products] = [portal.store.comments.size, portal.store.paymentProducts.size]
    // The same documents again (the partly paid invoice is still open, so it is proposed again).
    portal.log.length = 0
    const again = await applyBankReceipts(g, { receipts: accepted, today: TODAY, lang: 'ru' })
    if (!again.ok) throw new Error(again.error.code)
    expect(again.value.receipts.map((x) => x.status)).toEqual(['already_applied', 'already_applied', 'already_applied'])
    // Each part names the payment the first run wrote for it.
    const firstIds = first.ok ? first.value.receipts.flatMap((x) => x.allocations.map((a) => a.paymentId)) : []
    expect(again.value.receipts.flatMap((x) => x.allocations.map((a) => a.paymentId))).toEqual(firstIds)
    // One round trip: the payments and first comments show every document held, so no products are read, and
    // nothing is written (no payment, product, comment or stage).
    expect(roundTrips(portal)).toBe(1)
    expect(portal.log.filter((e) => e.method === 'crm.item.payment.product.list')).toHaveLength(0)
    expect(portal.log.filter((e) => /\.(add|pay|update|delete)$/.test(e.method))).toHaveLength(0)
    expect(portal.store.payments.size).toBe(before)
    expect([portal.store.comments.size, portal.store.paymentProducts.size]).toEqual([comments, products])
    const second = await review()
    const partly = second.documents.find((d) => d.document.n === 2)!
    const reapplied = await applyBankReceipts(g, {
      receipts: [acceptOnInvoice(partly.document, partly.match!.key, invoiceByNumber('СФ-2026/0007').id)],
      today: TODAY,
      lang: 'en',
    })
    expect(reapplied.ok && reapplied.value.receipts[0]!.status).toBe('already_applied')
    expect(portal.store.payments.size).toBe(before)
  }, 30_000)

  it('a statement partly applied before: the applied half reads no rows, the rest is applied in full', async () => {
    seedInvoices(portal, 120)
    const g = await gateway(ACCOUNTANT)
    const sent = [...portal.store.invoices.values()].filter((i) => i.stageId === 'DT31_2:S' && i.currencyId === 'RUB')
    const receipts: AcceptedReceipt[] = sent.slice(0, 24).map((i, k) => ({
      key: `40702810538000123456|${TODAY}|${k + 1}|${i.opportunity}|`,
      documentNumber: String(k + 1),
      date: TODAY,
      amount: i.opportunity,
      currency: 'RUB',
      allocations: [{ invoiceId: i.id, amount: i.opportunity }],
    }))
    const rowsOf = (invoiceId: number) =>
      [...portal.store.productRows.values()].filter((r) => r.ownerType === 'SI' && r.ownerId === invoiceId)
    // Enough rows that the first page (50) does not hold them all: the rest is read for the new half only.
    expect(receipts.flatMap((r) => rowsOf(r.allocations[0]!.invoiceId)).length).toBeGreaterThan(100)
    const old = receipts.filter((_, k) => k % 2 === 0)
    const fresh = receipts.filter((_, k) => k % 2 === 1)
    const first = await applyBankReceipts(g, { receipts: old, today: TODAY, lang: 'ru' })
    expect(first.ok && first.value.receipts.every((r) => r.status === 'applied')).toBe(true)
    const before = portal.store.payments.size

    portal.log.length = 0
    const res = await applyBankReceipts(g, { receipts, today: TODAY, lang: 'ru' })
    if (!res.ok) throw new Error(res.error.code)
    expect(res.value.receipts.map((r) => r.status)).toEqual(
      receipts.map((_, k) => (k % 2 === 0 ? 'already_applied' : 'applied')),
    )
    // One new payment per new receipt, none for the old ones; each new invoice paid, its payment over all its rows.
    expect(portal.store.payments.size).toBe(before + fresh.length)
    for (const r of fresh) {
      const id = r.allocations[0]!.invoiceId
      expect(portal.store.invoices.get(id)!.stageId).toBe('DT31_2:P')
      const payment = paymentsOf(id).find((p) => p.paid === 'Y')!
      const paid = [...portal.store.paymentProducts.values()].filter((p) => p.paymentId === payment.id)
      expect(paid.map((p) => p.rowId).sort()).toEqual(
        rowsOf(id)
          .map((row) => row.id)
          .sort(),
      )
    }
    // The products of the old halves' payments are not read; no row page past the first names an old invoice.
    const oldIds = new Set(old.map((r) => r.allocations[0]!.invoiceId))
    const productReads = portal.log.filter((e) => e.method === 'crm.item.payment.product.list').length
    expect(productReads).toBe(0)
    const owners = portal.log
      .filter((e) => e.method === 'crm.item.productrow.list')
      .map((e) => (e.params['filter'] as Record<string, unknown>)['=ownerId'] as number[])
    expect(owners.length).toBeGreaterThan(1)
    for (const ids of owners.slice(1)) expect(ids.filter((id) => oldIds.has(id))).toEqual([])
  }, 60_000)

  it('a manager is refused before anything is written; an admin may apply', async () => {
    const accepted = acceptAll(await review())
    const before = portal.store.payments.size
    const refused = await applyBankReceipts(await gateway(MANAGER), { receipts: accepted, today: TODAY, lang: 'ru' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'BANK_APPLY_DENIED', role: 'manager' } })
    expect(portal.store.payments.size).toBe(before)
    const admin = await applyBankReceipts(await gateway(ADMIN), {
      receipts: accepted.slice(0, 1),
      today: TODAY,
      lang: 'ru',
    })
    expect(admin.ok && admin.value.receipts[0]!.status).toBe('applied')
  }, 30_000)

  it('two receipts on one invoice in one run: the second is planned on the invoice the first left, in a second wave', async () => {
    const g = await gateway(ACCOUNTANT)
    const inv = [...portal.store.invoices.values()].find((i) => i.stageId === 'DT31_2:S' && i.currencyId === 'RUB')!
    const opened = await openInvoice(g, { invoiceId: inv.id, today: TODAY })
    if (!opened.ok) throw new Error(opened.error.code)
    const receipt = (n: number, amount: string): AcceptedReceipt => ({
      key: `40702810538000123456|${TODAY}|${n}|${amount}|`,
      documentNumber: String(n),
      date: TODAY,
      amount,
      currency: 'RUB',
      allocations: [{ invoiceId: inv.id, amount }],
    })
    // The first part leaves a residue below a row's quantity step unrecorded: the second pays a little beyond the
    // rest, and what exceeds the invoice becomes a credit.
    const rest = new D(opened.value.outstanding).minus(1000).plus(100).toFixed(2)
    const paidBefore = paymentsOf(inv.id).filter((p) => p.paid === 'Y').length
    portal.log.length = 0
    const res = await applyBankReceipts(g, {
      receipts: [receipt(501, '1000.00'), receipt(502, rest)],
      today: TODAY,
      lang: 'ru',
    })
    if (!res.ok) throw new Error(res.error.code)
    expect(res.value.receipts.map((r) => r.status)).toEqual(['applied', 'applied'])
    expect(res.value.receipts[1]!.allocations[0]).toMatchObject({ statusAfter: 'paid', credit: expect.any(String) })
    expect(portal.store.invoices.get(inv.id)!.stageId).toBe('DT31_2:P')
    expect(paymentsOf(inv.id).filter((p) => p.paid === 'Y')).toHaveLength(paidBefore + 2)
    // Two waves, each one read and one write batch.
    expect(roundTrips(portal)).toBe(4)
  }, 30_000)

  it('a failing part is reported with its code, the rest applies', async () => {
    const r = await review()
    const [first] = acceptAll(r)
    const bad: AcceptedReceipt = { ...first!, key: 'other|key', allocations: [{ invoiceId: 999_999, amount: '10.00' }] }
    const g = await gateway(ACCOUNTANT)
    portal.log.length = 0
    const res = await applyBankReceipts(g, { receipts: [bad, first!], today: TODAY, lang: 'ru' })
    if (!res.ok) throw new Error(res.error.code)
    expect(res.value.receipts.map((x) => x.status)).toEqual(['failed', 'applied'])
    expect(res.value.receipts[0]!.allocations[0]!.error?.code).toBe('RECEIPT_CONFLICT')
    expect(roundTrips(portal)).toBeGreaterThan(0)
  }, 30_000)
})
