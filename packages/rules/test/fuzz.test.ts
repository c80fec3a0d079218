import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as rules from '../src'
import {
  D,
  DEFAULT_DELIVERY_TABLE,
  DEFAULT_FUNNEL_CONFIG,
  DEFAULT_LEAD_RULES,
  DEFAULT_LEAD_STATUS_CONFIG,
  DEFAULT_PAYMENT_TERMS,
  DEFAULT_PRODUCT_MODEL,
  DEMO_ROLE_CONFIG,
  MAX_AMOUNT,
  buildInvoiceStageMap,
  compileLeadRuleSet,
  currency,
  money,
  type PortalCurrency,
  type PortalStage,
} from '../src'

/**
 * One generated fuzz suite over the whole public API of @salesflow/rules (issue #12, section 3). Each export
 * has an entry below with a valid sample call; the suite mutates the sample with hostile values (NaN,
 * ±Infinity, huge and negative numbers, '1,5', '1e1000000', null, undefined, missing keys, own '__proto__'
 * keys, inherited properties, wrong types, deep objects) and checks every call:
 *   - returns within LIMIT_MS (measured; a slow call is timed once more before it counts);
 *   - never throws, except the few primitives listed with `contract` (style.md: primitive arithmetic asserts);
 *   - never returns NaN, ±Infinity, or a decimal beyond MAX_AMOUNT (DECIMAL(18,2)) anywhere in its result;
 *   - every error it returns (a Result error, a violation, a plan issue) carries a SCREAMING_SNAKE `code`.
 * Inputs arrive as JSON (REST, forms, settings), so symbols, functions and bigint are not among the values.
 * A new export without an entry fails the first test (and does not type-check).
 */

const LIMIT_MS = 200
/**
 * A fixed seed keeps `npm test` repeatable (a red CI must mean a change broke something, not that the dice rolled
 * anew). Explore with fresh values: FUZZ_SEED=<any integer> npx vitest run packages/rules/test/fuzz.test.ts
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202)
const RUNS = 60

type Args = readonly unknown[]
interface Call {
  /** A valid call; the fuzzer mutates copies of it. */
  readonly sample: () => Args
  /** A class: called with `new`. */
  readonly construct?: true
  /**
   * Why this export may throw or hand back what it was given on misuse (a primitive whose input another export
   * validates, per style.md: primitive arithmetic asserts). It must still return within the time bound.
   */
  readonly contract?: string
  readonly runs?: number
}
/** A constant (table, default configuration): nothing to call. */
interface Data {
  readonly data: string
}
type Entry = Call | Data

/** The configurator's app option over DEFAULT_PRODUCT_MODEL, every item linked to a catalog product. */
const CONFIGURATOR_OPTION = () => ({
  platforms: DEFAULT_PRODUCT_MODEL.platforms.map((p, i) => ({ ...p, productId: 100 + i })),
  components: DEFAULT_PRODUCT_MODEL.components.map((c, i) => ({ ...c, productId: 200 + i })),
  rules: DEFAULT_PRODUCT_MODEL.rules,
  pricing: { currency: 'RUB', assembly: '1000', markupPercent: '10', vatId: 3, priceTypeId: 1 },
  catalog: { sectionId: 9 },
  approval: { departmentId: 4, deadlineDays: 3 },
})

