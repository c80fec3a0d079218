import Decimal from 'decimal.js'
import { encodeText, type ExchangeEncoding } from './codepage'
import { decodeStatement, encodingOf } from './decode'
import { parseRuDate, parseTime } from './dates'
import { isValidInn } from './inn'
import {
  ACCOUNT_END,
  ACCOUNT_START,
  DOCUMENT_END,
  DOCUMENT_START,
  FIELD_NAMES,
  FILE_END,
  Fields,
  K,
  Lines,
  isSpace,
  keyCode,
} from './fields'
import { extractInvoiceRefs } from './invoice-refs'
import type {
  AccountSection,
  BankDocument,
  ClientBankStatement,
  Direction,
  DocumentKind,
  IssueCode,
  Party,
  StatementHeader,
  StatementIssue,
} from './types'

export interface ParseOptions {
  /** Our settlement accounts; default: the header's РасчСчет lines. */
  ourAccounts?: readonly string[]
}

const MAGIC = '1CClientBankExchange'
const MARKERS = new Set(['СекцияДокумент', 'КонецДокумента', 'СекцияРасчСчет', 'КонецРасчСчет', 'КонецФайла'])
const PURPOSE_LINES = [
  K.НазначениеПлатежа1,
  K.НазначениеПлатежа2,
  K.НазначениеПлатежа3,
  K.НазначениеПлатежа4,
  K.НазначениеПлатежа5,
  K.НазначениеПлатежа6,
]

const AMOUNT = /^\d{1,15}(\.\d{1,2})?$/

/**
 * Two decimals with a point; an integer is fine, a comma or anything else is not. Only the notation changes (no
 * leading zeros, two decimals), so it is done on the digits as written, with no number in between.
 */
export function parseAmount(value: string): string | null {
  if (!AMOUNT.test(value)) return null
  const dot = value.indexOf('.')
  const end = dot < 0 ? value.length : dot
  let start = 0
  while (start < end - 1 && value.charCodeAt(start) === 48) start++
  // Already written the way it is wanted (the usual case): the same string, no new one.
  if (start === 0 && dot >= 0 && value.length - dot === 3) return value
  const whole = value.slice(start, end)
  if (dot < 0) return `${whole}.00`
  return value.length - dot === 2 ? `${whole}${value.slice(dot)}0` : `${whole}${value.slice(dot)}`
}

/** Single plain spaces between words only: nothing to normalise (most purposes are already like this). */
function isNormalised(text: string): boolean {
  let afterSpace = true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 32) {
      if (afterSpace) return false
      afterSpace = true
    } else if (isSpace(c)) return false
    else afterSpace = false
  }
  return !afterSpace || text.length === 0
}

export function normalisePurpose(text: string): string {
  return isNormalised(text) ? text : text.replace(/[\s\u00A0]+/g, ' ').trim()
}

const KINDS: Record<string, DocumentKind> = {
  'платежное поручение': 'payment_order',
  'банковский ордер': 'bank_order',
  'платежное требование': 'payment_request',
  'инкассовое поручение': 'collection_order',
  аккредитив: 'letter_of_credit',
}
const kindCache = new Map<string, DocumentKind>()
export function kindOf(type: string): DocumentKind {
  let kind = kindCache.get(type)
  if (kind === undefined) {
    kind = KINDS[type.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim()] ?? 'other'
    if (kindCache.size < 100) kindCache.set(type, kind)
  }
  return kind
}

/** `Плательщик` is sometimes "<ИНН>, <name>" (VTB) or "ИНН <ИНН> <name>"; the name alone is wanted. */
function nameWithoutInn(value: string): string {
  return value.replace(/^(?:ИНН\s*)?\d{10,12}\s*(?:[,;]\s*|\s+)/i, '').trim()
}

/** ИНН/КПП "0" is how 1C writes "none" for individuals. */
function requisite(value: string | null): string | null {
  return value === null || (value.charCodeAt(0) === 48 && /^0+$/.test(value)) ? null : value
}

