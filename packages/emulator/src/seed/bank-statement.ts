import { createEmptyStore, type CrmItem, type PortalStore } from '../store/store'
import { seedDemo, SEED_NOW } from './demo'

/**
 * The demo's bank statement: what the demo company's bank would send its accountant for the seed day, as a 1C
 * client-bank file (kl_to_1c.txt, 1CClientBankExchange 1.03) in windows-1251. It pays the demo's open invoices as the
 * seed has them (a full payment, a partial one, one payment for two invoices of one buyer) and adds what the matcher
 * must leave alone: a receipt from an unknown payer, our payment to a supplier and the bank's fee.
 *
 * Written here, not with @salesflow/exchange's writer: the emulator plays the outside world (the portal and, here,
 * the bank) and never imports project code, so the parser is checked against a file it did not write itself. The
 * format facts (keys, dd.mm.yyyy dates, amounts with a point, CRLF) are the standard's; the code is the emulator's.
 * Built from a freshly seeded store, so the file is the same before and after it is applied (re-import demo).
 */

/** Our settlement account (the demo company's requisites in the app options). */
export const DEMO_OUR_ACCOUNT = '40702810538000123456'
const OUR = {
  name: 'ООО «Техностром»',
  inn: '7701234560',
  kpp: '770101001',
  account: DEMO_OUR_ACCOUNT,
  bank: 'ПАО «Сбербанк», г. Москва',
  bik: '044525225',
  corr: '30101810400000000225',
}

interface StatementParty {
  name: string
  inn: string
  kpp: string
  account: string
  bank: string
  bik: string
  corr: string
}

interface StatementDocument {
  type: string
  number: string
  amountKop: bigint
  payer: StatementParty
  receiver: StatementParty
  purpose: string
  incoming: boolean
}

