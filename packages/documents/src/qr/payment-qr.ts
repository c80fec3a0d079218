import { err, ok, type Result } from '@salesflow/rules'
import type { DocumentError } from '../model/errors'
import type { Invoice } from '../model/invoice'
import { splitDecimal } from '../format/decimal-string'
import { invoicePurpose } from '../view/describe-invoice'

/**
 * The fields of a payment QR code per GOST R 56042-2014 («Стандарты финансовых операций. Двумерные символы
 * штрихового кода для осуществления платежей физических лиц»): the five required ones, then the optional ones
 * a bank app fills the payment order with.
 */
export interface PaymentQrFields {
  /** Payee's name. */
  readonly name: string
  /** Payee's account (расчётный счёт), 20 digits. */
  readonly personalAcc: string
  readonly bankName: string
  /** БИК, 9 digits. */
  readonly bic: string
  /** Correspondent account, 20 digits (or '0' for a bank without one). */
  readonly correspAcc: string
  /** ИНН, 10 or 12 digits. */
  readonly payeeInn: string
  /** КПП, 9 characters. */
  readonly kpp?: string
  /** The amount in roubles as a decimal string ('1234.50'); written as kopecks. */
  readonly sum: string
  readonly purpose: string
}

/** 'ST0001' and the character set: 2 is UTF-8. */
const HEADER = 'ST00012'
const SEPARATOR = '|'

/** The standard's maximum lengths of the free-text fields; longer values are cut, as bank apps would refuse them. */
const MAX = { Name: 160, BankName: 45, Purpose: 210 } as const

const FORMATS: Readonly<Record<string, RegExp>> = {
  PersonalAcc: /^\d{20}$/,
  BIC: /^\d{9}$/,
  CorrespAcc: /^(\d{20}|0)$/,
  PayeeINN: /^(\d{10}|\d{12})$/,
  KPP: /^\d{4}[\dA-Z]{2}\d{3}$/,
}

/**
 * A text value as the standard allows it: the separator '|' cannot appear inside a value (it would start a new
 * field), so it becomes '/'; line breaks and other control characters become spaces; runs of spaces fold.
 */
export function qrText(value: string, max: number): string {
  return value
    .replace(/\|/g, '/')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim()
}

/** '1234.5' roubles → '123450' kopecks, by the digits (no floating point). */
export function kopecks(sum: string): Result<string, DocumentError> {
  const parts = splitDecimal(sum, 'Sum', 2)
  if (!parts.ok) return err({ code: 'QR_INVALID_FIELD', field: 'Sum', value: sum })
  const digits = `${parts.value.integer}${parts.value.fraction}`.replace(/^0+/, '')
  if (parts.value.negative || digits === '' || digits.length > 18) {
    return err({ code: 'QR_INVALID_FIELD', field: 'Sum', value: sum })
  }
  return ok(digits)
}

/**
 * The payload string of the payment QR code:
 * `ST00012|Name=…|PersonalAcc=…|BankName=…|BIC=…|CorrespAcc=…|PayeeINN=…|KPP=…|Sum=<kopecks>|Purpose=…`.
 * Pure; a number field that is not what the standard requires is QR_INVALID_FIELD naming the field.
 */
export function paymentQrPayload(fields: PaymentQrFields): Result<string, DocumentError> {
  const sum = kopecks(fields.sum)
  if (!sum.ok) return sum
  const digits = (v: string) => v.replace(/\s+/g, '')
  const pairs: [string, string][] = [
    ['Name', qrText(fields.name, MAX.Name)],
    ['PersonalAcc', digits(fields.personalAcc)],
    ['BankName', qrText(fields.bankName, MAX.BankName)],
    ['BIC', digits(fields.bic)],
    ['CorrespAcc', digits(fields.correspAcc)],
    ['PayeeINN', digits(fields.payeeInn)],
    ...(fields.kpp ? [['KPP', digits(fields.kpp)] as [string, string]] : []),
    ['Sum', sum.value],
    ['Purpose', qrText(fields.purpose, MAX.Purpose)],
  ]
  for (const [field, value] of pairs) {
    const format = FORMATS[field]
    if ((format && !format.test(value)) || value === '') return err({ code: 'QR_INVALID_FIELD', field, value })
  }
  return ok([HEADER, ...pairs.map(([k, v]) => `${k}=${v}`)].join(SEPARATOR))
}

/** The invoice's QR payload; only rouble invoices have one (the standard pays in roubles). */
export function invoiceQrPayload(invoice: Invoice): Result<string, DocumentError> {
  if (invoice.currency.code !== 'RUB') return err({ code: 'QR_NOT_RUB', currency: invoice.currency.code })
  const { seller } = invoice
  return paymentQrPayload({
    name: seller.name,
    personalAcc: seller.bank.account,
    bankName: seller.bank.bankName,
    bic: seller.bank.bik,
    correspAcc: seller.bank.correspondentAccount,
    payeeInn: seller.inn,
    ...(seller.kpp ? { kpp: seller.kpp } : {}),
    sum: invoice.totals.total,
    // The bank reads the purpose in Russian, whatever the document's language.
    purpose: invoicePurpose(invoice, 'ru'),
  })
}
