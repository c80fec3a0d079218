import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRepositories } from '@salesflow/portal'
import { demoBankStatement } from '@salesflow/emulator'
import { acceptProposal, applyBankReceipts, reviewStatements, type PortalGateway, type StatementReview } from '../src'
import { appClient, roundTrips, startPortal } from '../../portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const TODAY = '2026-11-20'
const ACCOUNTANT = 3
const file = { name: 'kl_to_1c.txt', bytes: demoBankStatement() }

const gateway = async (userId = ACCOUNTANT): Promise<PortalGateway> => {
  const { client } = await appClient(portal, userId)
  return { client, repositories: createRepositories(client) }
}
async function review(): Promise<StatementReview> {
  const r = await reviewStatements(await gateway(), { files: [file], today: TODAY })
  if (!r.ok) throw new Error(r.error.code)
  return r.value
}
const invoiceByNumber = (n: string) => [...portal.store.invoices.values()].find((i) => i.accountNumber === n)!
const doc = (r: StatementReview, n: number) => r.documents.find((d) => d.document.n === n)!

describe('reviewStatements: documents already applied', () => {
  it('a fresh statement has nothing applied', async () => {
    const r = await review()
    expect(r.documents.every((d) => d.applied.length === 0)).toBe(true)
  }, 30_000)

  it('after «Провести», the same statement names where each receipt went, paid invoices included', async () => {
    const first = await review()
    const accepted = first.documents.flatMap((d) => {
      if (d.match?.status !== 'matched') return []
      const a = acceptProposal(d.document, d.match, d.match.proposals[0]!)
      return a.ok ? [a.value] : []
    })
    const applied = await applyBankReceipts(await gateway(), { receipts: accepted, today: TODAY, lang: 'ru' })
    if (!applied.ok) throw new Error(applied.error.code)
    const paymentOf = (n: number, invoice: string) =>
      applied.value.receipts
        .find((x) => x.key === doc(first, n).match!.key)!
        .allocations.find((a) => a.invoiceId === invoiceByNumber(invoice).id)!.paymentId

    portal.log.length = 0
    const again = await review()
    // Paid in full: СФ-2026/0012 left the open invoices, its payment still holds the document.
    expect(again.invoices.some((i) => i.number === 'СФ-2026/0012')).toBe(false)
    expect(doc(again, 1).applied).toEqual([
      {
        invoiceId: invoiceByNumber('СФ-2026/0012').id,
        number: 'СФ-2026/0012',
        paymentId: paymentOf(1, 'СФ-2026/0012'),
      },
    ])
    // Partly paid: still open (and proposed again by the matcher), but flagged as applied.
    expect(doc(again, 2).applied.map((a) => a.number)).toEqual(['СФ-2026/0007'])
    expect(doc(again, 2).applied[0]!.paymentId).toBe(paymentOf(2, 'СФ-2026/0007'))
    // One receipt over two invoices: both named.
    expect(
      doc(again, 3)
        .applied.map((a) => a.number)
        .sort(),
    ).toEqual(['СФ-2026/0002', 'СФ-2026/0013'])
    // The unmatched receipt was not applied; documents that are not receipts have nothing to say.
    expect(doc(again, 4).applied).toEqual([])
    expect(doc(again, 5).applied).toEqual([])
    expect(roundTrips(portal)).toBeLessThanOrEqual(6)
  }, 60_000)

  it('a payment deleted since (the receipt taken back) frees its bank document', async () => {
    const first = await review()
    const d1 = doc(first, 1)
    const a = acceptProposal(d1.document, d1.match!, d1.match!.proposals[0]!)
    if (!a.ok) throw new Error(a.error.code)
    const applied = await applyBankReceipts(await gateway(), { receipts: [a.value], today: TODAY, lang: 'ru' })
    if (!applied.ok) throw new Error(applied.error.code)
    expect(doc(await review(), 1).applied).toHaveLength(1)
    portal.store.payments.delete(applied.value.receipts[0]!.allocations[0]!.paymentId!)
    expect(doc(await review(), 1).applied).toEqual([])
  }, 60_000)
})

describe('reviewStatements: drafts', () => {
  it('a draft the purpose names is a hint with its reason, never a proposal or a choice', async () => {
    const draft = invoiceByNumber('СФ-2026/0012')
    draft.stageId = 'DT31_2:N'
    const r = await review()
    const d1 = doc(r, 1)
    expect(r.invoices.some((i) => i.id === draft.id)).toBe(false)
    expect(d1.match!.proposals.flatMap((p) => p.invoiceIds)).not.toContain(String(draft.id))
    expect(d1.match!.status).not.toBe('matched')
    expect(d1.hints).toEqual([{ invoice: expect.objectContaining({ id: draft.id, status: 'draft' }), reason: 'draft' }])
    // Other documents name no draft.
    expect(r.documents.filter((d) => d.hints.length > 0).map((d) => d.document.n)).toEqual([1])
  }, 30_000)
})