const ruDate = (ms: number) => {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`
}
const kop = (amount: string): bigint => {
  const [whole = '0', frac = ''] = amount.split('.')
  return BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2))
}
const money = (k: bigint) => `${k / 100n}.${String(k % 100n).padStart(2, '0')}`

/** windows-1251 for the characters a Russian statement uses (Cyrillic, Ё/ё, №, «», dashes); ASCII as is. */
const CP1251: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '№': 0xb9, '«': 0xab, '»': 0xbb, '—': 0x97, '–': 0x96 }
function windows1251(text: string): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) out[i] = c
    else if (c >= 0x410 && c <= 0x44f) out[i] = c - 0x410 + 0xc0
    else out[i] = CP1251[text[i]!] ?? 0x3f
  }
  return out
}

function outstandingKop(store: PortalStore, invoice: CrmItem): bigint {
  const paid = [...store.payments.values()]
    .filter((p) => p.entityTypeId === 31 && p.entityId === invoice.id && p.paid === 'Y')
    .reduce((s, p) => s + kop(p.sum), 0n)
  return kop(invoice.opportunity) - paid
}

function payerOf(store: PortalStore, invoice: CrmItem): StatementParty {
  const c = store.companies.get(invoice.companyId)
  return {
    name: c?.title ?? 'ООО «Покупатель»',
    inn: c?.inn ?? '',
    kpp: c?.kpp ?? '',
    account: `40702810${String(invoice.companyId).padStart(12, '0')}`,
    bank: 'АО «Альфа-Банк», г. Москва',
    bik: '044525593',
    corr: '30101810200000000593',
  }
}

function documentsOf(store: PortalStore, day: string): StatementDocument[] {
  const open = [...store.invoices.values()].filter(
    (i) => i.currencyId === 'RUB' && (i.stageId.endsWith(':S') || i.stageId.endsWith(':UC_PARTIAL')),
  )
  const sent = open.filter((i) => i.stageId.endsWith(':S'))
  const ref = (i: CrmItem) => `№ ${i.accountNumber} от ${ruDate(Date.parse(i.begindate))}`
  const docs: StatementDocument[] = []
  const receipt = (number: string, amountKop: bigint, payer: StatementParty, purpose: string) =>
    docs.push({ type: 'Платежное поручение', number, amountKop, payer, receiver: OUR, purpose, incoming: true })

  // One payment for two invoices of the same buyer.
  const pair = open
    .flatMap((a, i) => open.slice(i + 1).map((b) => [a, b] as const))
    .find(([a, b]) => a.companyId === b.companyId)
  const used = new Set(pair ? [pair[0].id, pair[1].id] : [])
  const [full, partial] = [...sent].reverse().filter((i) => !used.has(i.id))
  if (full)
    receipt(
      '812',
      outstandingKop(store, full),
      payerOf(store, full),
      `Оплата по счёту ${ref(full)} за оборудование. Сумма ${money(outstandingKop(store, full))}, в т.ч. НДС (20%)`,
    )
  if (partial) {
    const half = (outstandingKop(store, partial) / 2n / 100n) * 100n
    receipt('97', half, payerOf(store, partial), `Частичная оплата по сч. ${ref(partial)}, в т.ч. НДС 20%`)
  }
  if (pair) {
    const [a, b] = pair
    receipt(
      '1204',
      outstandingKop(store, a) + outstandingKop(store, b),
      payerOf(store, a),
      `Оплата по счетам № ${a.accountNumber}, ${b.accountNumber} по договору № 15/2026-П, в т.ч. НДС`,
    )
  }
  receipt(
    '31',
    1_234_500n,
    {
      name: 'ИП Кузнецов Олег Петрович',
      inn: '500100732259',
      kpp: '',
      account: '40802810500000004417',
      bank: 'ПАО «Банк ВТБ», г. Москва',
      bik: '044525187',
      corr: '30101810700000000187',
    },
    'Возврат гарантийного взноса по договору № 7/К от 01.09.2026, НДС не облагается',
  )
  docs.push({
    type: 'Платежное поручение',
    number: '455',
    amountKop: 18_600_000n,
    payer: OUR,
    receiver: {
      name: 'ООО «Металлопрокат-Центр»',
      inn: '7714024384',
      kpp: '771401001',
      account: '40702810300000007755',
      bank: 'ПАО «Промсвязьбанк», г. Москва',
      bik: '044525555',
      corr: '30101810400000000555',
    },
    purpose: `Оплата по счёту № 3318 от ${day} за металлопрокат, в т.ч. НДС 20% 31000.00`,
    incoming: false,
  })
  docs.push({
    type: 'Банковский ордер',
    number: '9001',
    amountKop: 149_000n,
    payer: OUR,
    receiver: { ...OUR, name: 'ПАО «Сбербанк»', inn: '7707083893', kpp: '773601001', account: '70601810900002700000' },
    purpose: 'Комиссия за ведение счёта за ноябрь 2026 г. НДС не облагается',
    incoming: false,
  })
  return docs
}

function partyLines(who: 'Плательщик' | 'Получатель', p: StatementParty): string[] {
  return [
    `${who}Счет=${p.account}`,
    `${who}=ИНН ${p.inn} ${p.name}`,
    `${who}1=${p.name}`,
    `${who}ИНН=${p.inn}`,
    `${who}КПП=${p.kpp}`,
    `${who}РасчСчет=${p.account}`,
    `${who}Банк1=${p.bank}`,
    `${who}БИК=${p.bik}`,
    `${who}Корсчет=${p.corr}`,
  ]
}

/** The statement's text for a store (one day, our one account). */
export function bankStatementText(store: PortalStore, dayMs: number): string {
  const day = ruDate(dayMs)
  const docs = documentsOf(store, day)
  const totalIn = docs.filter((d) => d.incoming).reduce((s, d) => s + d.amountKop, 0n)
  const totalOut = docs.filter((d) => !d.incoming).reduce((s, d) => s + d.amountKop, 0n)
  const opening = 254_300_000n
  const lines = [
    '1CClientBankExchange',
    'ВерсияФормата=1.03',
    'Кодировка=Windows',
    'Отправитель=СберБизнес',
    'Получатель=Бухгалтерия предприятия, редакция 3.0',
    `ДатаСоздания=${day}`,
    'ВремяСоздания=18:05:12',
    `ДатаНачала=${day}`,
    `ДатаКонца=${day}`,
    `РасчСчет=${OUR.account}`,
    'Документ=Платежное поручение',
    'СекцияРасчСчет',
    `ДатаНачала=${day}`,
    `ДатаКонца=${day}`,
    `РасчСчет=${OUR.account}`,
    `НачальныйОстаток=${money(opening)}`,
    `ВсегоПоступило=${money(totalIn)}`,
    `ВсегоСписано=${money(totalOut)}`,
    `КонечныйОстаток=${money(opening + totalIn - totalOut)}`,
    'КонецРасчСчет',
  ]
  for (const d of docs) {
    lines.push(
      `СекцияДокумент=${d.type}`,
      `Номер=${d.number}`,
      `Дата=${day}`,
      `Сумма=${money(d.amountKop)}`,
      ...partyLines('Плательщик', d.payer),
      `ДатаСписано=${day}`,
      ...partyLines('Получатель', d.receiver),
      `ДатаПоступило=${d.incoming ? day : ''}`,
      'ВидОплаты=01',
      'Очередность=5',
      `НазначениеПлатежа=${d.purpose}`,
      'КонецДокумента',
    )
  }
  lines.push('КонецФайла')
  return `${lines.join('\r\n')}\r\n`
}

let demoBytes: Uint8Array | undefined

/** The demo statement's bytes (windows-1251), for the seed day; the same on every call. */
export function demoBankStatement(): Uint8Array {
  if (!demoBytes) {
    const store = createEmptyStore()
    seedDemo(store)
    demoBytes = windows1251(bankStatementText(store, SEED_NOW))
  }
  return demoBytes
}