const CURRENCIES: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'USD', AMOUNT: '92.5', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'JPY', AMOUNT: '61.23', AMOUNT_CNT: '100', isBase: false, decimals: 0 },
]
const RUB = currency('RUB')
const rub = (amount: string) => {
  const m = money(amount, RUB)
  if (!m.ok) throw new Error('fixture')
  return m.value
}
const ROW = { price: '1220', quantity: 2, discountTypeId: 2, discountRate: 5, taxRate: 22, taxIncluded: 'Y' }
const STORED = () => {
  const r = rules.computeProductRows([ROW as rules.ProductRowInput]).rows[0]!
  if (!r.ok) throw new Error('fixture')
  return r.value
}
const CONFIG = {
  platformId: 'pt-200',
  components: [
    { componentId: 'frame-light', quantity: 1 },
    { componentId: 'sensor-c3', quantity: 4 },
    { componentId: 'ctrl-basic', quantity: '1' },
    { componentId: 'cable-5', quantity: 2 },
  ],
}
const INVOICES = [
  {
    invoiceId: '7',
    dueDate: '2026-02-01',
    currency: 'RUB',
    positions: [
      { positionId: 'a', amount: '1000', paid: '100', kind: 'goods' },
      { positionId: 'b', amount: '50.50', paid: '0', kind: 'delivery' },
    ],
  },
  { invoiceId: '8', dueDate: null, currency: 'USD', positions: [{ positionId: 'c', amount: '10', paid: '0' }] },
]
const RECEIPT = { amount: '1500', currency: 'RUB', date: '2026-03-01' }
const ALLOCATION_OPTIONS = { currencies: CURRENCIES, positionPriority: ['delivery'] }
const DEAL_SNAPSHOT = {
  stageId: 'C1:NEW',
  fields: { UF_CRM_SF_DIRECTION: 'sales', COMPANY_ID: '12', OPPORTUNITY: '250000.00' },
  opportunity: '250000',
  paid: '1000',
  credit: { decision: 'within', after: '100.00', limit: '1000000.00' },
}
const LEAD = { id: '1', hasPhone: true, sourceId: 'WEB', amount: '3000000', text: 'нужны весы', productIds: [1, 2] }
const COMPILED = () => {
  const c = compileLeadRuleSet(DEFAULT_LEAD_RULES)
  if (!c.ok) throw new Error('fixture')
  return c.value
}
const STAGES: PortalStage[] = [
  { id: 'DT31_2:N', name: 'Новый', sort: 100, semantics: 'process' },
  { id: 'DT31_2:S', name: 'Отправлен', sort: 110, semantics: 'process' },
  { id: 'DT31_2:P', name: 'Оплачен', sort: 130, semantics: 'success' },
  { id: 'DT31_2:D', name: 'Отклонён', sort: 140, semantics: 'failure' },
]
const STAGE_MAP = () => {
  const m = buildInvoiceStageMap(STAGES)
  if (!m.ok) throw new Error('fixture')
  return m.value
}
const DEAL = {
  id: '42',
  currencyId: 'RUB',
  paymentTerms: 'prepay50',
  rows: [{ id: 1, productId: 101, productName: 'Платформа', ...ROW }],
}
const INVOICE_REQUEST = {
  kind: 'prepayment',
  percent: 30,
  today: '2026-03-02',
  currencies: CURRENCIES,
  rateDate: '2026-03-01',
  rateSource: 'portal',
}
const CATALOG = [
  { itemId: 'pt-200', price: '185000', currency: 'RUB', weightGrams: 95000, volumeM3: '0.9' },
  { itemId: 'sensor-c3', price: '129.90', currency: 'USD', weightGrams: 1200 },
  { itemId: 'ctrl-basic', price: '1890', currency: 'RUB', weightGrams: 800 },
  { itemId: 'frame-light', price: '21000', currency: 'RUB', weightGrams: 40000 },
  { itemId: 'cable-5', price: '850', currency: 'RUB', weightGrams: 400 },
]
const RESULT = 'a Result constructor: wraps whatever the caller passes; the types say what that is'
const DATE_PRIMITIVE = 'date arithmetic on an IsoDate that parseIsoDate validated (iso-date.ts: "`date` must be valid")'
const MONEY_PRIMITIVE = 'a Money primitive: takes a Money that money() built (style.md: primitive arithmetic asserts)'

