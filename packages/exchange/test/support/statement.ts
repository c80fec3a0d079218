// A statement written for this project (a made-up company and counterparties; every ИНН has valid check digits unless
// a test says otherwise). Tests build variants of it line by line and encode them in each of the three encodings.
import { encodeText, type ExchangeEncoding } from '../../src'

export const OUR_MAIN = '40702810400000012345'
export const OUR_SECOND = '40702810700000067890'
export const OUR_INN = '7728001115'
export const ROMASHKA_INN = '7705123452'
export const SUPPLIER_INN = '5003123779'
export const PERSON_ACCOUNT = '40817810500000098765'

export const ENCODINGS: readonly ExchangeEncoding[] = ['windows-1251', 'ibm866', 'utf-8']
export const DECLARED: Record<ExchangeEncoding, string> = { 'windows-1251': 'Windows', ibm866: 'DOS', 'utf-8': 'UTF-8' }

export function header(declared = 'Windows'): string[] {
  return [
    '1CClientBankExchange',
    'ВерсияФормата=1.03',
    `Кодировка=${declared}`,
    'Отправитель=Банк Полярный',
    'Получатель=1С:Бухгалтерия',
    'ДатаСоздания=03.10.2026',
    'ВремяСоздания=09:15:00',
    'ДатаНачала=01.10.2026',
    'ДатаКонца=02.10.2026',
    `РасчСчет=${OUR_MAIN}`,
    `РасчСчет=${OUR_SECOND}`,
    'СекцияРасчСчет',
    'ДатаНачала=01.10.2026',
    'ДатаКонца=02.10.2026',
    `РасчСчет=${OUR_MAIN}`,
    'НачальныйОстаток=100000.00',
    'ВсегоПоступило=153500.00',
    'ВсегоСписано=62150.50',
    'КонечныйОстаток=191349.50',
    'КонецРасчСчет',
  ]
}

