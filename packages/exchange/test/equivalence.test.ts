// The speed work of issue #16 must not change a single result: on random input (messy statements, purposes, amounts,
// invoices and receipts) the package gives exactly what the code before it gave (kept in support/reference).
import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  encodableCharacters,
  encodeText,
  extractInvoiceRefs,
  isValidInn,
  matchReceipts,
  normaliseInvoiceNumber,
  normalisePurpose,
  parseAmount,
  parseClientBankExchange,
  withInnCheckDigits,
  type BankDocument,
  type MatchableInvoice,
  type Party,
} from '../src'
import { parseRuDate } from '../src/dates'
import { parseRuDate as refParseRuDate } from './support/reference/dates'
import { isValidInn as refIsValidInn } from './support/reference/inn'
import { extractInvoiceRefs as refExtractInvoiceRefs } from './support/reference/invoice-refs'
import { matchReceipts as refMatchReceipts, normaliseInvoiceNumber as refNormalise } from './support/reference/match'
import { normalisePurpose as refNormalisePurpose, parseClientBankExchange as refParse } from './support/reference/parse'
import { ENCODINGS } from './support/statement'

// Characters every encoding can write, with the troublesome ones made likely.
const cp866 = new Set(encodableCharacters('ibm866'))
const shared = encodableCharacters('windows-1251').filter((c) => cp866.has(c))
const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))
const char = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ascii, ...shared) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\u00A0', '\t', '=', '0', '.', ',', '-', '№') },
)
const text = (maxLength: number) => fc.string({ unit: char, maxLength })

