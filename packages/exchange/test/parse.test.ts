import { describe, expect, it } from 'vitest'
import { bankDocumentKey, parseClientBankExchange, type ClientBankStatement } from '../src'
import {
  DECLARED,
  ENCODINGS,
  OUR_INN,
  OUR_MAIN,
  OUR_SECOND,
  PERSON_ACCOUNT,
  ROMASHKA_INN,
  documents,
  encode,
  statementBytes,
  statementLines,
} from './support/statement'

const codes = (s: ClientBankStatement) => s.issues.map((i) => `${i.severity}:${i.code}:${i.field}:${i.line}`)
const docsOnly = (s: ClientBankStatement) => s.documents.map(({ lines: _lines, ...d }) => d)

describe.each(ENCODINGS)('the project statement in %s', (encoding) => {
  const s = parseClientBankExchange(statementBytes(encoding))

  it('is read as the encoding it really is, with no issues', () => {
    expect(s.encoding).toBe(encoding)
    expect(s.issues).toEqual([])
    expect(s.outcome).toBe('complete')
  })

  it('reads the header and the account section', () => {
    expect(s.header).toEqual({
      version: '1.03',
      declaredEncoding: DECLARED[encoding],
      sender: 'Банк Полярный',
      receiver: '1С:Бухгалтерия',
      created: '2026-10-03T09:15:00',
      period: { start: '2026-10-01', end: '2026-10-02' },
      accounts: [OUR_MAIN, OUR_SECOND],
    })
    expect(s.accountSections).toEqual([
      {
        account: OUR_MAIN,
        period: { start: '2026-10-01', end: '2026-10-02' },
        openingBalance: '100000.00',
        totalIn: '153500.00',
        totalOut: '62150.50',
        closingBalance: '191349.50',
      },
    ])
  })

  it('keeps every document, numbered by position, with its kind and lines', () => {
    expect(s.documents.map((d) => [d.n, d.kind, d.type, d.lines])).toEqual([
      [1, 'payment_order', 'Платежное поручение', [21, 41]],
      [2, 'payment_order', 'Платежное поручение', [42, 57]],
      [3, 'bank_order', 'Банковский ордер', [58, 68]],
      [4, 'payment_order', 'Платежное поручение', [69, 82]],
      [5, 'payment_order', 'Платежное поручение', [83, 96]],
      [6, 'other', 'Мемориальный ордер', [97, 105]],
    ])
  })

  it('derives direction from our accounts and the dates, not from ДатаСписано alone', () => {
    expect(s.documents.map((d) => [d.direction, d.ourAccount])).toEqual([
      ['incoming', OUR_MAIN], // ДатаСписано is filled here too
      ['outgoing', OUR_MAIN],
      ['outgoing', OUR_MAIN],
      ['incoming', OUR_MAIN],
      ['internal', OUR_MAIN],
      ['unknown', null],
    ])
  })

  it('normalises amounts and dates', () => {
    expect(s.documents.map((d) => [d.number, d.date, d.amount, d.debited, d.credited])).toEqual([
      ['318', '2026-10-01', '150000.00', '2026-10-01', '2026-10-01'],
      ['55', '2026-10-01', '50000.00', '2026-10-01', null],
      ['90211', '2026-10-02', '2150.50', '2026-10-02', null],
      ['7', '2026-10-02', '3500.00', '2026-10-02', '2026-10-02'],
      ['56', '2026-10-02', '10000.00', '2026-10-02', '2026-10-02'],
      ['12', '2026-10-02', '3500.00', '2026-10-02', null],
    ])
  })

  it('reads parties: names without the ИНН prefix, "0" as no ИНН, the bank in one string', () => {
    const [d1, d2, , d4] = s.documents
    expect(d1!.payer).toEqual({
      name: 'ООО "Ромашка"',
      inn: ROMASHKA_INN,
      kpp: '770501001',
      account: '40702810900000011111',
      bik: '044525999',
      bank: 'АО "Банк Речной" г. Москва',
    })
    expect(d1!.receiver.name).toBe('ООО "Северный ветер"')
    expect(d2!.payer.name).toBe('ООО "Северный ветер"')
    expect(d2!.payer.inn).toBe(OUR_INN)
    expect(d4!.payer).toEqual({
      name: 'Иванов Пётр Сергеевич',
      inn: null,
      kpp: null,
      account: PERSON_ACCOUNT,
      bik: null,
      bank: null,
    })
  })

  it('takes the full purpose once, or joins the lines; whitespace and NBSP normalised; "=" kept', () => {
    expect(s.documents.map((d) => d.purpose)).toEqual([
      'Оплата по счёту № 518 от 14.09.2026 за оборудование. В т.ч. НДС 20% - 25000.00',
      'Оплата по договору № 7/К от 01.09.2026 за сентябрь, НДС не облагается',
      'Комиссия за ведение счёта за сентябрь 2026 г.',
      'Оплата по счету N 930 от 30.09.2026г. без НДС; код=А1=Б2',
      'Перевод собственных средств',
      'Перенос с транзитного счёта',
    ])
    expect(s.documents.map((d) => d.invoiceRefs)).toEqual([
      [{ number: '518', date: '2026-09-14' }],
      [],
      [],
      [{ number: '930', date: '2026-09-30' }],
      [],
      [],
    ])
  })
})

