import { seedCompanies } from './companies'
import { seedContacts } from './contacts'
import { isoDate, isoDateTime } from '../core/dates'
import type { CrmItem, PortalStore } from '../store/store'
import { bumpSequence, nextId } from '../store/store'
import { writeRows, type RowInput } from '../methods/product-rows'
import { recomputePaymentSum } from '../methods/payments'
import { portalConvertMoney } from '../crm/portal-math'
import { seedCatalog, productIds } from './catalog'
import { seedDirectories } from './directories'
import { createRandom } from './random'
import { seedConfigurator } from './configurator'
import { seedDemoUserFields, storeListItemIds } from './user-fields'

/** The seed's "today": data is dated relative to this, never to the real clock. */
export const SEED_NOW = Date.UTC(2026, 10, 16, 7, 0, 0) // 2026-11-16 10:00 Moscow
const DAY = 86400_000

const COMPANIES = [
  'ООО «СтальМонтаж»',
  'АО «Северный терминал»',
  'ООО «ЛогистикПро»',
  'ПАО «Уралмашстрой»',
  'ООО «АгроТехСервис»',
  'ООО «Портовые системы»',
  'АО «ТрансСклад»',
  'ООО «Волжский комбинат»',
  'ООО «ПромАвтоматика»',
  'ЗАО «Балтийская верфь»',
  'ООО «Сибирские склады»',
  'ООО «Кубань-Агро»',
]

const PEOPLE = [
  ['Алексей', 'Иванов'],
  ['Мария', 'Соколова'],
  ['Николай', 'Морозов'],
  ['Елена', 'Лебедева'],
  ['Павел', 'Козлов'],
  ['Татьяна', 'Новикова'],
  ['Андрей', 'Фёдоров'],
  ['Ирина', 'Михайлова'],
  ['Виктор', 'Орлов'],
  ['Светлана', 'Егорова'],
  ['Роман', 'Павлов'],
  ['Юлия', 'Семёнова'],
] as const

const DIRECTIONS = ['service', 'sales', 'project'] as const
const SOURCES = ['CALL', 'EMAIL', 'WEB', 'ADVERTISING', 'PARTNER', 'RECOMMENDATION', 'TRADE_SHOW'] as const
const JUNK_REASONS = ['Нет бюджета', 'Дубль обращения', 'Не наш профиль', 'Не выходит на связь']
const LEAD_SUBJECTS: Record<(typeof DIRECTIONS)[number], string[]> = {
  service: ['Сервисное обслуживание платформы', 'Ремонт привода платформы', 'Замена датчиков нагрузки'],
  sales: ['Запрос цены на платформу ПТ-200', 'Подъёмная платформа для склада', 'Платформа ПТ-500 для цеха'],
  project: ['Проект автоматизации погрузки', 'Комплекс платформ для терминала', 'Модернизация линии отгрузки'],
}

function baseItem(entityTypeId: number, id: number, created: number, fields: Partial<CrmItem>): CrmItem {
  const createdTime = isoDateTime(created)
  return {
    id,
    entityTypeId,
    title: '',
    categoryId: 0,
    stageId: '',
    currencyId: 'RUB',
    opportunity: '0.00',
    taxValue: '0.00',
    isManualOpportunity: 'N',
    assignedById: 2,
    createdBy: 2,
    updatedBy: 2,
    createdTime,
    updatedTime: createdTime,
    movedTime: createdTime,
    opened: 'Y',
    companyId: 0,
    contactId: 0,
    comments: '',
    sourceId: '',
    begindate: isoDate(created),
    closedate: isoDate(created + 30 * DAY),
    uf: {},
    ...fields,
  }
}

/** A product's list price in the deal currency (the portal's ConvertMoney, rounded to the currency). */
function priceIn(store: PortalStore, productId: number, currency: string): string {
  const price = store.prices.get(productId)
  if (!price) return '0.00'
  if (price.currency === currency) return price.price
  const currencies = [...store.currencies.values()]
  if (!currencies.some((c) => c.currency === price.currency))
    throw new Error(`seed: cannot convert ${price.currency} to ${currency}`)
  return portalConvertMoney(price.price, price.currency, currency, currencies).toString()
}

type Rand = ReturnType<typeof createRandom>