class Parser {
  readonly issues: StatementIssue[] = []
  errors = 0
  /** A statement's dates repeat (one period): each one is converted once, and its documents share the string. */
  private readonly isoDates = new Map<string, string | null>()

  issue(
    severity: 'error' | 'warning',
    code: IssueCode,
    line: number,
    field: string,
    message: string,
    document?: number,
  ) {
    if (severity === 'error') this.errors++
    this.issues.push(
      document === undefined
        ? { severity, code, line, field, message }
        : { severity, code, line, field, document, message },
    )
  }

  date(fields: Fields, slot: number, severity: 'error' | 'warning', document?: number): string | null {
    const v = fields.get(slot)
    if (v === undefined || v === '') return null
    let iso = this.isoDates.get(v)
    if (iso === undefined) {
      iso = parseRuDate(v)
      this.isoDates.set(v, iso)
    }
    if (iso === null) {
      const key = FIELD_NAMES[slot]!
      this.issue(severity, 'invalid_date', fields.line(slot), key, `${key}=${v} is not a dd.mm.yyyy date`, document)
    }
    return iso
  }

  amount(fields: Fields, slot: number, severity: 'error' | 'warning', document?: number): string | null {
    const v = fields.get(slot)
    if (v === undefined || v === '') return null
    const amount = parseAmount(v)
    if (amount === null) {
      const key = FIELD_NAMES[slot]!
      this.issue(
        severity,
        'invalid_amount',
        fields.line(slot),
        key,
        `${key}=${v} is not an amount like 1500.00`,
        document,
      )
    }
    return amount
  }
}

function value(fields: Fields, slot: number): string | null {
  const v = fields.get(slot)
  return v === undefined || v === '' ? null : v
}

function header(p: Parser, fields: Fields, accounts: string[], declared: string | null): StatementHeader {
  const version = value(fields, K.ВерсияФормата)
  if (version === null) p.issue('warning', 'missing_field', 1, 'ВерсияФормата', 'The header has no ВерсияФормата')
  const createdDate = p.date(fields, K.ДатаСоздания, 'warning')
  const time = value(fields, K.ВремяСоздания)
  return {
    version: version ?? '',
    declaredEncoding: declared,
    sender: value(fields, K.Отправитель),
    receiver: value(fields, K.Получатель),
    created: createdDate && `${createdDate}T${(time && parseTime(time)) ?? '00:00:00'}`,
    period: { start: p.date(fields, K.ДатаНачала, 'warning'), end: p.date(fields, K.ДатаКонца, 'warning') },
    accounts,
  }
}

function accountSection(p: Parser, fields: Fields, start: number): AccountSection {
  const s: AccountSection = {
    account: value(fields, K.РасчСчет) ?? '',
    period: { start: p.date(fields, K.ДатаНачала, 'warning'), end: p.date(fields, K.ДатаКонца, 'warning') },
    openingBalance: p.amount(fields, K.НачальныйОстаток, 'warning'),
    totalIn: p.amount(fields, K.ВсегоПоступило, 'warning'),
    totalOut: p.amount(fields, K.ВсегоСписано, 'warning'),
    closingBalance: p.amount(fields, K.КонечныйОстаток, 'warning'),
  }
  if (s.account === '') p.issue('warning', 'missing_field', start, 'РасчСчет', 'СекцияРасчСчет names no РасчСчет')
  const { openingBalance: o, totalIn: i, totalOut: out, closingBalance: c } = s
  if (o !== null && i !== null && out !== null && c !== null && !new Decimal(o).plus(i).minus(out).eq(c)) {
    const line = fields.line(K.КонечныйОстаток)
    p.issue(
      'warning',
      'totals_mismatch',
      line,
      'КонечныйОстаток',
      `${o} + ${i} − ${out} ≠ ${c} for account ${s.account}`,
    )
  }
  return s
}

