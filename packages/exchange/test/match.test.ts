import { describe, expect, it } from 'vitest'
import {
  bankDocumentKey,
  extractInvoiceRefs,
  matchReceipts,
  normaliseInvoiceNumber,
  type BankDocument,
  type MatchableInvoice,
  type Party,
} from '../src'
import { OUR_MAIN, PERSON_ACCOUNT, ROMASHKA_INN, SUPPLIER_INN } from './support/statement'

const nobody: Party = { name: null, inn: null, kpp: null, account: null, bik: null, bank: null }
const romashka: Party = {
  ...nobody,
  name: 'ООО "Ромашка"',
  inn: ROMASHKA_INN,
  kpp: '770501001',
  account: '40702810900000011111',
}

let n = 0
function receipt(
  amount: string,
  purpose: string,
  payer: Party = romashka,
  over: Partial<BankDocument> = {},
): BankDocument {
  n += 1
  return {
    n,
    kind: 'payment_order',
    type: 'Платежное поручение',
    number: String(100 + n),
    date: '2026-10-02',
    amount,
    payer,
    receiver: { ...nobody, account: OUR_MAIN },
    debited: '2026-10-02',
    credited: '2026-10-02',
    direction: 'incoming',
    ourAccount: OUR_MAIN,
    purpose,
    invoiceRefs: extractInvoiceRefs(purpose),
    lines: [1, 2],
    ...over,
  }
}

function invoice(
  id: string,
  number: string,
  date: string,
  outstanding: string,
  over: Partial<MatchableInvoice> = {},
): MatchableInvoice {
  return {
    id,
    number,
    date,
    outstanding,
    currency: 'RUB',
    companyId: 'c-romashka',
    payer: { inn: ROMASHKA_INN, kpp: '770501001' },
    accounts: [],
    ...over,
  }
}

const OPEN: MatchableInvoice[] = [
  invoice('i518', 'СЧ-00518', '2026-09-14', '150000.00'),
  invoice('i610', 'СЧ-00610', '2026-10-02', '12000.00'),
  invoice('i611', 'СЧ-00611', '2026-10-02', '8000.50'),
  invoice('i45', 'СЧ-00045', '2026-09-20', '4500.00'),
  invoice('i930', 'СЧ-00930', '2026-09-30', '3500.00', {
    companyId: null,
    payer: { inn: null, kpp: null },
    accounts: [PERSON_ACCOUNT],
  }),
  invoice('i700', 'СЧ-00700', '2026-09-01', '999.00', {
    payer: { inn: SUPPLIER_INN, kpp: null },
    companyId: 'c-other',
  }),
  invoice('iusd', 'СЧ-00800', '2026-09-01', '100.00', { currency: 'USD' }),
]
const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code)
const one = (doc: BankDocument, open = OPEN, options = {}) => matchReceipts([doc], open, options)[0]!

