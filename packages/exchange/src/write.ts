import { encodeText, type ExchangeEncoding } from './codepage'
import { toRuDate } from './dates'
import type { AccountSection, BankDocument, Party, StatementHeader } from './types'

export type WritableDocument = Pick<
  BankDocument,
  'type' | 'number' | 'date' | 'amount' | 'payer' | 'receiver' | 'debited' | 'credited' | 'purpose'
>
export interface WritableStatement {
  header: Pick<StatementHeader, 'sender' | 'receiver' | 'created' | 'period' | 'accounts'> & { version?: string }
  accountSections?: readonly AccountSection[]
  documents: readonly WritableDocument[]
}
export interface WriteError {
  code: 'unencodable_character' | 'invalid_value'
  /** The key whose value cannot be written. */
  field: string
  /** 1-based position of the document, when the value belongs to one. */
  document?: number
  message: string
}
export type WriteResult = { ok: true; value: Uint8Array } | { ok: false; error: WriteError }

const DECLARED: Record<ExchangeEncoding, string> = { 'windows-1251': 'Windows', ibm866: 'DOS', 'utf-8': 'UTF-8' }
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const AMOUNT = /^\d+\.\d{2}$/

type Line = [key: string, value: string | null, document?: number]

function partyLines(who: 'Плательщик' | 'Получатель', p: Party, n: number): Line[] {
  const lines: Line[] = [[`${who}Счет`, p.account, n]]
  // What banks write: the name with the ИНН in front, and the clean name in …1.
  if (p.name !== null) lines.push([who, p.inn ? `ИНН ${p.inn} ${p.name}` : p.name, n], [`${who}1`, p.name, n])
  lines.push(
    [`${who}ИНН`, p.inn, n],
    [`${who}КПП`, p.kpp, n],
    [`${who}РасчСчет`, p.account, n],
    [`${who}Банк1`, p.bank, n],
    [`${who}БИК`, p.bik, n],
  )
  return lines
}

function documentLines(d: WritableDocument, n: number): Line[] {
  return [
    ['СекцияДокумент', d.type, n],
    ['Номер', d.number, n],
    ['Дата', d.date, n],
    ['Сумма', d.amount, n],
    ...partyLines('Плательщик', d.payer, n),
    ['ДатаСписано', d.debited ?? '', n],
    ...partyLines('Получатель', d.receiver, n),
    ['ДатаПоступило', d.credited ?? '', n],
    ['НазначениеПлатежа', d.purpose, n],
    ['КонецДокумента', null, n],
  ]
}

const DATE_KEYS = new Set(['Дата', 'ДатаСписано', 'ДатаПоступило', 'ДатаНачала', 'ДатаКонца', 'ДатаСоздания'])
const AMOUNT_KEYS = new Set(['Сумма', 'НачальныйОстаток', 'ВсегоПоступило', 'ВсегоСписано', 'КонечныйОстаток'])
const MARKERS = new Set(['1CClientBankExchange', 'КонецРасчСчет', 'КонецДокумента', 'КонецФайла', 'СекцияРасчСчет'])

/**
 * Writes a statement in the 1CClientBankExchange format (CRLF, the header's Кодировка naming the encoding).
 * Used by the round-trip property tests and the benches (the demo's statement is written by the emulator itself,
 * so the parser is also checked against a file it did not write). Never throws on data: a value that cannot be
 * written (a line break, a character the code page lacks, a malformed date or amount) is a typed error.
 */
export function writeClientBankExchange(
  statement: WritableStatement,
  options: { encoding: ExchangeEncoding },
): WriteResult {
  const h = statement.header
  const lines: Line[] = [
    ['1CClientBankExchange', null],
    ['ВерсияФормата', h.version || '1.03'],
    ['Кодировка', DECLARED[options.encoding]],
    ['Отправитель', h.sender],
    ['Получатель', h.receiver],
    ['ДатаСоздания', h.created?.slice(0, 10) ?? null],
    ['ВремяСоздания', h.created?.slice(11, 19) ?? null],
    ['ДатаНачала', h.period.start],
    ['ДатаКонца', h.period.end],
    ...h.accounts.map((a): Line => ['РасчСчет', a]),
  ]
  for (const s of statement.accountSections ?? []) {
    lines.push(
      ['СекцияРасчСчет', null],
      ['ДатаНачала', s.period.start],
      ['ДатаКонца', s.period.end],
      ['РасчСчет', s.account],
      ['НачальныйОстаток', s.openingBalance],
      ['ВсегоПоступило', s.totalIn],
      ['ВсегоСписано', s.totalOut],
      ['КонечныйОстаток', s.closingBalance],
      ['КонецРасчСчет', null],
    )
  }
  statement.documents.forEach((d, i) => lines.push(...documentLines(d, i + 1)))
  lines.push(['КонецФайла', null])

  const chunks: Uint8Array[] = []
  for (const [key, raw, document] of lines) {
    if (raw === null && !MARKERS.has(key)) continue
    let value = raw ?? ''
    const fail = (code: WriteError['code'], message: string): WriteResult => ({
      ok: false,
      error: document === undefined ? { code, field: key, message } : { code, field: key, document, message },
    })
    if (/[\r\n]/.test(value)) return fail('invalid_value', `${key} contains a line break`)
    if (DATE_KEYS.has(key) && value !== '') {
      if (!ISO_DATE.test(value)) return fail('invalid_value', `${key}=${value} is not a yyyy-mm-dd date`)
      value = toRuDate(value)
    }
    if (AMOUNT_KEYS.has(key) && !AMOUNT.test(value)) return fail('invalid_value', `${key}=${value} is not like 1500.00`)
    const text = raw === null ? `${key}\r\n` : `${key}=${value}\r\n`
    const bytes = encodeText(text, options.encoding)
    if (!bytes.ok)
      return fail('unencodable_character', `${key} has "${bytes.char}", which ${options.encoding} cannot write`)
    chunks.push(bytes.value)
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return { ok: true, value: out }
}