const ENTRIES = {
  // money and numbers
  ok: { sample: () => [1], contract: RESULT },
  err: { sample: () => [{ code: 'INVALID_NUMBER', field: 'x', value: 1 }], contract: RESULT },
  all: {
    sample: () => [
      [
        { ok: true, value: 1 },
        { ok: false, error: { code: 'INVALID_NUMBER' } },
      ],
    ],
    contract: RESULT,
  },
  D: {
    sample: () => ['1.5'],
    construct: true,
    contract: "decimal.js' own constructor: throws on a non-number by design; parseDecimal is the safe entry",
  },
  MAX_AMOUNT: { data: 'the DECIMAL(18,2) limit' },
  parseDecimal: { sample: () => ['12.50', 'price'] },
  phpRound: { sample: () => [new D('2.345'), 2], contract: 'a rounding primitive on a parsed Decimal (style.md)' },
  roundEx: { sample: () => [new D('2.345'), 2], contract: 'a rounding primitive on a parsed Decimal (style.md)' },
  currency: {
    sample: () => ['RUB', 2],
    contract: 'builds the Currency record as given; money() and every Money function validate it (INVALID_DECIMALS)',
  },
  money: { sample: () => ['100.50', RUB] },
  add: { sample: () => [rub('1.10'), rub('2.20')] },
  subtract: { sample: () => [rub('1.10'), rub('2.20')] },
  sum: { sample: () => [[rub('1.10'), rub('2.20')], RUB] },
  multiply: { sample: () => [rub('1.10'), '3'] },
  compare: { sample: () => [rub('1.10'), rub('2.20')] },
  isZero: { sample: () => [rub('0')], contract: MONEY_PRIMITIVE },
  isNegative: { sample: () => [rub('-1')], contract: MONEY_PRIMITIVE },
  toSnapshot: { sample: () => [rub('1.10')], contract: MONEY_PRIMITIVE },
  allocate: { sample: () => [rub('10.03'), [1, '2', 0]] },
  convertMoney: { sample: () => ['100', 'USD', 'RUB', CURRENCIES, { exchRate: '90' }] },
  conversionFactor: { sample: () => ['USD', 'JPY', CURRENCIES] },
  exchangeRate: { sample: () => ['JPY', CURRENCIES] },
  computeProductRows: {
    sample: () => [[ROW, { price: '10', discountTypeId: 1, discountSum: '1' }], { path: 'factory' }],
  },
  priceForRest: {
    sample: () => [
      { listPrice: '1220', quantity: 2, discount: { type: 'percent', rate: 5 }, taxRate: 22, taxIncluded: 'Y' },
    ],
  },
  listPriceOf: { sample: () => [STORED(), true] },
  // sales process
  ROLES: { data: 'the role list' },
  parseIsoDate: { sample: () => ['2026-03-01', 'date'] },
  addDays: { sample: () => ['2026-03-01', 5], contract: DATE_PRIMITIVE },
  addMonths: { sample: () => ['2026-01-31', 1], contract: DATE_PRIMITIVE },
  endOfMonth: { sample: () => ['2026-02-10'], contract: DATE_PRIMITIVE },
  daysBetween: { sample: () => ['2026-02-10', '2026-03-01'], contract: DATE_PRIMITIVE },
  canonicalJson: { sample: () => [{ b: [1, '2', null], a: { c: true } }] },
  sha256Hex: {
    sample: () => ['салесфлоу'],
    contract: 'hashes the text fingerprint() builds with canonicalJson; a non-string is a caller bug (TypeError)',
  },
  fingerprint: { sample: () => [{ deal: '42', rows: ['a', 'b'] }] },
  allocateReceipt: { sample: () => [RECEIPT, INVOICES, ALLOCATION_OPTIONS] },
  validateAllocationPlan: {
    sample: () => [
      RECEIPT,
      INVOICES,
      [
        { invoiceId: '7', positionId: 'a', amount: '500' },
        { invoiceId: '8', positionId: 'c', amount: 100 },
      ],
      ALLOCATION_OPTIONS,
    ],
  },
  DEFAULT_PAYMENT_TERMS: { data: 'the demo terms table' },
  findPaymentTerms: { sample: () => ['prepay50', DEFAULT_PAYMENT_TERMS] },
  scheduleInstalments: { sample: () => ['1000.01', 2, DEFAULT_PAYMENT_TERMS[1], '2026-01-15'] },
  dueDateOf: { sample: () => ['2026-01-15', { kind: 'balance', days: 30 }], contract: DATE_PRIMITIVE },
  overdueDays: { sample: () => ['2026-01-15', '100', '2026-02-01', 3] },
  instalmentStates: {
    sample: () => [
      [
        { label: 'a', dueDate: '2026-01-15', amount: '500.00' },
        { label: 'b', dueDate: '2026-02-15', amount: '500.00' },
      ],
      '600',
      2,
      '2026-02-20',
      0,
    ],
  },
  openCreditByCompany: {
    sample: () => [
      [
        { companyId: '1', kind: 'invoice', amount: '100', currency: 'USD' },
        { companyId: '1', kind: 'receipt', amount: '50', currency: 'RUB' },
        { companyId: '2', kind: 'unbilledOrder', amount: '10', currency: 'RUB' },
      ],
      'RUB',
      CURRENCIES,
    ],
  },
  checkCreditLimit: {
    sample: () => [
      { companyId: '1', currency: 'RUB', invoiced: '90', received: '0', unbilled: '0', open: '90' },
      '20',
      { amount: '100', currency: 'RUB', mode: 'block', overrideRoles: ['admin'] },
      'admin',
    ],
  },
  INVOICE_STATUSES: { data: 'the status list' },
  INVOICE_MACHINE: { data: 'the transition table' },
  transitionInvoice: {
    sample: () => ['sent', { type: 'PAYMENT_APPLIED', outstanding: '0.01', tolerance: '0.01' }, 'system'],
  },
  canInvoice: { sample: () => ['draft', { type: 'SEND' }, 'manager'] },
  takesBankReceipts: { sample: () => ['overdue'] },
  invoiceEventsFor: { sample: () => ['sent', 'accountant'] },
  syncInvoiceStatus: {
    sample: () => ['sent', { total: '100', paid: '40', dueDate: '2026-03-01', today: '2026-03-05' }],
  },
  buildInvoiceStageMap: { sample: () => [STAGES, { partiallyPaid: 'DT31_2:S' }] },
  stageForStatus: { sample: () => [STAGE_MAP(), 'paid'] },
  statusFromStage: {
    sample: () => [STAGE_MAP(), 'DT31_2:S', { total: '100', paid: '40', dueDate: '2026-03-01', today: '2026-02-01' }],
  },
  generateInvoice: { sample: () => [DEAL, INVOICE_REQUEST], runs: 40 },
  instalmentOfKey: { sample: () => ['inv:7:instalment1:0123456789abcdef'] },
  canIssueInvoice: { sample: () => ['manager'] },
  DIRECTIONS: { data: 'the direction list' },
  LEAD_FACT_TYPES: { data: 'the fact type table' },
  validateLeadRuleSet: { sample: () => [structuredClone(DEFAULT_LEAD_RULES)], runs: 40 },
  tokenize: { sample: () => ['Нужны весы ПТ-200, срочно'] },
  TopicMatcher: { sample: () => [{ scales: ['весы', 'платформ'] }], construct: true },
  compileLeadRuleSet: { sample: () => [structuredClone(DEFAULT_LEAD_RULES)], runs: 40 },
  classifyLead: { sample: () => [LEAD, COMPILED(), { currencies: CURRENCIES }], runs: 40 },
  classifyLeadWithEngine: { sample: () => [LEAD, COMPILED(), { currencies: CURRENCIES }], runs: 20 },
  firedRules: { sample: () => [COMPILED(), { amount: 3000000, sourceId: 'WEB', topics: [] }], runs: 40 },
  dryRun: { sample: () => [COMPILED(), structuredClone(DEFAULT_LEAD_RULES), [LEAD, { ...LEAD, id: '2' }]], runs: 20 },
  LEAD_STAGES: { data: 'the lead stage list' },
  LEAD_MACHINE: { data: 'the lead transition table' },
  DEFAULT_LEAD_STATUS_CONFIG: { data: 'the demo status ids' },
  transitionLead: { sample: () => ['inWork', { type: 'QUALIFY', direction: 'sales' }, 'manager'] },
  canLead: { sample: () => ['new', { type: 'TAKE' }, 'manager'] },
  leadStageFromStatus: { sample: () => [DEFAULT_LEAD_STATUS_CONFIG, 'IN_PROCESS', 'P'] },
  leadUpdateFor: {
    sample: () => [DEFAULT_LEAD_STATUS_CONFIG, 'inWork', { type: 'DISQUALIFY', reason: 'spam' }, 'manager'],
  },
  DEFAULT_LEAD_RULES: { data: 'the shipped rule set (JSON)' },
  explainLead: { sample: () => [LEAD, COMPILED(), 'inWork', { currencies: CURRENCIES }], runs: 40 },
  leadMoveOptions: { sample: () => ['new', { hasPhone: false, hasEmail: true, direction: '' }, 'manager'] },
  checkLeadMove: {
    sample: () => [
      'inWork',
      'QUALIFY',
      { hasPhone: true, hasEmail: false, direction: '' },
      'manager',
      { direction: 'sales' },
    ],
  },
  DEFAULT_FUNNELS: { data: 'the demo funnels' },
  DEFAULT_TRANSITIONS: { data: 'the demo transitions' },
  DEFAULT_FUNNEL_CONFIG: { data: 'the demo funnel configuration' },
  checkDealMove: { sample: () => [DEFAULT_FUNNEL_CONFIG, DEAL_SNAPSHOT, 'C1:QUALIFIED', 'manager'] },
  canMoveDeal: { sample: () => [DEFAULT_FUNNEL_CONFIG, DEAL_SNAPSHOT, 'C1:QUALIFIED', 'manager'] },
  dealMoveOptions: { sample: () => [DEFAULT_FUNNEL_CONFIG, DEAL_SNAPSHOT, 'manager'] },
  missingRequirements: {
    sample: () => [
      [
        { kind: 'field', field: 'COMPANY_ID' },
        { kind: 'positive', field: 'OPPORTUNITY' },
      ],
      DEAL_SNAPSHOT,
    ],
  },
  validateFunnelConfig: { sample: () => [structuredClone(DEFAULT_FUNNEL_CONFIG)] },
  resolveRole: { sample: () => [{ id: 1, isAdmin: false, departmentIds: [3] }, DEMO_ROLE_CONFIG] },
  DEMO_ROLE_CONFIG: { data: 'the demo roles' },
  DEFAULT_PRODUCT_MODEL: { data: 'the demo product model' },
  validateConfiguration: { sample: () => [DEFAULT_PRODUCT_MODEL, CONFIG] },
  generateItem: { sample: () => [DEFAULT_PRODUCT_MODEL, CONFIG] },
  canonicalConfiguration: { sample: () => [CONFIG] },
  DEFAULT_DELIVERY_TABLE: { data: 'the demo delivery rates' },
  quoteDelivery: { sample: () => [DEFAULT_DELIVERY_TABLE, 'central', 'express', '141.4', '0.9'] },
  computeOrderCost: {
    sample: () => [
      {
        model: DEFAULT_PRODUCT_MODEL,
        configuration: CONFIG,
        catalog: CATALOG,
        currency: 'RUB',
        currencies: CURRENCIES,
        taxRate: 22,
        taxIncluded: 'Y',
        configuredProductId: 501,
        discount: { type: 'percent', rate: 7 },
        delivery: { table: DEFAULT_DELIVERY_TABLE, zone: 'central', urgency: 'express' },
      },
    ],
    runs: 40,
  },
  paidAmount: {
    sample: () => [
      [
        { paid: true, sum: '100', currency: 'USD' },
        { paid: false, sum: '5', currency: 'RUB' },
      ],
      'RUB',
      CURRENCIES,
    ],
  },
  applyAllocations: {
    sample: () => [INVOICES, [{ invoiceId: '7', positionId: 'a', invoiceAmount: '100' }], 'apply', ALLOCATION_OPTIONS],
  },
  diffConfigurations: { sample: () => [CONFIG, { ...CONFIG, platformId: 'pt-500' }] },
  findExistingItem: {
    sample: () => [[{ fingerprint: 'abc', productId: 5, approval: 'approved' }], 'abc'],
  },
  configurationChange: {
    sample: () => [
      { identical: false, platform: null, added: [], removed: [], changed: [] },
      { listPrice: '100.10', currency: 'RUB' },
      { listPrice: '99.30', currency: 'RUB' },
      'approved',
    ],
  },
  exchangeDifference: { sample: () => [{ amount: '925.00', invoiceAmount: '10.00' }, '90', 2] },
  calculationFields: { sample: () => [DEFAULT_FUNNEL_CONFIG] },
  dealCredit: {
    sample: () => [
      {
        companyId: 12,
        invoices: [
          { dealId: 5, amount: '100', currency: 'USD', semantics: 'process' },
          { dealId: 6, amount: '10', currency: 'RUB', semantics: 'success' },
        ],
        deal: { id: 7, amount: '5000', currency: 'RUB' },
        limit: { amount: '100000', mode: 'block' },
        currency: 'RUB',
        currencies: CURRENCIES,
        actor: 'manager',
        overrideRoles: ['admin'],
      },
    ],
  },
  isRecord: { sample: () => [{ a: 1 }] },
  RULE_ERROR_CODES: { data: 'the list of error codes' },
  currencyDecimals: { sample: () => ['USD', CURRENCIES] },
  baseCurrencyCode: { sample: () => [CURRENCIES] },
  dealGuardFields: {
    sample: () => [{ opportunity: '5000', companyId: 1, contactId: null, contactIds: [4], userFields: { UF_X: 'Y' } }],
  },
  offerAccess: { sample: () => ['manager'] },
  parseRoleConfig: {
    sample: () => [{ users: { '1': 'admin' }, departments: { '3': 'accountant' }, fallback: 'viewer' }],
  },
  invoicePositions: {
    sample: () => [
      [{ id: 1, price: '100', quantity: '3', taxRate: '22', taxIncluded: 'Y' }],
      [{ rowId: 1, quantity: '1' }],
    ],
  },
  paymentLines: {
    sample: () => [
      [{ id: 1, price: '100', quantity: '3', taxRate: '22', taxIncluded: 'Y' }],
      [{ rowId: 1, quantity: '3', amount: '300.00', paidQuantity: '1', paid: '100.00', outstanding: '200.00' }],
      [{ invoiceId: '7', positionId: '1', invoiceAmount: '150.00' }],
    ],
  },
  positionsAfterLines: {
    sample: () => [
      [{ rowId: 1, quantity: '3', amount: '300.00', paidQuantity: '1', paid: '100.00', outstanding: '200.00' }],
      [{ rowId: 1, quantity: '1', amount: '100.00' }],
    ],
  },
  positionTotals: { sample: () => ['300.00', [{ paid: '100.00' }]] },
  PAYMENT_QUANTITY_DECIMALS: { data: 'the portal precision of payment quantities' },
  parseConfiguratorSettings: {
    sample: () => [JSON.stringify(CONFIGURATOR_OPTION()), { components: '201', approval: 202, task: 203, reason: 204 }],
  },
  parseConfiguratorOption: { sample: () => [JSON.stringify(CONFIGURATOR_OPTION())] },
  parseCatalogProperties: { sample: () => [{ components: '201', approval: 202, task: 203, reason: 204 }] },
  priceConfiguration: {
    sample: () => {
      const o = CONFIGURATOR_OPTION()
      const prices = [...o.platforms, ...o.components].map((x, i) => ({
        productId: x.productId,
        price: `${1000 + i}.50`,
        currency: i % 2 ? 'USD' : 'RUB',
      }))
      return [{ model: o, pricing: o.pricing, configuration: CONFIG, prices, currencies: CURRENCIES, taxRate: '22' }]
    },
  },
  APPROVALS: { data: 'the approval states' },
  readApproval: { sample: () => ['approved'] },
  checkApprover: { sample: () => ['technician'] },
  checkRequester: { sample: () => ['manager'] },
  configuredItemPlacement: { sample: () => ['pending', 'activity'] },
  survivingItem: { sample: () => [[{ id: 3 }, { id: 2 }]] },
  encodeConfiguration: { sample: () => [CONFIG] },
  decodeConfiguration: { sample: () => ['{"platformId":"pt-200","components":[["cable-5",1]]}'] },
  planStockDocuments: {
    sample: () => [
      [
        { productId: 101, storeId: 1, amount: '4' },
        { productId: 102, storeId: 2, amount: '1.5' },
      ],
      [
        { productId: 101, storeId: 1, quantity: '12' },
        { productId: 102, storeId: 2, quantity: '0' },
      ],
    ],
  },
} satisfies Record<keyof typeof rules, Entry>

