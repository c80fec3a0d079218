import Decimal from 'decimal.js'
import { encodeText, type ExchangeEncoding } from '../../../src/codepage'
import { decodeStatement, encodingOf } from '../../../src/decode'
import { parseRuDate, parseTime } from './dates'
import { isValidInn } from './inn'
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
} from '../../../src/types'

export interface ParseOptions {
  /** Our settlement accounts; default: the header's РасчСчет lines. */
  ourAccounts?: readonly string[]
}

/** A section's key=value lines: values and line numbers (two maps rather than an object per line: less garbage). */
class Fields {
  private readonly values = new Map<string, string>()
  private readonly lines = new Map<string, number>()
  set(key: string, value: string, line: number) {
    this.values.set(key, value)
    this.lines.set(key, line)
  }
  get(key: string): string | undefined {
    return this.values.get(key)
  }
  line(key: string): number {
    return this.lines.get(key) ?? 0
  }
}

const MAGIC = '1CClientBankExchange'
const MARKERS = new Set(['СекцияДокумент', 'КонецДокумента', 'СекцияРасчСчет', 'КонецРасчСчет', 'КонецФайла'])
const PURPOSE_LINES = [1, 2, 3, 4, 5, 6].map((i) => `НазначениеПлатежа${i}`)

/** Two decimals with a point; an integer is fine, a comma or anything else is not. */
export function parseAmount(value: string): string | null {
  return /^\d{1,15}(\.\d{1,2})?$/.test(value) ? new Decimal(value).toFixed(2) : null
}

export function normalisePurpose(text: string): string {
  return text.replace(/[\s\u00A0]+/g, ' ').trim()
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
  return value === null || /^0+$/.test(value) ? null : value
}

class Parser {
  readonly issues: StatementIssue[] = []
  errors = 0

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

  date(fields: Fields, key: string, severity: 'error' | 'warning', document?: number): string | null {
    const v = fields.get(key)
    if (v === undefined || v === '') return null
    const iso = parseRuDate(v)
    if (iso === null)
      this.issue(severity, 'invalid_date', fields.line(key), key, `${key}=${v} is not a dd.mm.yyyy date`, document)
    return iso
  }

  amount(fields: Fields, key: string, severity: 'error' | 'warning', document?: number): string | null {
    const v = fields.get(key)
    if (v === undefined || v === '') return null
    const amount = parseAmount(v)
    if (amount === null)
      this.issue(
        severity,
        'invalid_amount',
        fields.line(key),
        key,
        `${key}=${v} is not an amount like 1500.00`,
        document,
      )
    return amount
  }
}

function value(fields: Fields, key: string): string | null {
  const v = fields.get(key)
  return v === undefined || v === '' ? null : v
}

function header(p: Parser, fields: Fields, accounts: string[], declared: string | null): StatementHeader {
  const version = value(fields, 'ВерсияФормата')
  if (version === null) p.issue('warning', 'missing_field', 1, 'ВерсияФормата', 'The header has no ВерсияФормата')
  const createdDate = p.date(fields, 'ДатаСоздания', 'warning')
  const time = value(fields, 'ВремяСоздания')
  return {
    version: version ?? '',
    declaredEncoding: declared,
    sender: value(fields, 'Отправитель'),
    receiver: value(fields, 'Получатель'),
    created: createdDate && `${createdDate}T${(time && parseTime(time)) ?? '00:00:00'}`,
    period: { start: p.date(fields, 'ДатаНачала', 'warning'), end: p.date(fields, 'ДатаКонца', 'warning') },
    accounts,
  }
}

