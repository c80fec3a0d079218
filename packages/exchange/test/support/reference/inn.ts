/**
 * ИНН check digits (Russian taxpayer number): 10 digits for organisations, 12 for individuals. A weighted sum mod 11
 * mod 10 must equal the check digit(s).
 */
const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8]
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]

function checkDigit(digits: readonly number[], weights: readonly number[]): number {
  let s = 0
  for (let i = 0; i < weights.length; i++) s += digits[i]! * weights[i]!
  return (s % 11) % 10
}

export function isValidInn(inn: string): boolean {
  if (!/^\d{10}(\d{2})?$/.test(inn)) return false
  const d: number[] = []
  for (let i = 0; i < inn.length; i++) d.push(inn.charCodeAt(i) - 48)
  if (d.length === 10) return checkDigit(d, W10) === d[9]
  return checkDigit(d, W11) === d[10] && checkDigit(d, W12) === d[11]
}

/** Computes the check digits for a 9- or 10-digit stem (tests and generators use it to make valid numbers). */
export function withInnCheckDigits(stem: string): string {
  const d = Array.from(stem, Number)
  if (d.length === 9) return stem + checkDigit(d, W10)
  const d11 = checkDigit(d, W11)
  return stem + d11 + checkDigit([...d, d11], W12)
}