const PAYER = {
  combined: K.Плательщик,
  name: K.Плательщик1,
  inn: K.ПлательщикИНН,
  kpp: K.ПлательщикКПП,
  account: K.ПлательщикСчет,
  settlementAccount: K.ПлательщикРасчСчет,
  bik: K.ПлательщикБИК,
  bank1: K.ПлательщикБанк1,
  bank2: K.ПлательщикБанк2,
}
const RECEIVER: typeof PAYER = {
  combined: K.Получатель,
  name: K.Получатель1,
  inn: K.ПолучательИНН,
  kpp: K.ПолучательКПП,
  account: K.ПолучательСчет,
  settlementAccount: K.ПолучательРасчСчет,
  bik: K.ПолучательБИК,
  bank1: K.ПолучательБанк1,
  bank2: K.ПолучательБанк2,
}

function party(p: Parser, fields: Fields, who: typeof PAYER, n: number): Party {
  const inn = requisite(value(fields, who.inn))
  if (inn !== null && !isValidInn(inn)) {
    const key = FIELD_NAMES[who.inn]!
    p.issue('warning', 'invalid_inn', fields.line(who.inn), key, `${key}=${inn} fails the ИНН checksum`, n)
  }
  const combined = value(fields, who.combined)
  const name = value(fields, who.name) ?? (combined === null ? null : nameWithoutInn(combined) || null)
  const bank1 = value(fields, who.bank1)
  const bank2 = value(fields, who.bank2)
  return {
    name,
    inn,
    kpp: requisite(value(fields, who.kpp)),
    account: value(fields, who.account) ?? value(fields, who.settlementAccount),
    bik: value(fields, who.bik),
    bank: bank1 === null ? bank2 : bank2 === null ? bank1 : `${bank1} ${bank2}`,
  }
}

function direction(
  payer: Party,
  receiver: Party,
  debited: string | null,
  credited: string | null,
  ours: ReadonlySet<string>,
): { direction: Direction; ourAccount: string | null } {
  const payerOurs = payer.account !== null && ours.has(payer.account)
  const receiverOurs = receiver.account !== null && ours.has(receiver.account)
  if (payerOurs && receiverOurs) return { direction: 'internal', ourAccount: payer.account }
  // A filled ДатаСписано alone does not make a payment outgoing: the account must be ours too.
  if (receiverOurs && credited !== null) return { direction: 'incoming', ourAccount: receiver.account }
  if (payerOurs && debited !== null) return { direction: 'outgoing', ourAccount: payer.account }
  return { direction: 'unknown', ourAccount: receiverOurs ? receiver.account : payerOurs ? payer.account : null }
}

function purposeOf(fields: Fields): string {
  const full = normalisePurpose(value(fields, K.НазначениеПлатежа) ?? '')
  // НазначениеПлатежа1..6 only repeat the full text split into lines: use them only when it is missing.
  if (full !== '') return full
  return normalisePurpose(
    PURPOSE_LINES.map((k) => value(fields, k))
      .filter((v) => v !== null)
      .join(' '),
  )
}

const REQUIRED = [K.Номер, K.Дата, K.Сумма]

function bankDocument(
  p: Parser,
  n: number,
  type: string,
  fields: Fields,
  lines: [number, number],
  ours: ReadonlySet<string>,
): BankDocument | null {
  const errorsBefore = p.errors
  for (const slot of REQUIRED) {
    const key = FIELD_NAMES[slot]!
    if (value(fields, slot) === null) p.issue('error', 'missing_field', lines[0], key, `Document ${n} has no ${key}`, n)
  }
  const date = p.date(fields, K.Дата, 'error', n)
  const amount = p.amount(fields, K.Сумма, 'error', n)
  const debited = p.date(fields, K.ДатаСписано, 'error', n)
  const credited = p.date(fields, K.ДатаПоступило, 'error', n)
  const payer = party(p, fields, PAYER, n)
  const receiver = party(p, fields, RECEIVER, n)
  // A document with an error is reported, not imported: half a payment is worse than none.
  if (p.errors > errorsBefore) return null
  const purpose = purposeOf(fields)
  // Read into the literal rather than spread: a spread makes V8 build the document the slow way.
  const way = direction(payer, receiver, debited, credited, ours)
  return {
    n,
    kind: kindOf(type),
    type,
    number: value(fields, K.Номер),
    date,
    amount,
    payer,
    receiver,
    debited,
    credited,
    direction: way.direction,
    ourAccount: way.ourAccount,
    purpose,
    invoiceRefs: extractInvoiceRefs(purpose),
    lines,
  }
}