/** A plausible order: one platform and 2–5 components, VAT 22 % included, some discounts. */
export function demoRows(store: PortalStore, rand: Rand, currency: string, platformId?: number): RowInput[] {
  const { platforms, components } = productIds(store)
  const platform = platformId ?? rand.pick(platforms)
  const chosen = new Set<number>()
  const count = rand.int(2, 5)
  while (chosen.size < count) chosen.add(rand.pick(components))
  const discount = (): Partial<RowInput> => {
    const k = rand.int(0, 5)
    if (k === 0) return { discountTypeId: 2, discountRate: rand.pick(['3', '5', '7.5', '10']) }
    if (k === 1) return { discountTypeId: 1, discountSum: rand.pick(['500', '1250', '2000']) }
    return { discountTypeId: 2, discountRate: '0' }
  }
  return [platform, ...chosen].map((productId, i) => ({
    productId,
    price: priceIn(store, productId, currency),
    quantity: i === 0 ? String(rand.int(1, 2)) : String(rand.int(1, 6)),
    taxRate: '22',
    taxIncluded: 'Y',
    ...(i === 0 ? { discountTypeId: 2, discountRate: rand.pick(['0', '0', '5']) } : discount()),
  }))
}

/** Total weight of rows in kg (catalog WEIGHT is grams). */
function weightKg(store: PortalStore, rows: readonly RowInput[]): string {
  const grams = rows.reduce(
    (s, r) => s + (store.products.get(Number(r.productId))?.weight ?? 0) * Number(r.quantity ?? 1),
    0,
  )
  return (grams / 1000).toFixed(1)
}

function seedLeads(store: PortalStore, rand: Rand): void {
  const stages = ['NEW', 'IN_PROCESS', 'CONVERTED', 'JUNK'] as const
  for (let i = 0; i < 40; i++) {
    const id = i + 1
    const stageId = stages[i % 4] as string
    const direction = DIRECTIONS[Math.floor(i / 4) % 3] ?? 'sales'
    const [name, lastName] = PEOPLE[i % PEOPLE.length] ?? ['Иван', 'Иванов']
    const company = COMPANIES[(i * 5) % COMPANIES.length] ?? ''
    const created = SEED_NOW - (60 - i) * DAY + rand.int(0, 8) * 3600_000
    const amount = direction === 'service' ? rand.int(3, 25) * 5000 : rand.int(4, 30) * 50000
    store.leads.set(
      id,
      baseItem(1, id, created, {
        title: `${rand.pick(LEAD_SUBJECTS[direction])} — ${company}`,
        name,
        lastName,
        companyTitle: company,
        stageId,
        sourceId: rand.pick(SOURCES),
        opportunity: `${amount}.00`,
        assignedById: i % 3 === 0 ? 1 : 2,
        phone: `+7 (9${String(10 + (i % 89)).padStart(2, '0')}) ${String(100 + i * 7).slice(-3)}-${String(10 + i).slice(-2)}-${String(40 + i).slice(-2)}`,
        email: `client${id}@example.ru`,
        comments: stageId === 'JUNK' ? 'Закрыт как некачественный' : '',
        uf: {
          UF_CRM_SF_DIRECTION: direction,
          UF_CRM_SF_JUNK: stageId === 'JUNK' ? (JUNK_REASONS[i % JUNK_REASONS.length] ?? '') : '',
        },
      }),
    )
  }
  bumpSequence(store, 'lead', 40)
}

/** [category, stage, currency] of the 30 demo deals: every stage of every funnel. */
const DEAL_PLAN: readonly (readonly [number, string, string])[] = [
  [0, 'NEW', 'RUB'],
  [0, 'NEW', 'RUB'],
  [0, 'PREPARATION', 'RUB'],
  [0, 'EXECUTING', 'RUB'],
  [0, 'EXECUTING', 'USD'],
  [0, 'WON', 'RUB'],
  [0, 'LOSE', 'RUB'],
  [1, 'C1:NEW', 'RUB'],
  [1, 'C1:NEW', 'RUB'],
  [1, 'C1:PREPARATION', 'RUB'],
  [1, 'C1:PREPARATION', 'EUR'],
  [1, 'C1:PREPAYMENT_INVOICE', 'RUB'],
  [1, 'C1:PREPAYMENT_INVOICE', 'RUB'],
  [1, 'C1:EXECUTING', 'RUB'],
  [1, 'C1:EXECUTING', 'CNY'],
  [1, 'C1:FINAL_INVOICE', 'RUB'],
  [1, 'C1:FINAL_INVOICE', 'RUB'],
  [1, 'C1:WON', 'RUB'],
  [1, 'C1:WON', 'USD'],
  [1, 'C1:LOSE', 'RUB'],
  [2, 'C2:NEW', 'RUB'],
  [2, 'C2:NEW', 'RUB'],
  [2, 'C2:PREPARATION', 'RUB'],
  [2, 'C2:PREPARATION', 'RUB'],
  [2, 'C2:EXECUTING', 'RUB'],
  [2, 'C2:EXECUTING', 'EUR'],
  [2, 'C2:FINAL_INVOICE', 'RUB'],
  [2, 'C2:WON', 'RUB'],
  [2, 'C2:WON', 'RUB'],
  [2, 'C2:LOSE', 'RUB'],
]

