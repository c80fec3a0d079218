import type { Lang } from '../model/offer'

export interface OfferLabels {
  readonly title: (number: string, date: string) => string
  readonly validUntil: (date: string) => string
  readonly seller: string
  readonly client: string
  readonly inn: string
  readonly kpp: string
  readonly ogrn: string
  readonly address: string
  readonly bank: string
  readonly bik: string
  readonly account: string
  readonly correspondentAccount: string
  readonly phone: string
  readonly email: string
  readonly contact: string
  readonly deal: string
  readonly columns: {
    readonly position: string
    readonly name: string
    readonly quantity: string
    readonly unit: string
    readonly listPrice: (symbol: string) => string
    readonly discount: string
    readonly price: (symbol: string) => string
    readonly vatRate: string
    readonly sum: (symbol: string) => string
  }
  readonly article: string
  readonly noVat: string
  readonly withoutVat: string
  readonly vat: (rate: string) => string
  readonly vatNone: string
  readonly total: string
  readonly inWords: string
  readonly rates: string
  readonly rate: (currency: string, rate: string, base: string, date: string) => string
  readonly prices: (date: string) => string
  readonly terms: {
    readonly payment: string
    readonly delivery: string
    readonly warranty: string
    readonly notes: string
  }
  readonly manager: string
  readonly signature: string
  /** 'Страница 2 из 5': the renderer puts the numbers in (DOCX uses fields). */
  readonly page: { readonly word: string; readonly of: string }
}

export const LABELS: Readonly<Record<Lang, OfferLabels>> = {
  ru: {
    title: (n, d) => `Коммерческое предложение № ${n} от ${d}`,
    validUntil: (d) => `Предложение действительно до ${d}`,
    seller: 'Поставщик',
    client: 'Покупатель',
    inn: 'ИНН',
    kpp: 'КПП',
    ogrn: 'ОГРН',
    address: 'Адрес',
    bank: 'Банк',
    bik: 'БИК',
    account: 'Р/с',
    correspondentAccount: 'К/с',
    phone: 'Тел.',
    email: 'E-mail',
    contact: 'Контактное лицо',
    deal: 'Сделка',
    columns: {
      position: '№',
      name: 'Наименование',
      quantity: 'Кол-во',
      unit: 'Ед.',
      listPrice: (s) => `Цена, ${s}`,
      discount: 'Скидка',
      price: (s) => `Цена со скидкой, ${s}`,
      vatRate: 'НДС',
      sum: (s) => `Сумма, ${s}`,
    },
    article: 'Арт.',
    noVat: 'без НДС',
    withoutVat: 'Итого без НДС',
    vat: (r) => `НДС ${r}`,
    vatNone: 'Без НДС',
    total: 'Итого с НДС',
    inWords: 'Сумма прописью',
    rates: 'Курсы валют',
    rate: (c, r, b, d) => `Курс: 1 ${c} = ${r} ${b} на ${d}`,
    prices: (d) => `Цены по состоянию на ${d}`,
    terms: { payment: 'Условия оплаты', delivery: 'Доставка', warranty: 'Гарантия', notes: 'Примечания' },
    manager: 'Ваш менеджер',
    signature: 'подпись',
    page: { word: 'Страница', of: 'из' },
  },
  en: {
    title: (n, d) => `Commercial offer No. ${n} of ${d}`,
    validUntil: (d) => `This offer is valid until ${d}`,
    seller: 'Supplier',
    client: 'Customer',
    inn: 'TIN (INN)',
    kpp: 'KPP',
    ogrn: 'OGRN',
    address: 'Address',
    bank: 'Bank',
    bik: 'BIC',
    account: 'Account',
    correspondentAccount: 'Corr. account',
    phone: 'Phone',
    email: 'E-mail',
    contact: 'Contact person',
    deal: 'Deal',
    columns: {
      position: 'No.',
      name: 'Item',
      quantity: 'Qty',
      unit: 'Unit',
      listPrice: (s) => `List price, ${s}`,
      discount: 'Disc.',
      price: (s) => `Price, ${s}`,
      vatRate: 'VAT',
      sum: (s) => `Amount, ${s}`,
    },
    article: 'Art.',
    noVat: 'no VAT',
    withoutVat: 'Total excl. VAT',
    vat: (r) => `VAT ${r}`,
    vatNone: 'No VAT',
    total: 'Total incl. VAT',
    inWords: 'Amount in words',
    rates: 'Exchange rates',
    rate: (c, r, b, d) => `Exchange rate: 1 ${c} = ${r} ${b} as of ${d}`,
    prices: (d) => `Prices as of ${d}`,
    terms: { payment: 'Payment terms', delivery: 'Delivery', warranty: 'Warranty', notes: 'Notes' },
    manager: 'Your manager',
    signature: 'signature',
    page: { word: 'Page', of: 'of' },
  },
}