/** Six documents, one per situation the parser must get right. */
export function documents(): string[][] {
  return [
    // 1: incoming; the bank fills ДатаСписано too; amount as an integer; name only in "<ИНН>, <name>"; VAT in the purpose
    [
      'СекцияДокумент=Платежное поручение',
      'Номер=318',
      'Дата=01.10.2026',
      'Сумма=150000',
      `ПлательщикСчет=40702810900000011111`,
      'ДатаСписано=01.10.2026',
      `Плательщик=${ROMASHKA_INN}, ООО "Ромашка"`,
      `ПлательщикИНН=${ROMASHKA_INN}`,
      'ПлательщикКПП=770501001',
      'ПлательщикБИК=044525999',
      'ПлательщикБанк1=АО "Банк Речной"',
      'ПлательщикБанк2=г. Москва',
      `ПолучательСчет=${OUR_MAIN}`,
      'ДатаПоступило=01.10.2026',
      'Получатель1=ООО "Северный ветер"',
      `ПолучательИНН=${OUR_INN}`,
      'ПолучательКПП=772801001',
      'НазначениеПлатежа=Оплата по счёту № 518 от 14.09.2026 за оборудование. В т.ч. НДС 20% - 25000.00',
      'НазначениеПлатежа1=Оплата по счёту № 518 от 14.09.2026 за оборудование.',
      'НазначениеПлатежа2=В т.ч. НДС 20% - 25000.00',
      'КонецДокумента',
    ],
    // 2: outgoing; the purpose only in lines 1..6, with a contract number that is not an invoice
    [
      'СекцияДокумент=Платежное поручение',
      'Номер=55',
      'Дата=01.10.2026',
      'Сумма=50000.00',
      `ПлательщикСчет=${OUR_MAIN}`,
      'ДатаСписано=01.10.2026',
      `Плательщик=ИНН ${OUR_INN} ООО "Северный ветер"`,
      `ПлательщикИНН=${OUR_INN}`,
      'ПолучательСчет=40702810100000022222',
      'ДатаПоступило=',
      'Получатель1=ООО "Поставщик"',
      `ПолучательИНН=${SUPPLIER_INN}`,
      'НазначениеПлатежа=',
      'НазначениеПлатежа1=Оплата по договору № 7/К от 01.09.2026',
      'НазначениеПлатежа2=за сентябрь,\u00A0 НДС   не облагается',
      'КонецДокумента',
    ],
    // 3: a bank fee: "Банковский ордер" is outside the standard's four kinds and must be kept
    [
      'СекцияДокумент=Банковский ордер',
      'Номер=90211',
      'Дата=02.10.2026',
      'Сумма=2150.5',
      `ПлательщикСчет=${OUR_MAIN}`,
      'ДатаСписано=02.10.2026',
      'Плательщик1=ООО "Северный ветер"',
      'ПолучательСчет=70601810000000000001',
      'Получатель1=АО "Банк Полярный"',
      'НазначениеПлатежа=Комиссия за ведение счёта за сентябрь 2026 г.',
      'КонецДокумента',
    ],
    // 4: an individual without ИНН; the invoice number split over two purpose lines; a '=' inside the purpose
    [
      'СекцияДокумент=Платежное поручение',
      'Номер=7',
      'Дата=02.10.2026',
      'Сумма=3500.00',
      `ПлательщикСчет=${PERSON_ACCOUNT}`,
      'ДатаСписано=02.10.2026',
      'Плательщик=Иванов Пётр Сергеевич',
      'ПлательщикИНН=0',
      `ПолучательСчет=${OUR_MAIN}`,
      'ДатаПоступило=02.10.2026',
      'Получатель=ООО "Северный ветер"',
      'НазначениеПлатежа1=Оплата по счету N',
      'НазначениеПлатежа2=930 от 30.09.2026г. без НДС; код=А1=Б2',
      'КонецДокумента',
    ],
    // 5: our own money moved between our two accounts: one internal document
    [
      'СекцияДокумент=Платежное поручение',
      'Номер=56',
      'Дата=02.10.2026',
      'Сумма=10000.00',
      `ПлательщикСчет=${OUR_MAIN}`,
      'ДатаСписано=02.10.2026',
      'Плательщик1=ООО "Северный ветер"',
      `ПлательщикИНН=${OUR_INN}`,
      `ПолучательСчет=${OUR_SECOND}`,
      'ДатаПоступило=02.10.2026',
      'Получатель1=ООО "Северный ветер"',
      `ПолучательИНН=${OUR_INN}`,
      'НазначениеПлатежа=Перевод собственных средств',
      'КонецДокумента',
    ],
    // 6: a kind the parser does not know, between accounts that are not ours; ДатаСписано alone is not "outgoing"
    [
      'СекцияДокумент=Мемориальный ордер',
      'Номер=12',
      'Дата=02.10.2026',
      'Сумма=3500.00',
      'ПлательщикСчет=47422810000000000003',
      'ДатаСписано=02.10.2026',
      'ПолучательСчет=47423810000000000004',
      'НазначениеПлатежа=Перенос с транзитного счёта',
      'КонецДокумента',
    ],
  ]
}

export function statementLines(opts: { declared?: string; docs?: string[][]; end?: boolean } = {}): string[] {
  return [...header(opts.declared), ...(opts.docs ?? documents()).flat(), ...(opts.end === false ? [] : ['КонецФайла'])]
}

export function encode(text: string, encoding: ExchangeEncoding): Uint8Array {
  const r = encodeText(text, encoding)
  if (!r.ok) throw new Error(`fixture has ${r.char}, which ${encoding} cannot write`)
  return r.value
}

/** The statement's bytes: CRLF by default, declared as the encoding it is written in. */
export function statementBytes(
  encoding: ExchangeEncoding,
  opts: { declared?: string; docs?: string[][]; end?: boolean; eol?: string; finalEol?: boolean } = {},
): Uint8Array {
  const eol = opts.eol ?? '\r\n'
  const lines = statementLines({ ...opts, declared: opts.declared ?? DECLARED[encoding] })
  return encode(lines.join(eol) + (opts.finalEol === false ? '' : eol), encoding)
}