const STAGE_INDEX: Record<number, string[]> = {
  0: ['NEW', 'PREPARATION', 'EXECUTING', 'WON', 'LOSE'],
  1: ['C1:NEW', 'C1:PREPARATION', 'C1:PREPAYMENT_INVOICE', 'C1:EXECUTING', 'C1:FINAL_INVOICE', 'C1:WON', 'C1:LOSE'],
  2: ['C2:NEW', 'C2:PREPARATION', 'C2:EXECUTING', 'C2:FINAL_INVOICE', 'C2:WON', 'C2:LOSE'],
}

/** UF values that follow from how far a deal got. */
function dealUf(
  category: number,
  stageId: string,
  rand: Rand,
  platform: number,
  weight: string,
): Record<string, unknown> {
  const step = (STAGE_INDEX[category] ?? []).indexOf(stageId)
  const sale = category === 1
  const calculated = category === 2 || (sale && step >= 2 && stageId !== 'C1:LOSE')
  const signed = category === 2 || stageId === 'C1:WON'
  const configStatus =
    category === 0 ? 'draft' : category === 2 || step >= 3 ? 'approved' : step === 2 ? 'pending' : 'draft'
  return {
    UF_CRM_SF_DIRECTION: category === 0 ? rand.pick(DIRECTIONS) : rand.pick(['sales', 'project']),
    UF_CRM_SF_CFG_ITEM: category === 0 ? '' : String(platform),
    UF_CRM_SF_CFG_STATE: configStatus,
    UF_CRM_SF_PRICED: calculated ? 'Y' : 'N',
    UF_CRM_SF_SIGNED: signed ? 'Y' : 'N',
    UF_CRM_SF_DLV_ZONE: rand.pick(['moscow', 'central', 'remote']),
    UF_CRM_SF_DLV_KG: category === 0 ? '' : weight,
    UF_CRM_SF_URGENCY: rand.pick(['standard', 'standard', 'express']),
    UF_CRM_SF_PAY_TERMS: rand.pick(['prepay100', 'prepay50', 'net30', 'instalments3']),
  }
}

function seedDeals(store: PortalStore, rand: Rand): void {
  const { platforms } = productIds(store)
  DEAL_PLAN.forEach(([categoryId, stageId, currency], i) => {
    const id = i + 1
    const company = COMPANIES[i % COMPANIES.length] ?? ''
    const platform = platforms[i % platforms.length] ?? 101
    const created = SEED_NOW - (45 - i) * DAY + rand.int(0, 6) * 3600_000
    const deal = baseItem(2, id, created, {
      title: `${store.products.get(platform)?.name ?? 'Платформа'} для ${company}`,
      categoryId,
      stageId,
      currencyId: currency,
      typeId: categoryId === 2 ? 'COMPLEX' : 'SALE',
      leadId: categoryId === 0 ? null : ((i * 4) % 40) + 3,
      probability: null,
      companyId: (i % COMPANIES.length) + 1,
      contactId: (i % PEOPLE.length) + 1,
      assignedById: i % 4 === 3 ? 1 : 2,
      sourceId: rand.pick(SOURCES),
      comments: categoryId === 0 ? 'Первичный запрос, уточняем требования' : '',
    })
    store.deals.set(id, deal)
    const rows = categoryId === 0 && i % 2 === 0 ? [] : demoRows(store, rand, currency, platform)
    if (rows.length > 0) writeRows(store, deal, rows, 'factory', 'item')
    deal.uf = dealUf(categoryId, stageId, rand, platform, weightKg(store, rows))
  })
  bumpSequence(store, 'deal', DEAL_PLAN.length)
}