// ---- hostile values and mutations ----

const deep = (depth: number): unknown => {
  let v: unknown = { leaf: 1 }
  for (let i = 0; i < depth; i++) v = { a: v, amount: '1' }
  return v
}
const HOSTILE: unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e308,
  -1e308,
  1e20,
  -1e20,
  1e16,
  -1,
  0,
  -0,
  0.1 + 0.2,
  5e-324,
  '1,5',
  '1e1000000',
  '-1e1000000',
  '1e-1000000',
  '-1e20',
  '9999999999999999.995',
  '',
  ' ',
  'NaN',
  'Infinity',
  'abc',
  '__proto__',
  'constructor',
  'toString',
  null,
  undefined,
  true,
  false,
  [],
  {},
  [null],
  [undefined, 1],
  [[[]]],
  new Decimal(Number.NaN),
  new Decimal('1e40'),
  new Decimal('-1e-40'),
  deep(2000),
]
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 1, arbitrary: fc.constant(null).map(() => JSON.parse('{"__proto__": {"amount": "1", "price": "1"}}')) },
  { weight: 1, arbitrary: fc.constant(null).map(() => Object.create({ price: '1', amount: '1', kind: 'invoice' })) },
)

type Key = string | number
/** Paths to every node of the arguments (the arguments themselves included), breadth-limited. */
function pathsOf(args: Args): Key[][] {
  const out: Key[][] = []
  const walk = (v: unknown, path: Key[], depth: number) => {
    out.push(path)
    // Frozen values (a compiled rule set) are replaced whole, never changed inside.
    if (depth > 6 || typeof v !== 'object' || v === null || Decimal.isDecimal(v) || out.length > 400) return
    if (Object.isFrozen(v)) return
    for (const k of Object.keys(v))
      walk((v as Record<string, unknown>)[k], [...path, Array.isArray(v) ? Number(k) : k], depth + 1)
  }
  args.forEach((a, i) => walk(a, [i], 0))
  return out
}