function accountSection(p: Parser, fields: Fields, start: number): AccountSection {
  const s: AccountSection = {
    account: value(fields, 'РасчСчет') ?? '',
    period: { start: p.date(fields, 'ДатаНачала', 'warning'), end: p.date(fields, 'ДатаКонца', 'warning') },
    openingBalance: p.amount(fields, 'НачальныйОстаток', 'warning'),
    totalIn: p.amount(fields, 'ВсегоПоступило', 'warning'),
    totalOut: p.amount(fields, 'ВсегоСписано', 'warning'),
    closingBalance: p.amount(fields, 'КонечныйОстаток', 'warning'),
  }
  if (s.account === '') p.issue('warning', 'missing_field', start, 'РасчСчет', 'СекцияРасчСчет names no РасчСчет')
  const { openingBalance: o, totalIn: i, totalOut: out, closingBalance: c } = s
  if (o !== null && i !== null && out !== null && c !== null && !new Decimal(o).plus(i).minus(out).eq(c)) {
    const line = fields.line('КонечныйОстаток')
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

function party(p: Parser, fields: Fields, who: 'Плательщик' | 'Получатель', n: number): Party {
  const inn = requisite(value(fields, `${who}ИНН`))
  if (inn !== null && !isValidInn(inn)) {
    p.issue(
      'warning',
      'invalid_inn',
      fields.line(`${who}ИНН`),
      `${who}ИНН`,
      `${who}ИНН=${inn} fails the ИНН checksum`,
      n,
    )
  }
  const combined = value(fields, who)
  const name = value(fields, `${who}1`) ?? (combined === null ? null : nameWithoutInn(combined) || null)
  const bank = [value(fields, `${who}Банк1`), value(fields, `${who}Банк2`)].filter((b) => b !== null).join(' ')
  return {
    name,
    inn,
    kpp: requisite(value(fields, `${who}КПП`)),
    account: value(fields, `${who}Счет`) ?? value(fields, `${who}РасчСчет`),
    bik: value(fields, `${who}БИК`),
    bank: bank === '' ? null : bank,
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
  const full = normalisePurpose(value(fields, 'НазначениеПлатежа') ?? '')
  // НазначениеПлатежа1..6 only repeat the full text split into lines: use them only when it is missing.
  if (full !== '') return full
  return normalisePurpose(
    PURPOSE_LINES.map((k) => value(fields, k))
      .filter((v) => v !== null)
      .join(' '),
  )
}

function bankDocument(
  p: Parser,
  n: number,
  type: string,
  fields: Fields,
  lines: [number, number],
  ours: ReadonlySet<string>,
): BankDocument | null {
  const errorsBefore = p.errors
  for (const key of ['Номер', 'Дата', 'Сумма']) {
    if (value(fields, key) === null) p.issue('error', 'missing_field', lines[0], key, `Document ${n} has no ${key}`, n)
  }
  const date = p.date(fields, 'Дата', 'error', n)
  const amount = p.amount(fields, 'Сумма', 'error', n)
  const debited = p.date(fields, 'ДатаСписано', 'error', n)
  const credited = p.date(fields, 'ДатаПоступило', 'error', n)
  const payer = party(p, fields, 'Плательщик', n)
  const receiver = party(p, fields, 'Получатель', n)
  // A document with an error is reported, not imported: half a payment is worse than none.
  if (p.errors > errorsBefore) return null
  const purpose = purposeOf(fields)
  return {
    n,
    kind: kindOf(type),
    type,
    number: value(fields, 'Номер'),
    date,
    amount,
    payer,
    receiver,
    debited,
    credited,
    ...direction(payer, receiver, debited, credited, ours),
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

/** Line by line over CRLF, LF or CR; a last line without a terminator is a line, a final terminator adds none. */
class Lines {
  private pos = 0
  /** 1-based number of the line last returned. */
  no = 0
  constructor(private readonly text: string) {}

  next(): string | null {
    const { text } = this
    if (this.pos >= text.length) return null
    let end = this.pos
    for (let c = text.charCodeAt(end); end < text.length && c !== 10 && c !== 13; c = text.charCodeAt(++end));
    const line = text.slice(this.pos, end)
    this.pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1)
    this.no++
    return line
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

  let first = lines.next()
  while (first !== null && first.trim() === '') first = lines.next()
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
  let doc: { n: number; type: string; fields: Fields; start: number } | null = null
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

  for (let next = lines.next(); next !== null && !ended; next = lines.next()) {
    const no = lines.no
    const utf8 = markerInUtf8(next, encoding)
    if (utf8 !== null) {
      p.issue('warning', 'encoding_mismatch', no, utf8, `Line ${no} is UTF-8 inside a ${encoding} file`, doc?.n)
    }
    const line = utf8 ?? next
    const eq = line.indexOf('=')
    // Split on the first '=' only: the purpose may contain '='.
    const key = (eq < 0 ? line : line.slice(0, eq)).trim()
    const val = eq < 0 ? '' : line.slice(eq + 1).trim()
    if (key === '' && eq < 0) continue
    switch (key) {
      case 'СекцияДокумент':
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
        doc = { n: ++docCount, type: val, fields: new Fields(), start: no }
        if (val === '')
          p.issue('warning', 'missing_field', no, 'СекцияДокумент', `Document ${doc.n} names no kind`, doc.n)
        continue
      case 'КонецДокумента':
        if (doc) {
          if (!options.ourAccounts && accountsWhenBuilt !== accounts.length) {
            accounts.forEach((a) => ours.add(a))
            accountsWhenBuilt = accounts.length
          }
          const built = bankDocument(p, doc.n, doc.type, doc.fields, [doc.start, no], ours)
          if (built) documents.push(built)
        } else p.issue('warning', 'unexpected_section', no, key, 'КонецДокумента outside a document')
        doc = null
        continue
      case 'СекцияРасчСчет':
        if (doc) cutOff(doc, no - 1)
        doc = null
        section = { fields: new Fields(), start: no }
        continue
      case 'КонецРасчСчет':
        if (section) sections.push(section)
        else p.issue('warning', 'unexpected_section', no, key, 'КонецРасчСчет outside СекцияРасчСчет')
        section = null
        continue
      case 'КонецФайла':
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
        key.slice(0, 40),
        `Line ${no} is not key=value: ${key.slice(0, 40)}`,
        doc?.n,
      )
      continue
    }
    const target = doc?.fields ?? section?.fields ?? headerFields
    if (!doc && !section && key === 'РасчСчет') accounts.push(val)
    target.set(key, val, no)
  }
  if (doc) cutOff(doc, lines.no)
  else if (!ended) {
    if (section) sections.push(section)
    p.issue('error', 'truncated', lines.no, 'КонецФайла', `The file ends at line ${lines.no} without КонецФайла`)
  }

  const head = header(p, headerFields, accounts, declared)
  const declaredAs = encodingOf(declared)
  if (declaredAs !== null && declaredAs !== encoding) {
    const line = headerFields.line('Кодировка') || 1
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