const KEYS = [
  'ВерсияФормата', 'Кодировка', 'Отправитель', 'Получатель', 'ДатаСоздания', 'ВремяСоздания', 'ДатаНачала',
  'ДатаКонца', 'РасчСчет', 'НачальныйОстаток', 'ВсегоПоступило', 'ВсегоСписано', 'КонечныйОстаток', 'Номер', 'Дата',
  'Сумма', 'ДатаСписано', 'ДатаПоступило', 'НазначениеПлатежа', 'НазначениеПлатежа1', 'НазначениеПлатежа3',
  'Плательщик', 'Плательщик1', 'ПлательщикИНН', 'ПлательщикКПП', 'ПлательщикСчет', 'ПлательщикРасчСчет',
  'ПлательщикБИК', 'ПлательщикБанк1', 'ПлательщикБанк2', 'Получатель1', 'ПолучательИНН', 'ПолучательКПП',
  'ПолучательСчет', 'ПолучательБИК', 'ПолучательБанк2', 'ВидПлатежа', 'Очередность', 'Плательщи', 'ДатаX',
] // prettier-ignore
const MARKERS = ['СекцияДокумент', 'КонецДокумента', 'СекцияРасчСчет', 'КонецРасчСчет', 'КонецФайла']
const ACCOUNTS = ['40702810400000012345', '40702810900000011111', '40817810500000098765']
const value = fc.oneof(
  text(30),
  fc.constantFrom(...ACCOUNTS, '0', '000', '7705123452', '7705123453', '500312377912', '770501001'),
  fc.constantFrom('01.10.2026', '29.02.2024', '29.02.2026', '1.10.2026', '31.04.2026', '00.01.2026', '2026-10-01'),
  fc.constantFrom('150000', '150000.5', '0150.50', '000', '1,50', '1e3', '.5', '12345678901234567', '7.'),
  fc.constantFrom('Платежное поручение', 'Банковский ордер', ' аккредитив ', 'Прочее'),
  fc.constantFrom('Оплата по счёту № 518 от 14.09.2026', 'опл. по сч.7 от 1.9.26', '№ СЧ-0042', 'р/сч 123'),
  fc.constantFrom('ИНН 7705123452 ООО "Ромашка"', '7705123452, ООО "Ромашка"'),
)
const pad = fc.constantFrom('', '', '', ' ', '\u00A0', '\t')
const line = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(pad, fc.constantFrom(...KEYS), pad, value).map(([a, k, b, v]) => `${a}${k}${b}=${v}`),
  },
  { weight: 3, arbitrary: fc.tuple(pad, fc.constantFrom(...MARKERS), pad).map(([a, m, b]) => `${a}${m}${b}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...MARKERS), value).map(([m, v]) => `${m}=${v}`) },
  { weight: 1, arbitrary: fc.oneof(text(20), fc.constantFrom('', ' ', '=', '=x', 'КонецФайлаX')) },
)
// A statement-shaped list of lines: magic, header, then documents and sections (mostly well formed, often not).
const documentLines = fc
  .tuple(fc.constantFrom(...MARKERS.slice(0, 1)), value, fc.array(line, { maxLength: 12 }), fc.boolean())
  .map(([start, kind, body, end]) => [`${start}=${kind}`, ...body, ...(end ? ['КонецДокумента'] : [])])
const statementLines = fc
  .tuple(
    fc.constantFrom('1CClientBankExchange', '\uFEFF1CClientBankExchange', ' 1CClientBankExchange', 'Выписка'),
    fc.array(line, { maxLength: 8 }),
    fc.array(fc.oneof({ weight: 4, arbitrary: documentLines }, { weight: 1, arbitrary: fc.array(line) }), {
      maxLength: 6,
    }),
    fc.boolean(),
  )
  .map(([magic, head, body, end]) => [magic, ...head, ...body.flat(), ...(end ? ['КонецФайла'] : [])])
const terminator = fc.constantFrom('\r\n', '\r\n', '\n', '\r')

describe('the parser gives what the parser before the speed work gave', () => {
  it('on random, often malformed statements in every encoding, with CRLF, LF and lone CR', () => {
    fc.assert(
      fc.property(
        statementLines,
        fc.array(terminator, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.constantFrom(...ENCODINGS),
        fc.option(fc.subarray(ACCOUNTS), { nil: undefined }),
        (lines, terminators, finalTerminator, encoding, ourAccounts) => {
          const joined =
            lines.map((l, i) => l + (i < lines.length - 1 ? terminators[i % terminators.length] : '')).join('') +
            (finalTerminator ? terminators[0] : '')
          // A BOM exists only in UTF-8; the code pages cannot write it.
          const bytes = encodeText(encoding === 'utf-8' ? joined : joined.replace('\uFEFF', ''), encoding)
          if (!bytes.ok) throw new Error(`cannot encode ${bytes.char}`)
          const options = ourAccounts ? { ourAccounts } : {}
          expect(parseClientBankExchange(bytes.value, options)).toEqual(refParse(bytes.value, options))
        },
      ),
      { numRuns: 400 },
    )
  }, 60_000)

  it('formats amounts as decimal.js did, and refuses the same ones', () => {
    const amountLike = fc.stringMatching(/^[0-9]{0,17}([.,][0-9]{0,3})?$/)
    fc.assert(
      fc.property(amountLike, (v) => {
        const ok = /^\d{1,15}(\.\d{1,2})?$/.test(v)
        expect(parseAmount(v)).toBe(ok ? new Decimal(v).toFixed(2) : null)
      }),
      { numRuns: 2000 },
    )
  })

  it('normalises purposes, reads dates and checks ИННs as before', () => {
    fc.assert(
      fc.property(text(40), (s) => {
        expect(normalisePurpose(s)).toBe(refNormalisePurpose(s))
      }),
      { numRuns: 2000 },
    )
    const dateLike = fc.stringMatching(/^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{2,5}$/)
    fc.assert(
      fc.property(dateLike, (s) => {
        expect(parseRuDate(s)).toBe(refParseRuDate(s))
      }),
      { numRuns: 2000 },
    )
    const innLike = fc.oneof(
      fc.stringMatching(/^[0-9]{9,13}$/),
      fc.oneof(fc.stringMatching(/^[1-9][0-9]{8}$/), fc.stringMatching(/^[1-9][0-9]{9}$/)).map(withInnCheckDigits),
    )
    fc.assert(
      fc.property(innLike, (s) => {
        expect(isValidInn(s)).toBe(refIsValidInn(s))
      }),
      { numRuns: 2000 },
    )
  })

  it('finds the same invoice references in random purposes', () => {
    const words = fc.constantFrom(
      'Оплата', 'по', 'счёту', 'счету', 'счетам', 'сч.', 'сч', 'СЧ-0042', 'сч-т', 'Invoice', 'inv.', '№', 'N', 'No.',
      '518', '7', '00БП-000321', '610,', '611', 'и', 'от', '14.09.2026', '1.9.26', '2 октября 2026', 'г.', 'НДС',
      '20%', '1500.00', 'руб', 'договору', '7/К', 'счёт-фактура', 'сч/ф', 'п/п', 'р/сч', '40702810400000012345',
      'лицевой', 'счёт', '\u00A0', ',', ';', 'за', 'товар',
    ) // prettier-ignore
    const purpose = fc.array(words, { maxLength: 14 }).map((w) => w.join(' '))
    fc.assert(
      fc.property(fc.oneof(purpose, text(60)), (p) => {
        expect(extractInvoiceRefs(p)).toEqual(refExtractInvoiceRefs(p))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('the matcher gives what the matcher before the speed work gave', () => {
  const inns = ['7705123452', '5003123779', '7728001115', '500312377912']
  const kpps = ['770501001', '770502002', null]
  const accounts = ['40702810900000011111', '40817810500000098765', '40702810000000022222']
  const amount = fc.bigInt({ min: 0n, max: 50_000n }).map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`)
  const invoiceNumber = fc.oneof(
    fc.integer({ min: 0, max: 40 }).map((n) => `СЧ-${String(n).padStart(5, '0')}`),
    fc.integer({ min: 0, max: 40 }).map(String),
    fc.constantFrom('00БП-000321', 'A-1-2', 'без номера', '000'),
  )
  const isoDay = fc.constantFrom('2026-09-14', '2026-10-02', null)
  const invoice = fc.record({
    number: invoiceNumber,
    date: isoDay,
    outstanding: fc.oneof(amount, fc.constantFrom('100', '99.999', '0')),
    currency: fc.constantFrom('RUB', 'RUB', 'RUB', 'EUR'),
    companyId: fc.constantFrom('c1', 'c2', null),
    payer: fc.record({ inn: fc.constantFrom(...inns, null), kpp: fc.constantFrom(...kpps) }),
    accounts: fc.subarray(accounts, { maxLength: 2 }),
  })
  const nobody: Party = { name: null, inn: null, kpp: null, account: null, bik: null, bank: null }

  it('on random open invoices and receipts', () => {
    fc.assert(
      fc.property(
        fc.array(invoice, { maxLength: 25 }),
        fc.array(
          fc.record({
            refs: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.boolean()), { maxLength: 3 }),
            words: fc.constantFrom('Оплата по счёту №', 'по счетам', 'опл. по сч.', 'за поставку'),
            amount: fc.oneof(amount, fc.constantFrom('100.00', '0.00')),
            inn: fc.constantFrom(...inns, null, '123'),
            kpp: fc.constantFrom(...kpps),
            account: fc.constantFrom(...accounts, null),
            direction: fc.constantFrom('incoming', 'incoming', 'incoming', 'outgoing'),
          }),
          { maxLength: 8 },
        ),
        fc.record({
          tolerance: fc.option(
            fc.record({ absolute: fc.constantFrom('0', '1.00', '50'), percent: fc.constantFrom('0', '1', '2.5') }),
            { nil: undefined },
          ),
          acceptScore: fc.option(fc.integer({ min: 30, max: 90 }), { nil: undefined }),
          margin: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        }),
        (invoices, receipts, options) => {
          const open: MatchableInvoice[] = invoices.map((x, i) => ({ id: `i${i}`, ...x }))
          const docs: BankDocument[] = receipts.map((r, i) => {
            const refs = r.refs.map(([n, dated]) => `${n}${dated ? ' от 14.09.2026' : ''}`).join(', ')
            const purpose = `${r.words} ${refs}`.trim()
            return {
              n: i + 1,
              kind: 'payment_order',
              type: 'Платежное поручение',
              number: String(i + 1),
              date: '2026-10-02',
              amount: r.amount,
              payer: { ...nobody, inn: r.inn, kpp: r.kpp, account: r.account },
              receiver: { ...nobody, account: '40702810400000012345' },
              debited: '2026-10-02',
              credited: '2026-10-02',
              direction: r.direction as BankDocument['direction'],
              ourAccount: '40702810400000012345',
              purpose,
              invoiceRefs: extractInvoiceRefs(purpose),
              lines: [1, 2],
            }
          })
          expect(matchReceipts(docs, open, options)).toEqual(refMatchReceipts(docs, open, options))
        },
      ),
      { numRuns: 400 },
    )
  }, 60_000)

  it('normalises invoice numbers as before', () => {
    fc.assert(
      fc.property(fc.oneof(text(12), fc.stringMatching(/^[A-ЯA-Z-]{0,3}[0-9]{0,4}[-/ ]?[0-9]{0,3}$/)), (s) => {
        expect(normaliseInvoiceNumber(s)).toBe(refNormalise(s))
      }),
      { numRuns: 3000 },
    )
  })
})