/** A copy of plain objects and arrays down to where mutations reach (own '__proto__' keys stay plain keys). */
function copy(v: unknown, depth = 0): unknown {
  if (typeof v !== 'object' || v === null || Decimal.isDecimal(v) || depth > 8 || Object.isFrozen(v)) return v
  if (Array.isArray(v)) return v.map((x) => copy(x, depth + 1))
  const out = Object.create(Object.getPrototypeOf(v) === Object.prototype ? Object.prototype : Object.getPrototypeOf(v))
  for (const k of Object.keys(v)) {
    const value = copy((v as Record<string, unknown>)[k], depth + 1)
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true })
  }
  return out as unknown
}

type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'protoKey'; at: number; value: unknown }
  | { kind: 'inherit'; at: number }
  | { kind: 'extraArg'; value: unknown }
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('protoKey' as const), at: fc.nat(), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('inherit' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extraArg' as const), value: hostileValue }) },
)

function mutate(sample: Args, mutations: readonly Mutation[]): unknown[] {
  const args = copy([...sample]) as unknown[]
  for (const m of mutations) {
    if (m.kind === 'extraArg') {
      args.push(copy(m.value))
      continue
    }
    const paths = pathsOf(args)
    const path = paths[m.at % paths.length]!
    const step = (v: unknown, k: Key) =>
      typeof v === 'object' && v !== null ? (v as Record<Key, unknown>)[k] : undefined
    const parent = path.slice(0, -1).reduce<unknown>(step, args) as Record<Key, unknown>
    const key = path[path.length - 1]!
    if (typeof parent !== 'object' || parent === null || Object.isFrozen(parent)) continue
    const node = parent[key]
    // Hostile values are shared between runs: insert a copy, so a later mutation cannot change the pool.
    const put = (value: unknown) =>
      Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true })
    if (m.kind === 'replace') put(copy(m.value))
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent[key as number] = undefined
      else delete parent[key]
    } else if (m.kind === 'protoKey') {
      if (typeof node === 'object' && node !== null && Object.isExtensible(node)) {
        Object.defineProperty(node, '__proto__', {
          value: copy(m.value),
          enumerable: true,
          writable: true,
          configurable: true,
        })
      }
    } else if (typeof node === 'object' && node !== null) put(Object.create(node))
  }
  return args
}

