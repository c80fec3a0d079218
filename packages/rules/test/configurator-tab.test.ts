import { describe, expect, it } from 'vitest'
import {
  configuredItemPlacement,
  checkApprover,
  decodeConfiguration,
  encodeConfiguration,
  parseConfiguratorSettings,
  priceConfiguration,
  readApproval,
  survivingItem,
  type ConfiguratorSettings,
  type PortalCurrency,
} from '../src'

const OPTION = {
  platforms: [{ id: 'pt', code: 'PT', name: 'Платформа', productId: 1 }],
  components: [
    { id: 'drive', code: 'DR', name: 'Мотор-редуктор', group: 'drive', productId: 2 },
    { id: 'sensor', code: 'SN', name: 'Датчик', group: 'sensor', productId: 3 },
    { id: 'panel', code: 'HM', name: 'Панель', group: 'panel', productId: 4 },
  ],
  rules: [{ id: 'one-drive', kind: 'quantity', item: 'group:drive', min: 1, max: 1 }],
  pricing: { currency: 'RUB', assembly: '1000.00', markupPercent: '10', vatId: 3, priceTypeId: 1 },
  catalog: { sectionId: 9 },
  approval: { departmentId: 4, deadlineDays: 3 },
}

/** The install's option: the ids of the catalog properties it created (as batch answers: digits). */
const PROPS = { components: '201', approval: 202, task: 203, reason: 204 }

const CURRENCIES: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'EUR', AMOUNT: '95.5', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'USD', AMOUNT: '88.1', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'CNY', AMOUNT: '122.37', AMOUNT_CNT: '10', isBase: false, decimals: 2 },
]

const settings = (): ConfiguratorSettings => {
  const s = parseConfiguratorSettings(JSON.stringify(OPTION), PROPS)
  if (!s.ok) throw new Error(JSON.stringify(s.error))
  return s.value
}

describe('parseConfiguratorSettings', () => {
  it('reads the option as a JSON string or an object', () => {
    expect(settings().pricing).toEqual(OPTION.pricing)
    expect(parseConfiguratorSettings(OPTION, PROPS).ok).toBe(true)
  })

  it('names the first bad path: no JSON, a component without a catalog product, a bad deadline, a bad rule', () => {
    expect(parseConfiguratorSettings('{"platforms": [', PROPS)).toEqual({
      ok: false,
      error: { code: 'MODEL_INVALID', path: '$', problem: 'not JSON' },
    })
    const noProduct = { ...OPTION, components: [{ id: 'x', code: 'X', name: 'X', group: 'g' }] }
    expect(parseConfiguratorSettings(noProduct, PROPS)).toMatchObject({
      error: { code: 'MODEL_INVALID', path: 'components[0].productId' },
    })
    const days = { ...OPTION, approval: { departmentId: 4, deadlineDays: 0 } }
    expect(parseConfiguratorSettings(days, PROPS)).toMatchObject({ error: { path: 'approval.deadlineDays' } })
    const rule = { ...OPTION, rules: [{ id: 'r', kind: 'requires', if: 'pt' }] }
    expect(parseConfiguratorSettings(rule, PROPS)).toMatchObject({ error: { path: 'rules[0]' } })
    const dup = { ...OPTION, components: [OPTION.components[0], OPTION.components[0]] }
    expect(parseConfiguratorSettings(dup, PROPS)).toMatchObject({ error: { path: 'components[1].id' } })
    expect(parseConfiguratorSettings(undefined, PROPS)).toMatchObject({ error: { path: '$', problem: 'missing' } })
  })

  it("takes the property ids from the install's option, and names the one missing", () => {
    expect(settings().catalog).toEqual({
      sectionId: 9,
      properties: { components: 201, approval: 202, task: 203, reason: 204 },
    })
    expect(parseConfiguratorSettings(OPTION, undefined)).toEqual({
      ok: false,
      error: { code: 'CATALOG_PROPERTIES_MISSING', key: 'components' },
    })
    expect(parseConfiguratorSettings(OPTION, JSON.stringify({ ...PROPS, task: '0' }))).toMatchObject({
      error: { code: 'CATALOG_PROPERTIES_MISSING', key: 'task' },
    })
    expect(parseConfiguratorSettings(OPTION, { ...PROPS, reason: '$result[p3][productProperty][id]' })).toMatchObject({
      error: { code: 'CATALOG_PROPERTIES_MISSING', key: 'reason' },
    })
  })
})

