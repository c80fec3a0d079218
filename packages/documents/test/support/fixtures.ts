import { computeProductRows, type ProductRowInput } from '@salesflow/rules'
import {
  buildInvoiceModel,
  buildOfferModel,
  type BuildInvoiceInput,
  type BuildOfferInput,
  type CommercialOffer,
  type Invoice,
  type OfferRowSource,
} from '../../src/model'

export const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`unexpected error ${JSON.stringify(r.error)}`)
  return r.value
}

export const XSS_TITLE = '<img src=x onerror=alert(1)>'
export const CLIENT_NAME = 'ООО «Северный Металлургический Комбинат»'

interface CatalogLine {
  name: string
  article: string
  unit: string
  input: ProductRowInput
}

/** A realistic Sale-funnel deal: platforms, drives and sensors with a mix of discounts and VAT rates. */
export const CATALOG: readonly CatalogLine[] = [
  {
    name: 'Платформа ПТ-500 усиленная, грузоподъёмность 5 т, с поворотным столом и защитным ограждением по периметру',
    article: 'PT-500-R',
    unit: 'шт',
    input: { price: '1087500.00', quantity: 1, discountTypeId: 2, discountRate: 5, taxRate: 22, taxIncluded: 'Y' },
  },
  {
    name: 'Привод электромеханический ЭП-3,0 кВт',
    article: 'DRV-30',
    unit: 'шт',
    input: { price: '84790.50', quantity: 2, discountTypeId: 1, discountSum: '1500', taxRate: 22, taxIncluded: 'Y' },
  },
  {
    name: 'Датчик положения индуктивный M18',
    article: 'SNS-M18',
    unit: 'шт',
    input: { price: '3120.40', quantity: 8, taxRate: 22, taxIncluded: 'N' },
  },
  {
    name: 'Кабель силовой КГ 4×2,5',
    article: 'CBL-425',
    unit: 'м',
    input: { price: '412.37', quantity: '37.5', taxRate: 10, taxIncluded: 'Y' },
  },
  {
    name: 'Пусконаладочные работы',
    article: 'SRV-START',
    unit: 'усл',
    input: { price: '45000', quantity: 1, taxRate: null },
  },
]

export function rowsFrom(lines: readonly CatalogLine[]): OfferRowSource[] {
  const computed = computeProductRows(lines.map((l) => l.input))
  return computed.rows.map((r, i) => {
    const line = lines[i]!
    return { row: unwrap(r), name: line.name, article: line.article, unit: line.unit }
  })
}

/** n rows cycling through the catalog, with long names every few rows to exercise wrapping. */
export function manyLines(n: number): CatalogLine[] {
  return Array.from({ length: n }, (_, i) => {
    const base = CATALOG[i % CATALOG.length]!
    const long = i % 7 === 3 ? ' — исполнение для низких температур, комплект крепежа и паспорт изделия' : ''
    return { ...base, name: `${base.name} (поз. ${i + 1})${long}`, article: `${base.article}-${i + 1}` }
  })
}

export function offerInput(lines: readonly CatalogLine[] = CATALOG): BuildOfferInput {
  return {
    number: 'КП-2026-0042',
    date: '2026-11-25',
    validUntil: '2026-12-25',
    seller: {
      name: 'ООО «Техностром»',
      inn: '7701234567',
      kpp: '770101001',
      ogrn: '1027700000001',
      address: '119021, г. Москва, ул. Льва Толстого, д. 16',
      phone: '+7 495 000-00-00',
      email: 'sales@technostrom.example',
      bank: {
        bankName: 'ПАО «Банк»',
        bik: '044525000',
        account: '40702810900000000001',
        correspondentAccount: '30101810400000000225',
      },
      signer: { name: 'Смирнова А. В.', position: { ru: 'Генеральный директор', en: 'General Director' } },
    },
    client: {
      companyName: CLIENT_NAME,
      inn: '5190123456',
      kpp: '519001001',
      address: 'г. Мурманск, пр. Ленина, д. 1',
      contact: { name: 'Козлов Павел', phone: '+7 8152 00-00-00', email: 'kozlov@smk.example' },
    },
    deal: { id: '42', title: 'Поставка платформы ПТ-500 для цеха № 3' },
    currency: { code: 'RUB', symbol: '₽', decimals: 2 },
    rows: rowsFrom(lines),
    rates: [{ currency: 'USD', base: 'RUB', rate: '92.5000', date: '2026-11-25', source: 'ЦБ РФ' }],
    priceSnapshot: {
      takenAt: '2026-11-25T08:00:00Z',
      source: 'crm.deal.productrows.get',
      items: [{ productId: '101', name: 'Платформа ПТ-500 усиленная', price: '1087500.00', currency: 'RUB' }],
    },
    terms: {
      payment: 'Предоплата 50 %, остаток — по факту отгрузки',
      delivery: 'Москва, 10 рабочих дней со дня оплаты',
      warranty: '24 месяца',
    },
    manager: {
      name: 'Игорь Петров',
      position: 'менеджер отдела продаж',
      phone: '+7 495 000-00-02',
      email: 'petrov@technostrom.example',
    },
  }
}

export const makeOffer = (lines?: readonly CatalogLine[], patch: Partial<BuildOfferInput> = {}): CommercialOffer =>
  unwrap(buildOfferModel({ ...offerInput(lines), ...patch }))

export function invoiceInput(lines: readonly CatalogLine[] = CATALOG): BuildInvoiceInput {
  const offer = offerInput(lines)
  return {
    number: '17',
    date: '2026-11-25',
    dueDate: '2026-12-02',
    seller: offer.seller,
    accountant: { name: 'Орлова Е. Н.', position: 'Главный бухгалтер' },
    buyer: { companyName: CLIENT_NAME, inn: '5190123456', kpp: '519001001', address: 'г. Мурманск, пр. Ленина, д. 1' },
    basis: 'Сделка № 42, договор поставки № 12/2026',
    currency: offer.currency,
    rows: offer.rows,
  }
}

export const makeInvoice = (lines?: readonly CatalogLine[], patch: Partial<BuildInvoiceInput> = {}): Invoice =>
  unwrap(buildInvoiceModel({ ...invoiceInput(lines), ...patch }))
