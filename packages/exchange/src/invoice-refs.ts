import { isoDate } from './dates'

export interface InvoiceRef {
  /** As written in the purpose, without the № sign: "518", "СЧ-0042", "00БП-000321". */
  number: string
  /** ISO yyyy-mm-dd when the purpose gives a valid date right after the number(s), else null. */
  date: string | null
}

// Built from the phrasings people type into payment orders. \w is ASCII-only in JS, hence \p{L}.
const TOKEN = String.raw`(?:\p{L}{1,4}[-/]?)?\d(?:[\p{L}\d\-/]*[\p{L}\d])?(?![\p{L}\d\-/])(?![.,]\d)(?!\s*(?:%|руб|р\.|₽|коп))`
const NO = String.raw`(?:№+|No\.?|N|#)?`
const SEP = String.raw`(?:\s*[,;]\s*|\s+и\s+)`
// счёт in its cases, "счёт на оплату", "счёт-оферта", the abbreviations, and the English words.
const KW = String.raw`(?:сч[её]т(?:ами|ам|ах|ом|ов|у|а|е)?(?:[\s-]+оферт\p{L}*)?(?:\s+на\s+оплату)?|сч-т|сч\.?|invoices?|inv\.?|инвойс\p{L}*)`
// счёт-фактура, сч/ф, сч.-ф. are tax invoices, not the invoice the customer pays.
const NOT_FACTURA = String.raw`(?![\s.\-/]*ф(?:актур\p{L}*)?(?!\p{L}))`
const MONTHS = 'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря'
// Six groups: day, month, year as digits, then day, month in words, year. Numbered groups rather than named ones:
// a named group makes V8 build an extra object on every match.
const DATE = String.raw`(?:(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4}|\d{2})(?!\d)|(\d{1,2})\s+(${MONTHS})\s+(\d{4}))`
const FROM = String.raw`\s*(?:от|from|dd\.?|dated)\s*`
const PREFIXED = String.raw`сч-\d(?:[\p{L}\d\-/]*[\p{L}\d])?(?![\p{L}\d\-/])`

// No lookbehind in front: V8 then scans for the first letters quickly; the character before is checked in code.
// Its groups: the numbers then the date (NUMS, DATE1), the date then the numbers (DATE2, NUMS2), our prefixed number
// and its date (PREF, DATE3).
const RX = new RegExp(
  String.raw`(?:` +
    // "по счёту № 518 от 14.09.2026", "по счетам 610, 611 от 02.10.2026"
    String.raw`${KW}(?!\p{L})${NOT_FACTURA}\s*${NO}\s*(${TOKEN}(?:${SEP}${NO}\s*${TOKEN})*)(?:${FROM}${DATE})?` +
    // "по счёту от 14.09.2026 № 518"
    String.raw`|${KW}(?!\p{L})${NOT_FACTURA}${FROM}${DATE}\s*${NO}\s*(${TOKEN}(?:${SEP}${NO}\s*${TOKEN})*)` +
    // "№ СЧ-0042": our own number format names itself even without the word счёт
    String.raw`|(${PREFIXED})(?:${FROM}${DATE})?` +
    `)`,
  'giu',
)
// Every match of RX starts with one of these (KW or PREFIXED): a purpose without any has no reference.
const KEYWORD_START = /сч|inv|инвойс/iu
// "р/сч", "2сч", "-сч": the keyword glued to something else is not a keyword.
const GLUED = /[\p{L}\d/-]/u
const TOKEN_RX = new RegExp(String.raw`(?:№+|No\.?|N|#)?\s*(${TOKEN})`, 'giu')
// "лицевой счёт 123", "р/сч 40702…": account numbers, not invoices.
const ACCOUNT_BEFORE = /(?:лицев\p{L}*|расч[её]тн\p{L}*|банковск\p{L}*|корр?\.?\p{L}*|[рлк]\/)\s*$/iu

const MONTH_NAMES = MONTHS.split('|')
const NUMS = 1
const DATE1 = 2
const DATE2 = 8
const NUMS2 = 14
const PREF = 15
const DATE3 = 16

/** The date of the DATE groups from m[at]: numeric (d, m, y) or with the month in words (d, m, y); null when absent. */
function dateOf(m: RegExpExecArray, at: number): string | null {
  const y = m[at + 2]
  if (y !== undefined) return isoDate(Number(y.length === 2 ? `20${y}` : y), Number(m[at + 1]), Number(m[at]))
  const wm = m[at + 4]
  if (wm !== undefined) return isoDate(Number(m[at + 5]), MONTH_NAMES.indexOf(wm.toLowerCase()) + 1, Number(m[at + 3]))
  return null
}

/** Adds a reference unless it is a bank account or already there (numbers compared without case). */
function add(refs: InvoiceRef[], number: string, date: string | null) {
  // 15+ digits is a bank account ("на счёт 40702810…"), never an invoice number.
  if (number.length >= 15 && /^\d{15,}$/.test(number)) return
  // A linear search: a purpose names one or two invoices, a set would cost more than it saves.
  const lower = number.toLowerCase()
  for (const r of refs) if (r.date === date && (r.number === number || r.number.toLowerCase() === lower)) return
  refs.push({ number, date })
}

/** Invoice numbers (and their dates) named in a payment purpose; never VAT, contract, счёт-фактура or п/п numbers. */
export function extractInvoiceRefs(purpose: string): InvoiceRef[] {
  if (!KEYWORD_START.test(purpose)) return []
  const text = purpose.includes('\u00A0') ? purpose.replace(/\u00A0/g, ' ') : purpose
  const refs: InvoiceRef[] = []
  RX.lastIndex = 0
  for (let m = RX.exec(text); m !== null; m = RX.exec(text)) {
    if (m.index > 0 && GLUED.test(text[m.index - 1]!)) {
      RX.lastIndex = m.index + 1
      continue
    }
    const pref = m[PREF]
    if (pref !== undefined) {
      add(refs, pref, dateOf(m, DATE3))
      continue
    }
    if (ACCOUNT_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index))) continue
    const first = m[NUMS]
    const nums = first ?? m[NUMS2]!
    const date = first !== undefined ? dateOf(m, DATE1) : dateOf(m, DATE2)
    // An exec loop rather than matchAll, which would copy the regex on every call.
    TOKEN_RX.lastIndex = 0
    for (let t = TOKEN_RX.exec(nums); t !== null; t = TOKEN_RX.exec(nums)) add(refs, t[1]!, date)
  }
  return refs
}
