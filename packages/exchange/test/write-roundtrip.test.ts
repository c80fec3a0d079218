import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  encodableCharacters,
  parseClientBankExchange,
  withInnCheckDigits,
  writeClientBankExchange,
  type Party,
  type WritableDocument,
  type WritableStatement,
} from '../src'
import { ENCODINGS } from './support/statement'

// Characters all three encodings can write (printable ASCII plus what CP1251 and CP866 share: Cyrillic, №, NBSP…).
const cp866 = new Set(encodableCharacters('ibm866'))
const shared = encodableCharacters('windows-1251').filter((c) => cp866.has(c))
const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))
const char = fc.constantFrom(...ascii, ...shared)
const text = (maxLength: number) => fc.string({ unit: char, maxLength }).map((s) => s.trim())
const someText = (maxLength: number) => text(maxLength).filter((s) => s !== '')
const orNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null })
const digits = (n: number) => fc.stringMatching(new RegExp(`^[1-9]\\d{${n - 1}}$`))

const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const amount = fc.bigInt({ min: 0n, max: 10n ** 15n }).map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`)
const inn = fc.oneof(digits(9), digits(10)).map(withInnCheckDigits)

const statement = fc.uniqueArray(digits(20), { minLength: 1, maxLength: 3 }).chain((ours) => {
  const account = orNull(fc.oneof(fc.constantFrom(...ours), digits(20)))
  const party: fc.Arbitrary<Party> = fc.record({
    name: orNull(someText(40)),
    inn: orNull(inn),
    kpp: orNull(digits(9)),
    account,
    bik: orNull(digits(9)),
    bank: orNull(someText(30)),
  })
  const doc: fc.Arbitrary<WritableDocument> = fc.record({
    type: fc.oneof(
      fc.constantFrom('Платежное поручение', 'Банковский ордер', 'Платежное требование', 'Аккредитив'),
      someText(20),
    ),
    number: someText(10),
    date: isoDate,
    amount,
    payer: party,
    receiver: party,
    debited: orNull(isoDate),
    credited: orNull(isoDate),
    purpose: text(200).map((s) => s.replace(/\s+/g, ' ')),
  })
  return fc.record({
    header: fc.record({
      sender: orNull(someText(20)),
      receiver: orNull(someText(20)),
      created: orNull(isoDate.map((d) => `${d}T10:20:30`)),
      period: fc.record({ start: orNull(isoDate), end: orNull(isoDate) }),
      accounts: fc.constant(ours),
    }),
    documents: fc.array(doc, { maxLength: 6 }),
  })
})

describe('writeClientBankExchange', () => {
  it('writes statements that parse back to the same documents in every encoding', () => {
    fc.assert(
      fc.property(statement, (s: WritableStatement) => {
        const parsed = ENCODINGS.map((encoding) => {
          const bytes = writeClientBankExchange(s, { encoding })
          if (!bytes.ok) throw new Error(bytes.error.message)
          const back = parseClientBankExchange(bytes.value)
          expect(back.encoding).toBe(encoding)
          expect(back.issues.filter((i) => i.severity === 'error')).toEqual([])
          expect(back.outcome).toBe('complete')
          expect(back.header).toMatchObject({
            ...s.header,
            declaredEncoding: { 'windows-1251': 'Windows', ibm866: 'DOS', 'utf-8': 'UTF-8' }[encoding],
          })
          return back.documents
        })
        const written = s.documents.map((d, i) => ({ n: i + 1, ...d }))
        for (const docs of parsed) {
          expect(
            docs.map(({ n, type, number, date, amount, payer, receiver, debited, credited, purpose }) => ({
              n,
              type,
              number,
              date,
              amount,
              payer,
              receiver,
              debited,
              credited,
              purpose,
            })),
          ).toEqual(written)
          expect(docs).toEqual(parsed[0])
        }
      }),
      { numRuns: 80 },
    )
  }, 60_000) // 80 statements × 3 encodings; the CI machine is shared

  it('refuses, with a typed error, what the format or the code page cannot carry', () => {
    const base: WritableStatement = {
      header: { sender: null, receiver: null, created: null, period: { start: null, end: null }, accounts: [] },
      documents: [],
    }
    const doc: WritableDocument = {
      type: 'Платежное поручение',
      number: '1',
      date: '2026-10-01',
      amount: '10.00',
      payer: { name: 'ООО «Ромашка»', inn: null, kpp: null, account: null, bik: null, bank: null },
      receiver: { name: null, inn: null, kpp: null, account: null, bik: null, bank: null },
      debited: null,
      credited: null,
      purpose: 'Оплата',
    }
    expect(writeClientBankExchange({ ...base, documents: [doc] }, { encoding: 'windows-1251' }).ok).toBe(true)
    expect(writeClientBankExchange({ ...base, documents: [doc] }, { encoding: 'ibm866' })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'unencodable_character', field: 'Плательщик', document: 1 }),
    })
    expect(
      writeClientBankExchange({ ...base, documents: [{ ...doc, purpose: 'a\nb' }] }, { encoding: 'utf-8' }),
    ).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'invalid_value', field: 'НазначениеПлатежа', document: 1 }),
    })
    expect(
      writeClientBankExchange({ ...base, documents: [{ ...doc, amount: '10,00' }] }, { encoding: 'utf-8' }),
    ).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'invalid_value', field: 'Сумма' }),
    })
  })
})
