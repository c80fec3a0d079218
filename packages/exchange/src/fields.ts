/**
 * The statement's text as lines of key=value, read without copying what is not used: a line is offsets into the
 * text, its key is looked up in place, and only the values of the keys the parser reads become strings.
 */

let slots = 0
const slot = () => slots++

/** The keys the parser reads, each with its slot in `Fields`. A line with any other key is skipped. */
export const K = {
  ВерсияФормата: slot(),
  Кодировка: slot(),
  Отправитель: slot(),
  Получатель: slot(),
  ДатаСоздания: slot(),
  ВремяСоздания: slot(),
  ДатаНачала: slot(),
  ДатаКонца: slot(),
  РасчСчет: slot(),
  НачальныйОстаток: slot(),
  ВсегоПоступило: slot(),
  ВсегоСписано: slot(),
  КонечныйОстаток: slot(),
  Номер: slot(),
  Дата: slot(),
  Сумма: slot(),
  ДатаСписано: slot(),
  ДатаПоступило: slot(),
  НазначениеПлатежа: slot(),
  НазначениеПлатежа1: slot(),
  НазначениеПлатежа2: slot(),
  НазначениеПлатежа3: slot(),
  НазначениеПлатежа4: slot(),
  НазначениеПлатежа5: slot(),
  НазначениеПлатежа6: slot(),
  Плательщик: slot(),
  Плательщик1: slot(),
  ПлательщикИНН: slot(),
  ПлательщикКПП: slot(),
  ПлательщикСчет: slot(),
  ПлательщикРасчСчет: slot(),
  ПлательщикБИК: slot(),
  ПлательщикБанк1: slot(),
  ПлательщикБанк2: slot(),
  Получатель1: slot(),
  ПолучательИНН: slot(),
  ПолучательКПП: slot(),
  ПолучательСчет: slot(),
  ПолучательРасчСчет: slot(),
  ПолучательБИК: slot(),
  ПолучательБанк1: slot(),
  ПолучательБанк2: slot(),
}
/** A slot's key, for issues (the literal above keeps its order). */
export const FIELD_NAMES: readonly string[] = Object.keys(K)

// Section markers are recognised with or without "=value"; their codes are negative, field slots are not.
export const DOCUMENT_START = -1
export const DOCUMENT_END = -2
export const ACCOUNT_START = -3
export const ACCOUNT_END = -4
export const FILE_END = -5
const MARKER_CODES: Record<string, number> = {
  СекцияДокумент: DOCUMENT_START,
  КонецДокумента: DOCUMENT_END,
  СекцияРасчСчет: ACCOUNT_START,
  КонецРасчСчет: ACCOUNT_END,
  КонецФайла: FILE_END,
}

/** What JS counts as whitespace (\s, trim): ASCII 9–13, the space, and the Unicode spaces. */
export function isSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13)
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

// An open-addressing hash table of the known keys, probed with a hash of the characters in the text itself.
const KNOWN = [...FIELD_NAMES, ...Object.keys(MARKER_CODES)]
const CODES = [...FIELD_NAMES.map((_, i) => i), ...Object.values(MARKER_CODES)]
const MASK = 511
const TABLE = new Int16Array(MASK + 1) // index into KNOWN + 1; 0 is empty

/** A hash of the key's length and three of its characters: cheap, and it tells the known keys well enough apart. */
function hashOf(text: string, start: number, end: number): number {
  const length = end - start
  if (length === 0) return 0
  const h = Math.imul(length, 31) + text.charCodeAt(start)
  return (Math.imul(Math.imul(h, 31) + text.charCodeAt(start + (length >> 1)), 31) + text.charCodeAt(end - 1)) & MASK
}

KNOWN.forEach((key, k) => {
  let i = hashOf(key, 0, key.length)
  while (TABLE[i] !== 0) i = (i + 1) & MASK
  TABLE[i] = k + 1
})

/**
 * The slot (≥ 0) or marker code (< 0) of the key text[start, end) once trimmed, or undefined for a key the parser
 * does not read.
 */
export function keyCode(text: string, start: number, end: number): number | undefined {
  if (start < end && (isSpace(text.charCodeAt(start)) || isSpace(text.charCodeAt(end - 1)))) {
    const key = text.slice(start, end).trim()
    return keyCode(key, 0, key.length)
  }
  const length = end - start
  for (let i = hashOf(text, start, end), k = TABLE[i]!; k !== 0; i = (i + 1) & MASK, k = TABLE[i]!) {
    const key = KNOWN[k - 1]!
    if (key.length !== length) continue
    let j = 0
    while (j < length && key.charCodeAt(j) === text.charCodeAt(start + j)) j++
    if (j === length) return CODES[k - 1]
  }
  return undefined
}

/**
 * A section's key=value lines: values and line numbers by slot (no map and no object per line: less garbage). A slot
 * holds a value only if it was set since the last clear (its round is the current one), so clearing costs nothing.
 */
export class Fields {
  private readonly values: string[] = new Array<string>(FIELD_NAMES.length).fill('')
  private readonly lines = new Array<number>(FIELD_NAMES.length).fill(0)
  private readonly rounds = new Array<number>(FIELD_NAMES.length).fill(0)
  private round = 1

  set(slot: number, value: string, line: number) {
    this.values[slot] = value
    this.lines[slot] = line
    this.rounds[slot] = this.round
  }
  get(slot: number): string | undefined {
    return this.rounds[slot] === this.round ? this.values[slot] : undefined
  }
  /** The line the key was on, 0 when it is absent. */
  line(slot: number): number {
    return this.rounds[slot] === this.round ? this.lines[slot]! : 0
  }
  /** Forgets every value, so one instance serves document after document. */
  clear() {
    this.round++
  }
}

/** Whether a CR ends a line on its own somewhere (not as part of CRLF). */
function hasLoneCr(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true
  return false
}

/**
 * Line by line over CRLF, LF or CR; a last line without a terminator is a line, a final terminator adds none.
 * The current line is offsets into the text (start, end, its first '='): only the parts that are used become strings.
 * Lines are found with indexOf (far quicker than a loop over the characters) unless a lone CR ends some of them.
 */
export class Lines {
  private pos = 0
  private readonly loneCr: boolean
  /** The first '=' at or after pos (text.length when there is none): one search serves the lines without '='. */
  private nextEq = -1
  /** 1-based number of the current line. */
  no = 0
  start = 0
  end = 0
  /** Offset of the line's first '=', or -1. */
  eq = -1

  constructor(readonly text: string) {
    this.loneCr = hasLoneCr(text)
  }

  next(): boolean {
    const { text } = this
    const length = text.length
    const start = this.pos
    if (start >= length) return false
    let end: number
    if (this.loneCr) {
      end = start
      for (let c = text.charCodeAt(end); end < length && c !== 10 && c !== 13; c = text.charCodeAt(++end));
      this.pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1)
    } else {
      const lf = text.indexOf('\n', start)
      end = lf < 0 ? length : lf
      this.pos = end + 1
      if (end > start && text.charCodeAt(end - 1) === 13) end--
    }
    if (this.nextEq < start) {
      const eq = text.indexOf('=', start)
      this.nextEq = eq < 0 ? length : eq
    }
    this.start = start
    this.end = end
    this.eq = this.nextEq < end ? this.nextEq : -1
    this.no++
    return true
  }

  line(): string {
    return this.text.slice(this.start, this.end)
  }
}
