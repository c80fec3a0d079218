import type { Lang } from './offer'

/** The deal's UF_CRM_SF_PAY_TERMS values (the demo contract). */
export type PaymentTermsCode = 'prepay100' | 'prepay50' | 'net30' | 'instalments3'

const TEXT: Readonly<Record<PaymentTermsCode, Readonly<Record<Lang, string>>>> = {
  prepay100: { ru: '100 % предоплата', en: '100 % prepayment' },
  prepay50: {
    ru: 'Предоплата 50 %, остаток — перед отгрузкой',
    en: '50 % prepayment, the balance before shipment',
  },
  net30: { ru: 'Оплата в течение 30 дней после отгрузки', en: 'Payment within 30 days of shipment' },
  instalments3: { ru: 'Оплата тремя равными платежами', en: 'Payment in three equal instalments' },
}

/** The sentence the offer prints for a payment-terms code; undefined for a code it does not know. */
export function paymentTermsText(code: string, lang: Lang): string | undefined {
  return Object.hasOwn(TEXT, code) ? TEXT[code as PaymentTermsCode][lang] : undefined
}
