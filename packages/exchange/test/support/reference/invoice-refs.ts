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
const DATE = (s: string) =>
  String.raw`(?:(?<d${s}>\d{1,2})[.\-/](?<m${s}>\d{1,2})[.\-/](?<y${s}>\d{4}|\d{2})(?!\d)|(?<wd${s}>\d{1,2})\s+(?<wm${s}>${MONTHS})\s+(?<wy${s}>\d{4}))`
const FROM = String.raw`\s*(?:от|from|dd\.?|dated)\s*`
const PREFIXED = String.raw`сч-\d(?:[\p{L}\d\-/]*[\p{L}\d])?(?![\p{L}\d\-/])`

// No lookbehind in front: V8 then scans for the first letters quickly; the character before is checked in code.
const RX = new RegExp(
  String.raw`(?:` +
    // "по счёту № 518 от 14.09.2026", "по счетам 610, 611 от 02.10.2026"
    String.raw`(?<kw>${KW})(?!\p{L})${NOT_FACTURA}\s*${NO}\s*(?<nums>${TOKEN}(?:${SEP}${NO}\s*${TOKEN})*)(?:${FROM}${DATE('1')})?` +
    // "по счёту от 14.09.2026 № 518"
    String.raw`|(?<kw2>${KW})(?!\p{L})${NOT_FACTURA}${FROM}${DATE('2')}\s*${NO}\s*(?<nums2>${TOKEN}(?:${SEP}${NO}\s*${TOKEN})*)` +
    // "№ СЧ-0042": our own number format names itself even without the word счёт
    String.raw`|(?<pref>${PREFIXED})(?:${FROM}${DATE('3')})?` +
    `)`,
  'giu',
)
// "р/сч", "2сч", "-сч": the keyword glued to something else is not a keyword.
const GLUED = /[\p{L}\d/-]/u
const TOKEN_RX = new RegExp(String.raw`(?:№+|No\.?|N|#)?\s*(${TOKEN})`, 'giu')
// "лицевой счёт 123", "р/сч 40702…": account numbers, not invoices.
const ACCOUNT_BEFORE = /(?:лицев\p{L}*|расч[её]тн\p{L}*|банковск\p{L}*|корр?\.?\p{L}*|[рлк]\/)\s*$/iu

function dateOf(g: Record<string, string | undefined>, s: string): string | null {
  const y = g[`y${s}`]
  if (y !== undefined) return isoDate(Number(y.length === 2 ? `20${y}` : y), Number(g[`m${s}`]), Number(g[`d${s}`]))
  const wm = g[`wm${s}`]
  if (wm !== undefined) {
    const month = MONTHS.split('|').indexOf(wm.toLowerCase()) + 1
    return isoDate(Number(g[`wy${s}`]), month, Number(g[`wd${s}`]))
  }
  return null
}

/** Invoice numbers (and their dates) named in a payment purpose; never VAT, contract, счёт-фактура or п/п numbers. */
export function extractInvoiceRefs(purpose: string): InvoiceRef[] {
  const text = purpose.replace(/\u00A0/g, ' ')
  const refs: InvoiceRef[] = []
  const seen = new Set<string>()
  const push = (number: string, date: string | null) => {
    // 15+ digits is a bank account ("на счёт 40702810…"), never an invoice number.
    if (/^\d{15,}$/.test(number)) return
    const key = `${number.toLowerCase()}|${date}`
    if (seen.has(key)) return
    seen.add(key)
    refs.push({ number, date })
  }
  RX.lastIndex = 0
  for (let m = RX.exec(text); m !== null; m = RX.exec(text)) {
    if (m.index > 0 && GLUED.test(text[m.index - 1]!)) {
      RX.lastIndex = m.index + 1
      continue
    }
    const g = m.groups!
    if (g.pref !== undefined) {
      push(g.pref, dateOf(g, '3'))
      continue
    }
    if (ACCOUNT_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index))) continue
    const nums = g.nums ?? g.nums2!
    const date = g.nums !== undefined ? dateOf(g, '1') : dateOf(g, '2')
    for (const t of nums.matchAll(TOKEN_RX)) push(t[1]!, date)
  }
  return refs
}
