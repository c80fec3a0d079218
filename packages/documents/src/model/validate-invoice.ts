import { err, ok, type Result } from '@salesflow/rules'
import type { DocumentError } from './errors'
import type { Invoice } from './invoice'
import { splitDecimal } from '../format/decimal-string'
import { CURRENCY_WORDS } from '../words/currency-words'
import { amountChecks, checkDate, checkText, sellerChecks } from './validate-offer'

/** What the invoice renderers rely on, as validateOffer for the offer; an invoice may come back from storage. */
export function validateInvoice(invoice: Invoice): Result<Invoice, DocumentError> {
  const { decimals, code } = invoice.currency
  if (!CURRENCY_WORDS[code]) return err({ code: 'UNSUPPORTED_CURRENCY', currency: code })
  if (invoice.rows.length === 0) return err({ code: 'NO_ROWS' })
  const { seller, buyer, rate, accountant } = invoice
  const checks: Result<unknown, DocumentError>[] = [
    checkText(invoice.number, 'number'),
    checkDate(invoice.date, 'date'),
    ...sellerChecks(seller),
    checkText(seller.bank.bik, 'seller.bank.bik'),
    checkText(seller.bank.account, 'seller.bank.account'),
    checkText(seller.bank.correspondentAccount, 'seller.bank.correspondentAccount', 'string'),
    checkText(buyer.companyName, 'buyer.companyName'),
    checkText(buyer.inn, 'buyer.inn', 'optional'),
    checkText(buyer.kpp, 'buyer.kpp', 'optional'),
    checkText(buyer.address, 'buyer.address', 'optional'),
    checkText(invoice.basis, 'basis', 'optional'),
    checkText(invoice.purpose, 'purpose', 'optional'),
    ...amountChecks(invoice.rows, invoice.totals, decimals),
  ]
  if (invoice.dueDate !== undefined) checks.push(checkDate(invoice.dueDate, 'dueDate'))
  if (accountant) checks.push(checkText(accountant.name, 'accountant.name'))
  if (rate) {
    checks.push(
      checkText(rate.currency, 'rate.currency'),
      checkText(rate.base, 'rate.base'),
      splitDecimal(rate.rate, 'rate.rate', 10),
      splitDecimal(rate.nominal, 'rate.nominal', 0),
      checkDate(rate.date, 'rate.date'),
    )
  }
  const failed = checks.find((c) => !c.ok)
  return failed && !failed.ok ? failed : ok(invoice)
}
