import type { PortalStore } from '../store/store'
import { bumpSequence } from '../store/store'
import { DELIVERY_PRODUCT } from './catalog'

/** Our company's ИНН: the app options below; no client company may have it. */
const OUR_INN = '7701234560'

/** A legal entity's ИНН: nine digits and the check digit the tax service's weights give (as every real ИНН has). */
function withInnCheckDigit(nine: string): string {
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
  const sum = weights.reduce((s, w, i) => s + w * Number(nine[i]), 0)
  return nine + String((sum % 11) % 10)
}

/**
 * The demo's client companies (ids 1…n in the order of `names`) with requisites and credit settings, and the app
 * options salesflow reads: our own company's requisites and the role mapping.
 */
export function seedCompanies(store: PortalStore, names: readonly string[], createdTime: string): void {
  names.forEach((title, i) => {
    const id = i + 1
    // Deterministic 10-digit ИНН with a valid check digit and a 9-digit КПП (not real companies), never our own.
    const inn = withInnCheckDigit(String(772000000 + id * 123456).slice(0, 9))
    const kpp = `77${String(20 + (id % 80)).padStart(2, '0')}01001`
    if (inn === OUR_INN) throw new Error(`seed: client company ${id} would have our own ИНН`)
    store.companies.set(id, {
      id,
      title,
      companyType: 'CUSTOMER',
      address: `г. Москва, ул. Промышленная, д. ${id}`,
      inn,
      kpp,
      assignedById: 2,
      createdTime,
      uf: {
        UF_CRM_SF_CR_LIMIT: i % 3 === 0 ? '1500000.00' : i % 3 === 1 ? '5000000.00' : '',
        UF_CRM_SF_CR_MODE: i % 2 === 0 ? 'block' : 'warn',
      },
    })
  })
  bumpSequence(store, 'company', names.length)

  store.appOptions['salesflow.company'] = {
    name: 'ООО «Техностром»',
    inn: OUR_INN,
    kpp: '770101001',
    ogrn: '1207700123456',
    address: '115088, г. Москва, ул. Угрешская, д. 2, стр. 71',
    phone: '+7 495 123-45-67',
    email: 'sales@technostrom.example',
    bank: {
      bankName: 'ПАО «Сбербанк», г. Москва',
      bik: '044525225',
      account: '40702810538000123456',
      correspondentAccount: '30101810400000000225',
    },
    // The offer and the invoice print the title in the document's language.
    signer: { name: 'Смирнова А. В.', position: { ru: 'Генеральный директор', en: 'General Director' } },
  }
  // Policy as data: the user-field codes, the delivery row's catalog product, the offer's terms and validity.
  store.appOptions['salesflow.policy'] = {
    fields: {
      paymentTerms: 'UF_CRM_SF_PAY_TERMS',
      deliveryZone: 'UF_CRM_SF_DLV_ZONE',
      deliveryWeightKg: 'UF_CRM_SF_DLV_KG',
      urgency: 'UF_CRM_SF_URGENCY',
      creditLimit: 'UF_CRM_SF_CR_LIMIT',
      creditMode: 'UF_CRM_SF_CR_MODE',
    },
    deliveryRow: { productId: DELIVERY_PRODUCT.id, xmlId: DELIVERY_PRODUCT.xmlId },
    offer: {
      validDays: 14,
      delivery: { ru: 'по согласованию после оплаты', en: 'to be agreed after payment' },
      warranty: { ru: '12 месяцев', en: '12 months' },
    },
  }
  store.appOptions['salesflow.roles'] = {
    // The intern sits in sales but only watches.
    users: { '5': 'viewer' },
    departments: { '2': 'manager', '3': 'accountant', '4': 'technician' },
    fallback: 'viewer',
  }
  // The lead tab: our stages on the portal's lead statuses, the fields it writes, the reasons a lead is junk.
  store.appOptions['salesflow.leads'] = {
    statuses: { new: ['NEW'], inWork: ['IN_PROCESS'], qualified: ['CONVERTED'], unqualified: ['JUNK'] },
    directionField: 'UF_CRM_SF_DIRECTION',
    junkReasonField: 'UF_CRM_SF_JUNK',
    innField: 'UF_CRM_SF_INN',
    funnel: 'activity',
    junkReasons: [
      { id: 'no-budget', ru: 'Нет бюджета', en: 'No budget' },
      { id: 'duplicate', ru: 'Дубль обращения', en: 'Duplicate request' },
      { id: 'not-our-profile', ru: 'Не наш профиль', en: 'Not our line of business' },
      { id: 'unreachable', ru: 'Не выходит на связь', en: 'Does not answer' },
      { id: 'not-a-customer', ru: 'Не клиент (вакансия, реклама)', en: 'Not a customer (job, advertising)' },
      { id: 'no-contact', ru: 'Нет контактов', en: 'No contact details' },
    ],
  }
}