/** Smart invoices in every stage, bound to the later deals (parentId2), with payments that match the stage. */
function seedInvoices(store: PortalStore): void {
  const stages = ['DT31_2:N', 'DT31_2:S', 'DT31_2:UC_PARTIAL', 'DT31_2:P', 'DT31_2:D'] as const
  const deals = [...store.deals.values()].filter(
    (d) => (d.categoryId === 2 || ['C1:FINAL_INVOICE', 'C1:WON'].includes(d.stageId)) && d.stageId !== 'C2:LOSE',
  )
  let n = 0
  for (const deal of deals) {
    const dealRows = [...store.productRows.values()].filter((r) => r.ownerType === 'D' && r.ownerId === deal.id)
    if (dealRows.length === 0) continue
    // Realization deals past production are paid; earlier ones are still on the way.
    const stage = stages[n % stages.length] ?? 'DT31_2:N'
    n++
    const id = nextId(store, 'invoice')
    const created = Date.parse(deal.createdTime) + 5 * DAY
    const invoice = baseItem(31, id, created, {
      title: `Счёт № ${String(id).padStart(4, '0')} по сделке «${deal.title}»`,
      categoryId: 2,
      stageId: stage,
      currencyId: deal.currencyId,
      assignedById: 3,
      createdBy: 3,
      updatedBy: 3,
      companyId: deal.companyId,
      contactId: deal.contactId,
      parentId2: deal.id,
      accountNumber: `СФ-2026/${String(id).padStart(4, '0')}`,
      mycompanyId: 1,
      closedate: isoDate(created + 10 * DAY),
    })
    store.invoices.set(id, invoice)
    const rows = writeRows(
      store,
      invoice,
      dealRows.map((r) => ({
        productId: r.productId,
        productName: r.productName,
        price: r.price,
        quantity: r.quantity,
        discountTypeId: r.discountTypeId,
        discountRate: r.discountRate,
        discountSum: r.discountSum,
        taxRate: r.taxRate,
        taxIncluded: r.taxIncluded,
      })),
      'factory',
      'item',
    )
    const pay = (covered: typeof rows, paid: boolean, daysAfter: number): void => {
      const pid = nextId(store, 'payment')
      const payment = {
        id: pid,
        entityTypeId: 31,
        entityId: id,
        accountNumber: `${id}/${[...store.payments.values()].filter((p) => p.entityId === id && p.entityTypeId === 31).length + 1}`,
        paid: paid ? ('Y' as const) : ('N' as const),
        datePaid: paid ? isoDateTime(created + daysAfter * DAY) : null,
        empPaidId: paid ? 3 : null,
        paySystemId: 1,
        paySystemName: 'Безналичный расчёт',
        sum: '0.00',
        currency: invoice.currencyId,
      }
      store.payments.set(pid, payment)
      for (const r of covered) {
        const ppid = nextId(store, 'paymentProduct')
        store.paymentProducts.set(ppid, { id: ppid, paymentId: pid, rowId: r.id, quantity: r.quantity })
      }
      recomputePaymentSum(store, payment)
    }
    if (stage === 'DT31_2:S') pay(rows, false, 0)
    if (stage === 'DT31_2:P') pay(rows, true, 4)
    if (stage === 'DT31_2:UC_PARTIAL') {
      pay(rows.slice(0, 1), true, 3)
      pay(rows.slice(1), false, 0)
    }
  }
}

/** The demo company: deterministic, dated around SEED_NOW (2026-11-16). */
export function seedDemo(store: PortalStore): void {
  const rand = createRandom(20261116)
  seedDirectories(store)
  seedDemoUserFields(store)
  seedCompanies(store, COMPANIES, new Date(SEED_NOW - 400 * DAY).toISOString())
  seedContacts(store, PEOPLE, isoDateTime(SEED_NOW - 400 * DAY))
  seedCatalog(store)
  seedLeads(store, rand)
  seedDeals(store, rand)
  seedInvoices(store)
  seedConfigurator(store)
  storeListItemIds(store, 1, store.leads.values())
  storeListItemIds(store, 2, store.deals.values())
  storeListItemIds(store, 4, store.companies.values())
}
