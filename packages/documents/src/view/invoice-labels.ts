import type { Lang } from '../model/offer'
import { LABELS, type OfferLabels } from './labels'

export interface InvoiceLabels extends Omit<OfferLabels, 'title' | 'columns'> {
  readonly title: (number: string, date: string) => string
  readonly due: (date: string) => string
  readonly buyer: string
  readonly basis: string
  readonly payeeBank: string
  readonly payee: string
  readonly columns: {
    readonly position: string
    readonly name: string
    readonly quantity: string
    readonly unit: string
    readonly price: (symbol: string) => string
    readonly vatRate: string
    readonly sum: (symbol: string) => string
  }
  readonly count: (items: number, amount: string) => string
  readonly converted: (nominal: string, currency: string, rate: string, base: string, date: string) => string
  readonly purpose: string
  readonly purposeText: (number: string, date: string, vat: string | null) => string
  readonly qr: string
  readonly head: string
  readonly accountant: string
}

export const INVOICE_LABELS: Readonly<Record<Lang, InvoiceLabels>> = {
  ru: {
    ...LABELS.ru,
    title: (n, d) => `Счёт на оплату № ${n} от ${d}`,
    due: (d) => `Оплатить до ${d}`,
    buyer: 'Покупатель',
    basis: 'Основание',
    payeeBank: 'Банк получателя',
    payee: 'Получатель',
    columns: {
      position: '№',
      name: 'Товары (работы, услуги)',
      quantity: 'Кол-во',
      unit: 'Ед.',
      price: (s) => `Цена, ${s}`,
      vatRate: 'НДС',
      sum: (s) => `Сумма, ${s}`,
    },
    total: 'Всего к оплате',
    count: (n, a) => `Всего наименований ${n}, на сумму ${a}`,
    converted: (n, c, r, b, d) => `Сумма пересчитана по курсу ${n} ${c} = ${r} ${b} на ${d}`,
    purpose: 'Назначение платежа',
    purposeText: (n, d, vat) =>
      `Оплата по счёту № ${n} от ${d}, ${vat === null ? 'НДС не облагается' : `в т.ч. НДС ${vat}`}`,
    qr: 'Оплата по QR-коду в приложении банка',
    head: 'Руководитель',
    accountant: 'Главный бухгалтер',
  },
  en: {
    ...LABELS.en,
    title: (n, d) => `Invoice No. ${n} of ${d}`,
    due: (d) => `Payable by ${d}`,
    buyer: 'Customer',
    basis: 'Reference',
    payeeBank: "Payee's bank",
    payee: 'Payee',
    columns: {
      position: 'No.',
      name: 'Goods, work, services',
      quantity: 'Qty',
      unit: 'Unit',
      price: (s) => `Price, ${s}`,
      vatRate: 'VAT',
      sum: (s) => `Amount, ${s}`,
    },
    total: 'Total due',
    count: (n, a) => `${n} item${n === 1 ? '' : 's'}, total ${a}`,
    converted: (n, c, r, b, d) => `Converted at ${n} ${c} = ${r} ${b} as of ${d}`,
    purpose: 'Payment reference',
    purposeText: (n, d, vat) => `Payment for invoice No. ${n} of ${d}, ${vat === null ? 'no VAT' : `incl. VAT ${vat}`}`,
    qr: 'Scan with a Russian banking app to pay',
    head: 'Director',
    accountant: 'Chief accountant',
  },
}
