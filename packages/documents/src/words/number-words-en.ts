import { triads } from './number-words-ru'

const UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
const TEENS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
]
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']
const SCALES = ['thousand', 'million', 'billion', 'trillion']

export const MAX_DIGITS_EN = 3 * (SCALES.length + 1)

function triadEn(n: number): string[] {
  const words: string[] = []
  const hundreds = Math.floor(n / 100)
  if (hundreds > 0) words.push(UNITS[hundreds] ?? '', 'hundred')
  const rest = n % 100
  if (rest >= 10 && rest < 20) words.push(TEENS[rest - 10] ?? '')
  else if (rest >= 20)
    words.push(rest % 10 ? `${TENS[Math.floor(rest / 10)]}-${UNITS[rest % 10]}` : (TENS[rest / 10] ?? ''))
  else if (rest > 0) words.push(UNITS[rest] ?? '')
  return words
}

/** Spells a non-negative integer given as digits in English (short scale, no "and"): 'one hundred twenty-three'. */
export function spellIntegerEn(digits: string): string {
  const groups = triads(digits)
  if (groups.every((g) => g === 0)) return 'zero'
  const words: string[] = []
  for (let i = groups.length - 1; i >= 0; i--) {
    const n = groups[i] ?? 0
    if (n === 0) continue
    words.push(...triadEn(n))
    if (i > 0) {
      const scale = SCALES[i - 1]
      if (!scale) throw new RangeError(`spellIntegerEn: ${digits} has more than ${MAX_DIGITS_EN} digits`)
      words.push(scale)
    }
  }
  return words.join(' ')
}