describe('decoding', () => {
  it('reads UTF-8 first even when the header says Windows, and warns', () => {
    const s = parseClientBankExchange(statementBytes('utf-8', { declared: 'Windows' }))
    expect(s.encoding).toBe('utf-8')
    expect(s.documents).toHaveLength(6)
    expect(codes(s)).toEqual(['warning:encoding_mismatch:Кодировка:3'])
    expect(s.outcome).toBe('complete')
  })

  it('reads CP866 when the header says DOS, and CP1251 otherwise', () => {
    const text = statementLines({ declared: 'DOS' }).join('\r\n') + '\r\n'
    expect(parseClientBankExchange(encode(text, 'ibm866')).documents[0]!.payer.name).toBe('ООО "Ромашка"')
    const lying = parseClientBankExchange(encode(text.replace('Кодировка=DOS', 'Кодировка=Windows'), 'ibm866'))
    // a CP866 file that claims Windows decodes to nonsense rather than failing: the names show it
    expect(lying.encoding).toBe('windows-1251')
    expect(lying.documents.length).toBeLessThan(6)
  })

  it.each([
    ['CRLF', '\r\n', true],
    ['LF', '\n', true],
    ['CRLF without a final line break', '\r\n', false],
    ['LF without a final line break', '\n', false],
  ])('reads %s the same', (_name, eol, finalEol) => {
    const crlf = parseClientBankExchange(statementBytes('windows-1251'))
    const s = parseClientBankExchange(statementBytes('windows-1251', { eol, finalEol }))
    expect(s.outcome).toBe('complete')
    expect(s.documents).toEqual(crlf.documents)
  })

  it('reads mixed line endings', () => {
    const lines = statementLines({ declared: 'Windows' })
    const text = lines.map((l, i) => l + (i % 3 === 0 ? '\n' : '\r\n')).join('')
    const s = parseClientBankExchange(encode(text, 'windows-1251'))
    expect(s.issues).toEqual([])
    expect(s.documents).toHaveLength(6)
  })

  it('takes a single UTF-8 marker line inside a CP1251 file, with a warning', () => {
    const lines = statementLines({ declared: 'Windows', end: false })
    const bytes = new Uint8Array([
      ...encode(lines.join('\r\n') + '\r\n', 'windows-1251'),
      ...encode('КонецФайла\r\n', 'utf-8'),
    ])
    const s = parseClientBankExchange(bytes)
    expect(s.encoding).toBe('windows-1251')
    expect(codes(s)).toEqual([`warning:encoding_mismatch:КонецФайла:${lines.length + 1}`])
    expect(s.outcome).toBe('complete')
  })

  it('rejects a file that is not a client-bank statement', () => {
    const s = parseClientBankExchange(encode('Дата;Сумма\r\n01.10.2026;100\r\n', 'utf-8'))
    expect(s.outcome).toBe('rejected')
    expect(codes(s)).toEqual(['error:not_client_bank:1CClientBankExchange:1'])
  })
})

describe('errors stay in their document', () => {
  const withChange = (index: number, from: string, to: string) =>
    documents().map((d, i) => (i === index ? d.map((l) => (l === from ? to : l)) : d))

  it.each([
    ['Сумма=150000', 'Сумма=150000,00', 'invalid_amount', 'Сумма', 24],
    ['Сумма=150000', 'Сумма=150 000.00', 'invalid_amount', 'Сумма', 24],
    ['Сумма=150000', 'Сумма=1.005', 'invalid_amount', 'Сумма', 24],
    ['Сумма=150000', 'Сумма=', 'missing_field', 'Сумма', 21],
    ['Дата=01.10.2026', 'Дата=31.02.2026', 'invalid_date', 'Дата', 23],
    ['Дата=01.10.2026', 'Дата=2026-10-01', 'invalid_date', 'Дата', 23],
    ['ДатаПоступило=01.10.2026', 'ДатаПоступило=32.10.2026', 'invalid_date', 'ДатаПоступило', 34],
  ])('%s → %s is %s on that document only', (from, to, code, field, line) => {
    const s = parseClientBankExchange(statementBytes('windows-1251', { docs: withChange(0, from, to) }))
    expect(s.issues).toEqual([expect.objectContaining({ severity: 'error', code, field, line, document: 1 })])
    expect(s.documents.map((d) => d.n)).toEqual([2, 3, 4, 5, 6])
    expect(s.outcome).toBe('partial')
  })

  it('keeps a document whose ИНН fails the checksum, with a warning naming the field', () => {
    const docs = withChange(0, `ПлательщикИНН=${ROMASHKA_INN}`, 'ПлательщикИНН=7705123453')
    const s = parseClientBankExchange(statementBytes('utf-8', { docs }))
    expect(codes(s)).toEqual(['warning:invalid_inn:ПлательщикИНН:28'])
    expect(s.documents).toHaveLength(6)
    expect(s.documents[0]!.payer.inn).toBe('7705123453')
    expect(s.outcome).toBe('complete')
  })

  it('warns when the account section does not add up', () => {
    const lines = statementLines({ declared: 'UTF-8' }).map((l) =>
      l === 'КонечныйОстаток=191349.50' ? 'КонечныйОстаток=191349.51' : l,
    )
    const s = parseClientBankExchange(encode(lines.join('\r\n'), 'utf-8'))
    expect(codes(s)).toEqual(['warning:totals_mismatch:КонечныйОстаток:19'])
  })

  it('keeps a document whose СекцияДокумент names no kind, as other', () => {
    const s = parseClientBankExchange(
      statementBytes('utf-8', { docs: withChange(5, 'СекцияДокумент=Мемориальный ордер', 'СекцияДокумент') }),
    )
    expect(codes(s)).toEqual(['warning:missing_field:СекцияДокумент:97'])
    expect(s.documents[5]).toMatchObject({ kind: 'other', type: '' })
  })
})

