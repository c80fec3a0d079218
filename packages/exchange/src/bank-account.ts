/**
 * The control key of a Russian bank account (Bank of Russia rules): 3 digits taken from the БИК followed by the 20
 * account digits, weighted 7, 1, 3, 7, 1, 3…; the last digits of the products sum to a multiple of 10.
 */
const WEIGHTS = [7, 1, 3]

function keyHolds(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) sum += ((digits.charCodeAt(i) - 48) * WEIGHTS[i % 3]!) % 10
  return sum % 10 === 0
}

const isBik = (bik: string) => /^\d{9}$/.test(bik)

/** A settlement account at a bank: keyed with the БИК's last 3 digits. */
export function isValidSettlementAccount(account: string, bik: string): boolean {
  return isBik(bik) && /^\d{20}$/.test(account) && keyHolds(bik.slice(6) + account)
}

/** A bank's correspondent account at the Bank of Russia: `301…`, keyed with `0` and the БИК's 5th and 6th digits. */
export function isValidCorrespondentAccount(account: string, bik: string): boolean {
  return isBik(bik) && /^301\d{17}$/.test(account) && keyHolds('0' + bik.slice(4, 6) + account)
}
