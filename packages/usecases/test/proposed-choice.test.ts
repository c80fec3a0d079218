import { describe, expect, it } from 'vitest'
import { demoBankStatement } from '@salesflow/emulator'
import { parseClientBankExchange, type MatchProposal, type ReceiptMatch } from '@salesflow/exchange'
import {
  DEFAULT_BANK_SETTINGS,
  choosableDocument,
  hintWords,
  leaveWords,
  proposedChoice,
  type BankInvoice,
  type LeaveReason,
  type ProposedChoice,
  type ReviewedDocument,
} from '../src'

const statement = parseClientBankExchange(demoBankStatement())
const receipt = statement.documents.find((d) => d.direction === 'incoming' && d.amount !== null)!
const outgoing = statement.documents.find((d) => d.direction === 'outgoing')!
const settings = { ...DEFAULT_BANK_SETTINGS, acceptScore: 70 }

const proposal = (score: number, amount = receipt.amount!): MatchProposal => ({
  invoiceIds: ['12'],
  allocations: [{ invoiceId: '12', amount }],
  unallocated: '0.00',
  score,
  reasons: [],
  explanation: { ru: '', en: '' },
})
const match = (status: ReceiptMatch['status'], proposals: MatchProposal[]): ReceiptMatch => ({
  document: receipt.n,
  key: 'acc|2026-11-18|1201|150000.00|payer',
  status,
  review: status !== 'matched',
  proposals,
  reasons: [],
  explanation: { ru: '', en: '' },
})
const reviewed = (over: Partial<ReviewedDocument> = {}): ReviewedDocument => ({
  file: 0,
  document: receipt,
  match: match('matched', [proposal(80)]),
  duplicate: false,
  applied: [],
  hints: [],
  ...over,
})
const reasonOf = (c: ProposedChoice): LeaveReason | 'apply' => (c.apply ? 'apply' : c.reason)

describe('proposedChoice: the one auto-apply rule of the Bank page and the worker', () => {
  it('applies a sure match at or above the threshold: the whole receipt onto the proposed invoice', () => {
    for (const score of [70, 95]) {
      const c = proposedChoice(reviewed({ match: match('matched', [proposal(score)]) }), settings)
      expect(c).toEqual({
        apply: true,
        score,
        receipt: expect.objectContaining({
          key: 'acc|2026-11-18|1201|150000.00|payer',
          amount: receipt.amount,
          allocations: [{ invoiceId: 12, amount: receipt.amount }],
        }),
      })
    }
  })

  it('what the proposal leaves unallocated goes onto its invoice (acceptProposal), never lost', () => {
    const p = { ...proposal(90, '100.00'), unallocated: '50.00' }
    const c = proposedChoice(reviewed({ match: match('matched', [p]) }), settings)
    expect(c.apply && c.receipt.allocations).toEqual([{ invoiceId: 12, amount: '150.00' }])
  })

  it('each reason to leave a document, in the order the rule asks', () => {
    const cases: [LeaveReason, ReviewedDocument, typeof settings | null][] = [
      ['NOT_RECEIPT', reviewed({ document: outgoing, match: null }), settings],
      ['DUPLICATE', reviewed({ duplicate: true }), settings],
      ['ALREADY_APPLIED', reviewed({ applied: [{ invoiceId: 12, number: 'СФ-12', paymentId: 7 }] }), settings],
      // Already applied wins over missing settings: the worker reports it as applied, not as waiting.
      ['ALREADY_APPLIED', reviewed({ applied: [{ invoiceId: 12, number: 'СФ-12', paymentId: 7 }] }), null],
      ['NO_BANK_SETTINGS', reviewed(), null],
      ['NOT_SURE', reviewed({ match: match('unmatched', []) }), settings],
      ['NOT_SURE', reviewed({ match: match('review', [proposal(90), proposal(88)]) }), settings],
      ['BELOW_THRESHOLD', reviewed({ match: match('matched', [proposal(69)]) }), settings],
      ['BELOW_THRESHOLD', reviewed({ match: match('review', [proposal(40)]) }), settings],
      ['ACCEPT_FAILED', reviewed({ match: match('matched', [proposal(90, 'abc')]) }), settings],
    ]
    for (const [reason, doc, s] of cases) expect([reason, reasonOf(proposedChoice(doc, s))]).toEqual([reason, reason])
  })

  it('a left document carries the score and the threshold, worded in ru and en', () => {
    const c = proposedChoice(reviewed({ match: match('matched', [proposal(55)]) }), settings)
    if (c.apply) throw new Error('applied below the threshold')
    expect(c).toMatchObject({ reason: 'BELOW_THRESHOLD', score: 55, threshold: 70 })
    expect(leaveWords(c)).toEqual({
      ru: 'оценка 55 ниже порога автоматического проведения 70',
      en: 'score 55 is below the auto-apply threshold 70',
    })
    const reasons: LeaveReason[] = [
      'NOT_RECEIPT',
      'DUPLICATE',
      'ALREADY_APPLIED',
      'NO_BANK_SETTINGS',
      'NOT_SURE',
      'BELOW_THRESHOLD',
      'ACCEPT_FAILED',
    ]
    const words = reasons.map((reason) => leaveWords({ apply: false, reason, score: 1, threshold: 2 }))
    for (const w of words) expect(w.ru && w.en && w.ru !== w.en).toBeTruthy()
    expect(new Set(words.map((w) => w.en)).size).toBe(reasons.length)
    // Not sure without any proposal is a payer no invoice fits, said so rather than «not sure».
    const none = proposedChoice(reviewed({ match: match('unmatched', []) }), settings)
    if (none.apply) throw new Error('applied without a proposal')
    expect(leaveWords(none)).toEqual({
      ru: 'подходящий счёт не найден: решает бухгалтер',
      en: 'no invoice fits: the accountant decides',
    })
  })

  it('only documents the accountant may choose for can be pre-selected', () => {
    const docs = [
      reviewed(),
      reviewed({ document: outgoing, match: null }),
      reviewed({ duplicate: true }),
      reviewed({ applied: [{ invoiceId: 12, number: 'СФ-12', paymentId: 7 }] }),
    ]
    expect(docs.map(choosableDocument)).toEqual([true, false, false, false])
    for (const d of docs) if (!choosableDocument(d)) expect(proposedChoice(d, settings).apply).toBe(false)
  })

  it('a draft hint names the invoice in both languages', () => {
    const invoice = { number: 'СФ-2026/0012' } as BankInvoice
    const w = hintWords({ invoice, reason: 'draft' })
    expect(w.ru).toContain('СФ-2026/0012')
    expect(w.ru).toContain('черновик')
    expect(w.en).toContain('draft')
  })
})