/**
 * A tool that writes a code-page file but one line in UTF-8 (seen in the wild for the last КонецФайла): a line with
 * no '=' that turns into a known marker when its bytes are read as UTF-8 is taken in that reading.
 */
function markerInUtf8(line: string, encoding: ExchangeEncoding): string | null {
  if (encoding === 'utf-8' || line.includes('=') || MARKERS.has(line.trim()) || /^[\x00-\x7f]*$/.test(line)) return null
  const bytes = encodeText(line, encoding)
  if (!bytes.ok) return null
  try {
    const utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes.value).trim()
    return MARKERS.has(utf8) ? utf8 : null
  } catch {
    return null
  }
}

/** Reads a 1CClientBankExchange statement (kl_to_1c.txt). Pure: bytes in, data and issues out; never throws on data. */
export function parseClientBankExchange(bytes: Uint8Array, options: ParseOptions = {}): ClientBankStatement {
  const { text, encoding, declared } = decodeStatement(bytes)
  const lines = new Lines(text)
  const p = new Parser()
  const headerFields = new Fields()
  const accounts: string[] = []
  const sections: { fields: Fields; start: number }[] = []
  const documents: BankDocument[] = []
  const ours = new Set(options.ourAccounts ?? [])
  // Documents are built as soon as they end (so their raw fields die young); header accounts that come later
  // (never seen in practice) make the directions be worked out again at the end.
  let accountsWhenBuilt = -1

  let first = lines.next() ? lines.line() : null
  while (first !== null && first.trim() === '') first = lines.next() ? lines.line() : null
  if (first === null || first.replace(/^\uFEFF/, '').trim() !== MAGIC) {
    p.issue('error', 'not_client_bank', Math.max(lines.no, 1), MAGIC, 'The first line is not 1CClientBankExchange')
    return {
      encoding,
      header: header(new Parser(), headerFields, accounts, declared),
      accountSections: [],
      documents: [],
      issues: p.issues,
      outcome: 'rejected',
    }
  }

  let docCount = 0
  // One Fields for every document in turn: a document is built (or dropped) before the next one starts.
  const docFields = new Fields()
  let doc: { n: number; type: string; start: number } | null = null
  let section: { fields: Fields; start: number } | null = null
  let ended = false
  const cutOff = (d: { n: number; start: number }, at: number) =>
    p.issue(
      'error',
      'truncated',
      d.start,
      'СекцияДокумент',
      `Document ${d.n} is cut off at line ${at}: no КонецДокумента`,
      d.n,
    )

  while (!ended && lines.next()) {
    const { no, eq } = lines
    let code: number | undefined
    // A line without '=' (a marker, or not key=value at all) as a string, trimmed.
    let bare = ''
    // A marker as such (КонецДокумента) is found in place: no string, and it cannot be a UTF-8 misreading.
    const marker = eq < 0 ? keyCode(text, lines.start, lines.end) : undefined
    if (marker !== undefined && marker < 0) code = marker
    else if (eq < 0) {
      const line = lines.line()
      const utf8 = markerInUtf8(line, encoding)
      if (utf8 !== null) {
        p.issue('warning', 'encoding_mismatch', no, utf8, `Line ${no} is UTF-8 inside a ${encoding} file`, doc?.n)
      }
      bare = (utf8 ?? line).trim()
      if (bare === '') continue
      code = keyCode(bare, 0, bare.length)
    } else {
      // Split on the first '=' only: the purpose may contain '='.
      code = keyCode(text, lines.start, eq)
    }
    switch (code) {
      case DOCUMENT_START: {
        const type = eq < 0 ? '' : text.slice(eq + 1, lines.end).trim()
        if (doc) cutOff(doc, no - 1)
        if (section) {
          p.issue(
            'warning',
            'unexpected_section',
            no,
            'КонецРасчСчет',
            `СекцияРасчСчет from line ${section.start} has no КонецРасчСчет`,
          )
          sections.push(section)
          section = null
        }
        doc = { n: ++docCount, type, start: no }
        docFields.clear()
        if (type === '')
          p.issue('warning', 'missing_field', no, 'СекцияДокумент', `Document ${doc.n} names no kind`, doc.n)
        continue
      }
      case DOCUMENT_END:
        if (doc) {
          if (!options.ourAccounts && accountsWhenBuilt !== accounts.length) {
            accounts.forEach((a) => ours.add(a))
            accountsWhenBuilt = accounts.length
          }
          const built = bankDocument(p, doc.n, doc.type, docFields, [doc.start, no], ours)
          if (built) documents.push(built)
        } else p.issue('warning', 'unexpected_section', no, 'КонецДокумента', 'КонецДокумента outside a document')
        doc = null
        continue
      case ACCOUNT_START:
        if (doc) cutOff(doc, no - 1)
        doc = null
        section = { fields: new Fields(), start: no }
        continue
      case ACCOUNT_END:
        if (section) sections.push(section)
        else p.issue('warning', 'unexpected_section', no, 'КонецРасчСчет', 'КонецРасчСчет outside СекцияРасчСчет')
        section = null
        continue
      case FILE_END:
        if (doc) cutOff(doc, no - 1)
        if (section) sections.push(section)
        doc = null
        section = null
        ended = true
        continue
    }
    if (eq < 0) {
      p.issue(
        'warning',
        'unknown_line',
        no,
        bare.slice(0, 40),
        `Line ${no} is not key=value: ${bare.slice(0, 40)}`,
        doc?.n,
      )
      continue
    }
    // A key the parser never reads is skipped: its value is not even copied.
    if (code === undefined) continue
    const val = text.slice(eq + 1, lines.end).trim()
    const target = doc ? docFields : (section?.fields ?? headerFields)
    if (!doc && !section && code === K.РасчСчет) accounts.push(val)
    target.set(code, val, no)
  }
  if (doc) cutOff(doc, lines.no)
  else if (!ended) {
    if (section) sections.push(section)
    p.issue('error', 'truncated', lines.no, 'КонецФайла', `The file ends at line ${lines.no} without КонецФайла`)
  }

  const head = header(p, headerFields, accounts, declared)
  const declaredAs = encodingOf(declared)
  if (declaredAs !== null && declaredAs !== encoding) {
    const line = headerFields.line(K.Кодировка) || 1
    p.issue('warning', 'encoding_mismatch', line, 'Кодировка', `Кодировка=${declared}, but the bytes are ${encoding}`)
  }
  if (!options.ourAccounts && accountsWhenBuilt !== -1 && accountsWhenBuilt !== accounts.length) {
    accounts.forEach((a) => ours.add(a))
    documents.forEach((d, i) => {
      documents[i] = { ...d, ...direction(d.payer, d.receiver, d.debited, d.credited, ours) }
    })
  }
  const accountSections = sections.map((s) => accountSection(p, s.fields, s.start))
  const issues = p.issues.sort((a, b) => a.line - b.line)
  const failed = issues.some((i) => i.severity === 'error')
  return {
    encoding,
    header: head,
    accountSections,
    documents,
    issues,
    outcome: !failed ? 'complete' : documents.length > 0 ? 'partial' : 'rejected',
  }
}
