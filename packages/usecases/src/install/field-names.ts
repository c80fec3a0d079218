/**
 * The codes (FIELD_NAME) of salesflow's CRM user fields: the one place they are named. The install manifest creates
 * them, the default settings point at them. A portal allows at most 20 characters with the `UF_CRM_` prefix (13
 * after it: b24restdocs crm-deal-userfield-add.md), checked by the install tests. The rules' demo defaults
 * (DEFAULT_FUNNEL_CONFIG, DEFAULT_LEAD_STATUS_CONFIG) sit below this package and spell the same codes; a test keeps
 * them equal to these.
 */
export const SF_FIELDS = {
  /** Deal and lead: service, sales or project (a list). */
  direction: 'UF_CRM_SF_DIRECTION',
  /** Deal: the configured catalog product (was UF_CRM_SF_CONFIG_PRODUCT_ID). */
  configItem: 'UF_CRM_SF_CFG_ITEM',
  /** Deal: draft, pending or approved (was UF_CRM_SF_CONFIG_STATUS). */
  configState: 'UF_CRM_SF_CFG_STATE',
  /** Deal: yes/no (was UF_CRM_SF_PRICE_CALCULATED). */
  priced: 'UF_CRM_SF_PRICED',
  /** Deal: yes/no (was UF_CRM_SF_OFFER_SIGNED). */
  offerSigned: 'UF_CRM_SF_SIGNED',
  /** Deal: a list (was UF_CRM_SF_DELIVERY_ZONE). */
  deliveryZone: 'UF_CRM_SF_DLV_ZONE',
  /** Deal: a number (was UF_CRM_SF_DELIVERY_WEIGHT_KG). */
  deliveryWeightKg: 'UF_CRM_SF_DLV_KG',
  /** Deal: a list. */
  urgency: 'UF_CRM_SF_URGENCY',
  /** Deal: a list (was UF_CRM_SF_PAYMENT_TERMS). */
  paymentTerms: 'UF_CRM_SF_PAY_TERMS',
  /** Lead: why it is junk (was UF_CRM_SF_JUNK_REASON). */
  junkReason: 'UF_CRM_SF_JUNK',
  /** Lead: the client's ИНН (a field the company keeps; salesflow reads it, never creates it). */
  inn: 'UF_CRM_SF_INN',
  /** Company: a number (was UF_CRM_SF_CREDIT_LIMIT). */
  creditLimit: 'UF_CRM_SF_CR_LIMIT',
  /** Company: a list (was UF_CRM_SF_CREDIT_MODE). */
  creditMode: 'UF_CRM_SF_CR_MODE',
} as const

/**
 * The smart-invoice user fields, by purpose: named here too (the install creates them, generateInvoice
 * writes the key and the rate snapshot, the panel and the deal tab read it; the lifecycle writes the dispute).
 */
export const INVOICE_FIELDS = {
  idempotencyKey: 'UF_CRM_SMART_INVOICE_SF_IDEMPOTENCY_KEY',
  rate: 'UF_CRM_SMART_INVOICE_SF_RATE',
  rateNominal: 'UF_CRM_SMART_INVOICE_SF_RATE_NOMINAL',
  rateDate: 'UF_CRM_SMART_INVOICE_SF_RATE_DATE',
  rateSource: 'UF_CRM_SMART_INVOICE_SF_RATE_SOURCE',
  /** The client's objection while the invoice is disputed; empty when it is not. */
  dispute: 'UF_CRM_SMART_INVOICE_SF_DISPUTE',
} as const

/** The portal's limit on a CRM user field's code, prefix included. */
export const FIELD_NAME_MAX = 20
