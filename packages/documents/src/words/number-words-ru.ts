import type { Forms } from './currency-words'

const UNITS_M = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять']
const UNITS_F = ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять']
const TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
]
const TENS = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
]
const HUNDREDS = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
]

/** Scales above units, lowest first: тысяча is feminine (одна тысяча, две тысячи), the rest masculine. */
const SCALES: readonly { forms: Forms; gender: 'm' | 'f' }[] = [
  { forms: ['тысяча', 'тысячи', 'тысяч'], gender: 'f' },
  { forms: ['миллион', 'миллиона', 'миллионов'], gender: 'm' },
  { forms: ['миллиард', 'миллиарда', 'миллиардов'], gender: 'm' },
  { forms: ['триллион', 'триллиона', 'триллионов'], gender: 'm' },
]

/** The largest integer part we spell: 999 триллионов … (15 digits). */
export const MAX_DIGITS_RU = 3 * (SCALES.length + 1)

/** Russian plural form for a count given by its digits: 1 → one, 2–4 → few, 0 and 5–20 → many; 11–14 are many. */
export function pickFormRu(digits: string, forms: Forms): string {
  const lastTwo = Number(digits.slice(-2))
  const last = lastTwo % 10
  if (lastTwo >= 11 && lastTwo <= 14) return forms[2]
  if (last === 1) return forms[0]
  if (last >= 2 && last <= 4) return forms[1]
  return forms[2]
}

/** Splits '1234567' into numeric triads, lowest first: [567, 234, 1]. */
export function triads(digits: string): number[] {
  const out: number[] = []
  for (let end = digits.length; end > 0; end -= 3) out.push(Number(digits.slice(Math.max(0, end - 3), end)))
  return out
}

function triadRu(n: number, gender: 'm' | 'f'): string[] {
  const words = [HUNDREDS[Math.floor(n / 100)] ?? '']
  const rest = n % 100
  if (rest >= 10 && rest < 20) words.push(TEENS[rest - 10] ?? '')
  else {
    words.push(TENS[Math.floor(rest / 10)] ?? '')
    words.push((gender === 'f' ? UNITS_F : UNITS_M)[rest % 10] ?? '')
  }
  return words.filter((w) => w !== '')
}

/**
 * Spells a non-negative integer given as digits ('0'–'999999999999999') in Russian, in the gender of the
 * unit that follows: `spellIntegerRu('21', 'f')` is 'двадцать одна'. The caller checks the length.
 */
export function spellIntegerRu(digits: string, gender: 'm' | 'f'): string {
  const groups = triads(digits)
  if (groups.every((g) => g === 0)) return 'ноль'
  const words: string[] = []
  for (let i = groups.length - 1; i >= 0; i--) {
    const n = groups[i] ?? 0
    if (n === 0) continue
    if (i === 0) {
      words.push(...triadRu(n, gender))
      continue
    }
    const scale = SCALES[i - 1]
    if (!scale) throw new RangeError(`spellIntegerRu: ${digits} has more than ${MAX_DIGITS_RU} digits`)
    words.push(...triadRu(n, scale.gender), pickFormRu(String(n), scale.forms))
  }
  return words.join(' ')
}
