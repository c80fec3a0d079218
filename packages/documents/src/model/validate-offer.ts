import { err, ok, type Result } from '@salesflow/rules'
import type { DocumentError } from './errors'
import type { CommercialOffer, OfferRow, OfferTotals, SellerRequisites } from './offer'
import { splitDecimal } from '../format/decimal-string'
import { CURRENCY_WORDS } from '../words/currency-words'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function checkDate(value: unknown, field: string): Result<true, DocumentError> {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null
  const month = Number(m?.[2])
  const day = Number(m?.[3])
  return m && month >= 1 && month <= 12 && day >= 1 && day <= 31
    ? ok(true)
    : err({ code: 'INVALID_DATE', field, value })
}

/**
 * Texts: 'required' is a non-blank string, 'string' any string, 'optional' a string or absent. An offer read
 * back from storage or made by an older widget may have lost one, and a renderer would print "undefined".
 */
export function checkText(
  value: unknown,
  field: string,
  mode: 'required' | 'string' | 'optional' = 'required',
): Result<true, DocumentError> {
  const fine =
    (mode === 'optional' && value === undefined) ||
    (typeof value === 'string' && (mode !== 'required' || value.trim() !== ''))
  return fine ? ok(true) : err({ code: 'INVALID_TEXT', field, value })
}

/** A text with a wording per language: one non-blank string, or non-blank `ru` and `en`. */
function checkLocalText(value: unknown, field: string): Result<true, DocumentError> {
  if (typeof value === 'string') return checkText(value, field)
  if (typeof value !== 'object' || value === null) return err({ code: 'INVALID_TEXT', field, value })
  const byLang = value as Record<string, unknown>
  const ru = checkText(byLang['ru'], `${field}.ru`)
  return ru.ok ? checkText(byLang['en'], `${field}.en`) : ru
}

/** Our requisites as both documents print them (the offer and the invoice). */
export function sellerChecks(seller: SellerRequisites): Result<unknown, DocumentError>[] {
  return [
    checkText(seller.name, 'seller.name'),
    checkText(seller.inn, 'seller.inn'),
    checkText(seller.address, 'seller.address'),
    checkText(seller.bank.bankName, 'seller.bank.bankName'),
    checkText(seller.signer.name, 'seller.signer.name'),
    checkLocalText(seller.signer.position, 'seller.signer.position'),
  ]
}

/** Every row's texts and amounts and the totals: what both documents print from the rows. */
export function amountChecks(
  rows: readonly OfferRow[],
  totals: OfferTotals,
  decimals: number,
): Result<unknown, DocumentError>[] {
  const checks: Result<unknown, DocumentError>[] = [
    splitDecimal(totals.withoutVat, 'totals.withoutVat', decimals),
    splitDecimal(totals.vatTotal, 'totals.vatTotal', decimals),
    splitDecimal(totals.total, 'totals.total', decimals),
  ]
  totals.vat.forEach((line, i) => {
    checks.push(splitDecimal(line.amount, `totals.vat[${i}].amount`, decimals))
    if (line.rate !== null) checks.push(splitDecimal(line.rate, `totals.vat[${i}].rate`, 4))
  })
  rows.forEach((row, i) => {
    const f = (name: string) => `rows[${i}].${name}`
    checks.push(
      checkText(row.name, f('name')),
      checkText(row.unit, f('unit'), 'string'),
      checkText(row.article, f('article'), 'optional'),
      splitDecimal(row.quantity, f('quantity'), 4),
      splitDecimal(row.listPrice, f('listPrice'), decimals),
      splitDecimal(row.price, f('price'), decimals),
      splitDecimal(row.vat, f('vat'), decimals),
      splitDecimal(row.sum, f('sum'), decimals),
    )
    if (row.vatRate !== null) checks.push(splitDecimal(row.vatRate, f('vatRate'), 4))
    if (row.discount.kind !== 'none') checks.push(splitDecimal(row.discount.rate, f('discount.rate'), 4))
    if (row.discount.kind === 'amount') checks.push(splitDecimal(row.discount.sum, f('discount.sum'), decimals))
  })
  return checks
}

/**
 * Checks what the renderers rely on: every amount is a decimal string with at most the currency's
 * decimals, every quantity and rate a decimal string, every date ISO, and the currency spellable in words.
 * An offer may come back from storage or from another widget version, so renderers call this first.
 */
export function validateOffer(offer: CommercialOffer): Result<CommercialOffer, DocumentError> {
  const { decimals, code } = offer.currency
  if (!CURRENCY_WORDS[code]) return err({ code: 'UNSUPPORTED_CURRENCY', currency: code })
  const { seller, client, terms, manager } = offer
  const checks: Result<unknown, DocumentError>[] = [
    checkText(offer.number, 'number'),
    ...sellerChecks(seller),
    checkText(client.companyName, 'client.companyName'),
    checkText(offer.deal.title, 'deal.title'),
    checkText(terms.payment, 'terms.payment', 'string'),
    checkText(terms.delivery, 'terms.delivery', 'string'),
    checkText(terms.warranty, 'terms.warranty', 'string'),
    checkText(terms.notes, 'terms.notes', 'optional'),
    checkText(manager.name, 'manager.name'),
    checkDate(offer.date, 'date'),
    checkDate(offer.validUntil, 'validUntil'),
  ]
  checks.push(...amountChecks(offer.rows, offer.totals, decimals))
  offer.rates.forEach((rate, i) => {
    checks.push(splitDecimal(rate.rate, `rates[${i}].rate`, 10), checkDate(rate.date, `rates[${i}].date`))
  })
  const failed = checks.find((c) => !c.ok)
  return failed && !failed.ok ? failed : ok(offer)
}