describe('matchReceipts', () => {
  it('normalises invoice numbers to their digits', () => {
    expect(['СЧ-00158', '158', '0158', 'сч-158'].map(normaliseInvoiceNumber)).toEqual(['158', '158', '158', '158'])
    expect(normaliseInvoiceNumber('00БП-000321')).toBe('321')
  })

  it('matches number, date, ИНН+КПП and the exact outstanding amount, and says why in ru and en', () => {
    const doc = receipt('150000.00', 'Оплата по счёту № 518 от 14.09.2026')
    const m = one(doc)
    expect(m).toMatchObject({ document: doc.n, status: 'matched', review: false, key: bankDocumentKey(doc) })
    expect(m.proposals[0]).toMatchObject({
      invoiceIds: ['i518'],
      allocations: [{ invoiceId: 'i518', amount: '150000.00' }],
      unallocated: '0.00',
    })
    expect(codes(m.reasons)).toEqual(['number_and_date', 'inn_kpp', 'amount_equal'])
    expect(m.reasons[0]!.params).toMatchObject({ number: 'СЧ-00518', date: '14.09.2026' })
    expect(m.explanation.ru).toBe(
      'В назначении платежа указан счёт № СЧ-00518 от 14.09.2026; ИНН 7705123452 и КПП 770501001 плательщика совпадают; ' +
        'сумма 150000.00 равна остатку к оплате',
    )
    expect(m.explanation.en).toBe(
      "The purpose names invoice No. СЧ-00518 of 14.09.2026; the payer's ИНН 7705123452 and КПП 770501001 match; " +
        'the amount 150000.00 equals the outstanding amount',
    )
  })

  it('proposes a partial payment with what it allocates', () => {
    const m = one(receipt('50000.00', 'Оплата по счету 518 от 14.09.2026 частично'))
    expect(m.status).toBe('matched')
    expect(codes(m.reasons)).toEqual(['number_and_date', 'inn_kpp', 'amount_partial'])
    expect(m.proposals[0]!.allocations).toEqual([{ invoiceId: 'i518', amount: '50000.00' }])
  })

  it('covers several invoices with one receipt when their outstanding amounts add up', () => {
    const m = one(receipt('20000.50', 'Оплата по счетам 610, 611 от 02.10.2026'))
    expect(m.status).toBe('matched')
    expect(m.proposals[0]).toMatchObject({
      invoiceIds: ['i610', 'i611'],
      allocations: [
        { invoiceId: 'i610', amount: '12000.00' },
        { invoiceId: 'i611', amount: '8000.50' },
      ],
      unallocated: '0.00',
    })
    expect(codes(m.reasons)).toEqual(['number_and_date', 'number_and_date', 'inn_kpp', 'sum_of_invoices'])
    expect(m.explanation.en).toContain('the outstanding total of invoices СЧ-00610, СЧ-00611')
  })

  it('adds amounts exactly (0.10 + 0.20 = 0.30), never in floats', () => {
    const open = [invoice('a', '11', '2026-10-01', '0.10'), invoice('b', '12', '2026-10-01', '0.20')]
    const m = one(receipt('0.30', 'по счетам 11 и 12'), open)
    expect(m.proposals[0]!.invoiceIds).toEqual(['a', 'b'])
    expect(codes(m.reasons)).toContain('sum_of_invoices')
  })

  it('applies the tolerance from the options', () => {
    const doc = receipt('149999.50', 'Оплата по счёту № 518 от 14.09.2026')
    expect(codes(one(doc).reasons)).toContain('amount_partial')
    expect(codes(one(doc, OPEN, { tolerance: { absolute: '1.00' } }).reasons)).toContain('amount_within_tolerance')
    expect(codes(one(doc, OPEN, { tolerance: { percent: '0.0001' } }).reasons)).toContain('amount_partial') // 0.15 < 0.50
    expect(codes(one(doc, OPEN, { tolerance: { percent: '0.001' } }).reasons)).toContain('amount_within_tolerance')
  })

  it('finds an individual without ИНН by the account in the customer bank details', () => {
    const person: Party = { ...nobody, name: 'Иванов Пётр Сергеевич', account: PERSON_ACCOUNT }
    const m = one(receipt('3500.00', 'Оплата по счету N 930 от 30.09.2026г.', person))
    expect(m.status).toBe('matched')
    expect(codes(m.reasons)).toEqual(['number_and_date', 'account', 'amount_equal'])
    // without a number, the account and the amount alone are proposed for review
    const weak = one(receipt('3500.00', 'Оплата за услуги', person))
    expect(weak.status).toBe('review')
    expect(weak.proposals[0]!.invoiceIds).toEqual(['i930'])
    expect(codes(weak.reasons)).toEqual(['weak', 'account', 'amount_equal'])
  })

  it('matches a short number only in the keyword context', () => {
    const stranger: Party = { ...nobody, name: 'ООО "Неизвестно"', inn: '5003123779', account: '40702810000000099999' }
    expect(one(receipt('4500.00', 'Оплата по сч. 45', stranger)).proposals[0]!.invoiceIds).toEqual(['i45'])
    const m = one(receipt('4500.00', 'Оплата за 45 шт. по договору 45', stranger))
    expect(m.status).toBe('unmatched')
    expect(codes(m.reasons)).toEqual(['no_candidates'])
    expect(m.explanation.ru).toBe('Ни номер счёта, ни плательщик, ни сумма не подходят ни к одному открытому счёту')
  })

  it('sends equally good candidates to review', () => {
    const open = [invoice('old', '45', '2025-03-01', '4500.00'), invoice('new', 'СЧ-045', '2026-09-20', '4500.00')]
    const m = one(receipt('4500.00', 'Оплата по счету 45'), open)
    expect(m.status).toBe('review')
    expect(codes(m.reasons)[0]).toBe('ambiguous')
    expect(m.proposals.map((p) => p.invoiceIds[0]).sort()).toEqual(['new', 'old'])
    // the date tells them apart
    expect(one(receipt('4500.00', 'Оплата по счету 45 от 20.09.2026'), open)).toMatchObject({
      status: 'matched',
      proposals: [{ invoiceIds: ['new'] }, { invoiceIds: ['old'] }],
    })
  })

  it('distrusts a number whose invoice belongs to another payer', () => {
    const m = one(receipt('999.00', 'Оплата по счету 700 от 01.09.2026'))
    expect(m.status).toBe('review')
    expect(codes(m.proposals[0]!.reasons)).toEqual(['number_and_date', 'inn_differs', 'amount_equal'])
  })

  it('proposes a known payer invoice without a number only when the amount fits, and only for review', () => {
    const m = one(receipt('4500.00', 'Оплата за сентябрь'))
    expect(m.status).toBe('review')
    expect(m.proposals.map((p) => p.invoiceIds)).toEqual([['i45']])
    expect(codes(m.reasons)).toEqual(['weak', 'inn_kpp', 'amount_equal'])
  })

  it('does not compare amounts across currencies', () => {
    const m = one(receipt('100.00', 'Оплата по счету 800 от 01.09.2026'))
    expect(codes(m.proposals[0]!.reasons)).toEqual(['number_and_date', 'inn_kpp', 'currency_differs'])
  })

  it('flags a КПП that differs from the requisites (a branch)', () => {
    const branch = { ...romashka, kpp: '770502002' }
    const m = one(receipt('150000.00', 'Оплата по счёту № 518 от 14.09.2026', branch))
    expect(codes(m.reasons)).toEqual(['number_and_date', 'inn', 'kpp_differs', 'amount_equal'])
  })

  it('matches only incoming documents', () => {
    const out = receipt('150000.00', 'Оплата по счёту № 518', romashka, { direction: 'outgoing' })
    const internal = receipt('150000.00', 'Оплата по счёту № 518', romashka, { direction: 'internal' })
    const incoming = receipt('150000.00', 'Оплата по счёту № 518')
    expect(matchReceipts([out, internal, incoming], OPEN).map((m) => m.document)).toEqual([incoming.n])
  })
})