describe('priceConfiguration', () => {
  const prices = [
    { productId: 1, price: '485000.00', currency: 'RUB' },
    { productId: 2, price: '1240.00', currency: 'EUR' },
    { productId: 3, price: '410.00', currency: 'USD' },
    { productId: 4, price: '3600.00', currency: 'CNY' },
  ]
  const config = {
    platformId: 'pt',
    components: [
      { componentId: 'drive', quantity: 1 },
      { componentId: 'sensor', quantity: 3 },
      { componentId: 'panel', quantity: '1' },
    ],
  }

  it('converts each part at the portal rates, adds assembly and markup, and VAT as a row carries it', () => {
    const s = settings()
    const r = priceConfiguration({ ...s, configuration: config, prices, currencies: CURRENCIES, taxRate: '22' })
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    // 1240 EUR × 95.5 = 118420.00; 410 USD × 88.1 = 36121.00 (× 3); 3600 CNY × 12.237 = 44053.20
    expect(r.value.parts.map((p) => [p.id, p.converted, p.sum])).toEqual([
      ['pt', '485000.00', '485000.00'],
      ['drive', '118420.00', '118420.00'],
      ['sensor', '36121.00', '108363.00'],
      ['panel', '44053.20', '44053.20'],
    ])
    expect(r.value.components).toBe('755836.20')
    // (755836.20 + 1000) × 1.10 = 832519.82
    expect(r.value.listPrice).toBe('832519.82')
    expect(r.value.markup).toBe('75683.62')
    // The portal's row: net 832519.82 / 1.22 = 682393.2951 → 682393.30, VAT = gross − net = 150126.52
    expect(r.value.tax).toBe('150126.52')
  })

  it('refuses a part without a price, a price in an unknown currency, an unknown component', () => {
    const s = settings()
    const input = { ...s, configuration: config, currencies: CURRENCIES, taxRate: '22' }
    expect(priceConfiguration({ ...input, prices: prices.slice(0, 3) })).toMatchObject({
      error: { code: 'PRICE_MISSING', productId: '4' },
    })
    const yen = prices.map((p) => (p.productId === 3 ? { ...p, currency: 'JPY' } : p))
    expect(priceConfiguration({ ...input, prices: yen })).toMatchObject({
      error: { code: 'UNKNOWN_CURRENCY', currency: 'JPY' },
    })
    const unknown = { platformId: 'pt', components: [{ componentId: 'nope', quantity: 1 }] }
    expect(priceConfiguration({ ...input, prices, configuration: unknown })).toMatchObject({
      error: { code: 'UNKNOWN_PRODUCT', id: 'nope' },
    })
    const fractional = { platformId: 'pt', components: [{ componentId: 'sensor', quantity: 1.5 }] }
    expect(priceConfiguration({ ...input, prices, configuration: fractional })).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    })
  })
})

describe('approval', () => {
  it('an unapproved item goes onto an Activity deal as a draft, never onto Sale or Realization', () => {
    expect(configuredItemPlacement('approved', 'sale')).toEqual({ ok: true, value: { draft: false } })
    expect(configuredItemPlacement('pending', 'activity')).toEqual({ ok: true, value: { draft: true } })
    expect(configuredItemPlacement('draft', 'realization')).toMatchObject({
      error: { code: 'CONFIGURATION_NOT_APPROVED', funnel: 'realization' },
    })
    expect(configuredItemPlacement('rejected', 'activity').ok).toBe(false)
  })

  it('only the technician decides; an unreadable approval is a draft', () => {
    expect(checkApprover('technician').ok).toBe(true)
    for (const role of ['admin', 'manager', 'accountant', 'viewer'] as const)
      expect(checkApprover(role)).toMatchObject({ error: { code: 'ROLE_NOT_ALLOWED' } })
    expect(readApproval('approved')).toBe('approved')
    expect(readApproval('APPROVED')).toBe('draft')
    expect(readApproval(undefined)).toBe('draft')
  })

  it('of items created at once with one fingerprint the lowest id survives', () => {
    expect(survivingItem([{ id: 1203 }, { id: 1201 }, { id: 1202 }])).toEqual({ id: 1201 })
    expect(survivingItem([])).toBeUndefined()
  })

  it('the stored configuration reads back canonical, whatever the order it was made in', () => {
    const a = encodeConfiguration({
      platformId: 'pt',
      components: [
        { componentId: 'sensor', quantity: 2 },
        { componentId: 'drive', quantity: 1 },
        { componentId: 'sensor', quantity: 1 },
      ],
    })
    const b = encodeConfiguration({
      platformId: 'pt',
      components: [
        { componentId: 'drive', quantity: 1 },
        { componentId: 'sensor', quantity: 3 },
      ],
    })
    expect(a).toBe(b)
    expect(decodeConfiguration(a)).toEqual({
      platformId: 'pt',
      components: [
        { componentId: 'drive', quantity: 1 },
        { componentId: 'sensor', quantity: 3 },
      ],
    })
    expect(decodeConfiguration('{"platformId":"pt","components":[["x",-1]]}')).toBeUndefined()
    expect(decodeConfiguration('nope')).toBeUndefined()
  })
})