describe('a file cut off', () => {
  const cut = (lines: string[], at: number) => encode(lines.slice(0, at).join('\r\n'), 'windows-1251')

  it('mid-document: reports truncated on СекцияДокумент, never imports the unfinished document', () => {
    const lines = statementLines({ declared: 'Windows' })
    const s = parseClientBankExchange(cut(lines, 75)) // inside document 4 (lines 69…82)
    expect(s.documents.map((d) => d.n)).toEqual([1, 2, 3])
    expect(s.issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'truncated', field: 'СекцияДокумент', line: 69, document: 4 }),
    ])
    expect(s.outcome).toBe('partial')
  })

  it('right after a document: truncated on КонецФайла, the finished documents kept, never complete', () => {
    const lines = statementLines({ declared: 'Windows' })
    const s = parseClientBankExchange(cut(lines, 82))
    expect(s.documents.map((d) => d.n)).toEqual([1, 2, 3, 4])
    expect(codes(s)).toEqual(['error:truncated:КонецФайла:82'])
    expect(s.outcome).toBe('partial')
  })

  it('inside the only document: rejected', () => {
    const lines = statementLines({ declared: 'Windows', docs: [documents()[0]!] })
    const s = parseClientBankExchange(cut(lines, 30))
    expect(s.documents).toEqual([])
    expect(s.outcome).toBe('rejected')
  })

  it('a document left open by the next СекцияДокумент is dropped, the next one read', () => {
    const docs = documents()
    docs[1] = docs[1]!.filter((l) => l !== 'КонецДокумента')
    const s = parseClientBankExchange(statementBytes('utf-8', { docs }))
    expect(s.documents.map((d) => d.n)).toEqual([1, 3, 4, 5, 6])
    expect(codes(s)).toEqual(['error:truncated:СекцияДокумент:42'])
    expect(s.outcome).toBe('partial')
  })
})

describe('options and keys', () => {
  it('ourAccounts replaces the header accounts', () => {
    const s = parseClientBankExchange(statementBytes('utf-8'), { ourAccounts: ['47422810000000000003'] })
    expect(s.documents.map((d) => d.direction)).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'outgoing',
    ])
  })

  it('uses header accounts even when they come after the documents', () => {
    const lines = statementLines({ declared: 'UTF-8' })
    const accounts = lines.filter((l) => l.startsWith('РасчСчет=')).slice(0, 2)
    const moved = lines.filter((l, i) => !(accounts.includes(l) && i < 12))
    moved.splice(moved.length - 1, 0, ...accounts)
    const s = parseClientBankExchange(encode(moved.join('\n'), 'utf-8'))
    expect(s.header.accounts).toEqual([OUR_MAIN, OUR_SECOND])
    expect(s.documents.map((d) => d.direction)).toEqual([
      'incoming',
      'outgoing',
      'outgoing',
      'incoming',
      'internal',
      'unknown',
    ])
  })

  it('gives every document a stable key, equal across a re-export and an overlapping statement', () => {
    const whole = parseClientBankExchange(statementBytes('windows-1251'))
    const overlap = parseClientBankExchange(statementBytes('utf-8', { docs: documents().slice(3), eol: '\n' }))
    const keys = whole.documents.map(bankDocumentKey)
    expect(new Set(keys).size).toBe(6)
    expect(keys[0]).toBe(`${OUR_MAIN}|2026-10-01|318|150000.00|40702810900000011111`)
    expect(overlap.documents.map(bankDocumentKey)).toEqual(keys.slice(3))
    expect(docsOnly(overlap).map((d) => d.n)).toEqual([1, 2, 3])
  })
})
