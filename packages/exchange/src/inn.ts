/**
 * ИНН check digits (Russian taxpayer number): 10 digits for organisations, 12 for individuals. A weighted sum mod 11
 * mod 10 must equal the check digit(s).
 */
const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8]
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]

/** The check digit over the first weights.length digits of a digit string. */
function checkDigit(digits: string, weights: readonly number[]): number {
  let s = 0
  for (let i = 0; i < weights.length; i++) s += (digits.charCodeAt(i) - 48) * weights[i]!
  return (s % 11) % 10
}

const digitAt = (digits: string, i: number) => digits.charCodeAt(i) - 48

export function isValidInn(inn: string): boolean {
  if (inn.length !== 10 && inn.length !== 12) return false
  for (let i = 0; i < inn.length; i++) {
    const c = inn.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  if (inn.length === 10) return checkDigit(inn, W10) === digitAt(inn, 9)
  return checkDigit(inn, W11) === digitAt(inn, 10) && checkDigit(inn, W12) === digitAt(inn, 11)
}

/** Computes the check digits for a 9- or 10-digit stem (tests and generators use it to make valid numbers). */
export function withInnCheckDigits(stem: string): string {
  if (stem.length === 9) return stem + checkDigit(stem, W10)
  const d11 = stem + checkDigit(stem, W11)
  return d11 + checkDigit(d11, W12)
}