// ---- what a result may contain ----

const DECIMAL_TEXT = /^[+-]?\d+\.\d+$/
/** Fields that carry ids, names and labels as given (a label '9999999999999999.995' is no amount). */
const TEXT_FIELD =
  /(^\d+$|^id$|Id$|^kind$|label|name|^code$|title|text|reason|zone|urgency|stage|STATUS|^from$|^to$|source|currency|version|date|stem|topic|fact|path|problem|guard|field|message|article|fingerprint)/i
const MAX = new Decimal(MAX_AMOUNT)
const CODE = /^[A-Z][A-Z0-9_]*$/

/** Everything wrong in a result: NaN/Infinity, decimals beyond MAX_AMOUNT, errors without a code. */
function problemsIn(value: unknown, path = '$', seen = new Set<object>(), out: string[] = []): string[] {
  if (out.length > 5) return out
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`)
  } else if (typeof value === 'string') {
    if (
      !TEXT_FIELD.test(path.slice(path.lastIndexOf('.') + 1)) &&
      DECIMAL_TEXT.test(value) &&
      (value.length > 40 || new Decimal(value).abs().gt(MAX))
    ) {
      out.push(`${path} = ${value.slice(0, 40)} (beyond DECIMAL(18,2))`)
    }
  } else if (Decimal.isDecimal(value)) {
    if (!value.isFinite() || value.abs().gt(MAX)) out.push(`${path} = Decimal ${value.toString().slice(0, 40)}`)
  } else if (typeof value === 'object' && value !== null) {
    if (seen.has(value)) return out
    seen.add(value)
    const record = value as Record<string, unknown>
    if (record.ok === false) {
      const error = record.error as { code?: unknown } | undefined
      if (typeof error?.code !== 'string' || !CODE.test(error.code)) out.push(`${path}.error has no code`)
      return out // an error may echo the hostile input it refuses
    }
    if (typeof record.code === 'string' && CODE.test(record.code) && path !== '$') return out // a violation or issue
    const entries = value instanceof Map || value instanceof Set ? [...value.entries()] : Object.entries(value)
    for (const [k, v] of entries) problemsIn(v, `${path}.${String(k)}`, seen, out)
  }
  return out
}

interface Outcome {
  readonly ms: number
  readonly threw?: unknown
  readonly result?: unknown
}
async function run(name: string, entry: Call, args: unknown[]): Promise<Outcome> {
  const fn = rules[name as keyof typeof rules] as unknown as (...a: unknown[]) => unknown
  const t0 = performance.now()
  try {
    const r = entry.construct ? new (fn as unknown as new (...a: unknown[]) => unknown)(...args) : fn(...args)
    const result = r instanceof Promise ? await r : r
    return { ms: performance.now() - t0, result }
  } catch (e) {
    return { ms: performance.now() - t0, threw: e }
  }
}

const show = (args: unknown[]) => {
  try {
    return JSON.stringify(args, (_, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    ).slice(0, 300)
  } catch {
    return '(unprintable)'
  }
}

describe('fuzz: the public API of @salesflow/rules', () => {
  it('has an entry for every export (and none for what is not exported)', () => {
    expect(Object.keys(ENTRIES).sort()).toEqual(Object.keys(rules).sort())
  })

  const calls = Object.entries(ENTRIES as Record<string, Entry>).filter((e): e is [string, Call] => 'sample' in e[1])
  it.each(calls)('%s: never hangs, never throws, never returns nonsense', async (name, entry) => {
    const sample = entry.sample()
    // The sample itself must be a clean call, or the mutations below test nothing.
    const clean = await run(name, entry, [...sample])
    expect(clean.threw, `${name}(sample) threw`).toBeUndefined()
    expect(problemsIn(clean.result)).toEqual([])
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const args = mutate(sample, mutations)
        let outcome = await run(name, entry, args)
        // One retry absorbs a GC pause or a busy neighbour; a real hang or blow-up is slow both times.
        if (outcome.ms > LIMIT_MS) outcome = await run(name, entry, mutate(sample, mutations))
        expect(outcome.ms, `${name}(${show(args)}) took ${outcome.ms.toFixed(0)} ms`).toBeLessThan(LIMIT_MS)
        if (entry.contract) return
        expect(outcome.threw, `${name}(${show(args)}) threw`).toBeUndefined()
        expect(problemsIn(outcome.result), `${name}(${show(args)})`).toEqual([])
      }),
      { numRuns: entry.runs ?? RUNS, seed: SEED },
    )
  })
})
