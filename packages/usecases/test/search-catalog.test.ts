import { afterAll, describe, expect, it } from 'vitest'
import { convertMoney } from '@salesflow/rules'
import { createRepositories } from '@salesflow/portal'
import { offerRow, openCatalog, openDealCard, searchCatalog, type PortalGateway } from '../src'
import { appClient, roundTrips, startPortal } from '../../portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
afterAll(() => env.stop())

const MANAGER = 2

async function gateway(): Promise<PortalGateway> {
  const { client } = await appClient(portal, MANAGER)
  return { client, repositories: createRepositories(client) }
}

/** A demo deal's currencies and VAT rates (what the deal tab has open), and the catalog's directory. */
async function context() {
  const g = await gateway()
  const opened = await openDealCard(g, { dealId: 4 })
  if (!opened.ok) throw new Error(opened.error.code)
  const directory = await openCatalog(g)
  if (!directory.ok) throw new Error(directory.error.code)
  const { currencies, vatRates } = opened.value.card
  return { g, directory: directory.value, currencies, vatRates }
}

describe('searchCatalog', () => {
  it('finds by part of the name, with section path, unit, VAT and stock per store', async () => {
    const { g, directory, currencies, vatRates } = await context()
    const found = await searchCatalog(g, directory, {
      text: 'пт-200',
      sectionId: null,
      currency: 'RUB',
      currencies,
      vatRates,
    })
    expect(found.ok).toBe(true)
    const offers = found.ok ? found.value : []
    expect(offers.map((o) => o.name)).toEqual(['Платформа ПТ-200 стальная'])
    expect(offers[0]).toMatchObject({
      productId: 101,
      article: 'SF-101',
      section: 'Платформы',
      measureCode: 796,
      measureName: 'шт',
      listed: { amount: '485000', currency: 'RUB' },
      price: { ok: true, value: '485000' },
      taxRate: '22',
      taxIncluded: true,
      stock: [
        { store: 'Склад Москва', amount: '4', reserved: expect.any(String) },
        { store: 'Склад Подольск', amount: '2', reserved: expect.any(String) },
      ],
    })
  })

  it('finds by article, and within a section only that section’s products', async () => {
    const { g, directory, currencies, vatRates } = await context()
    const byArticle = await searchCatalog(g, directory, {
      text: 'SF-109',
      sectionId: null,
      currency: 'RUB',
      currencies,
      vatRates,
    })
    expect(byArticle.ok && byArticle.value.map((o) => o.productId)).toEqual([109])
    const sensors = await searchCatalog(g, directory, { text: '', sectionId: 4, currency: 'RUB', currencies, vatRates })
    expect(sensors.ok && sensors.value.map((o) => o.section)).toEqual([
      'Компоненты / Датчики',
      'Компоненты / Датчики',
      'Компоненты / Датчики',
    ])
  })

  it('prices a USD product in the order’s currency with the portal’s arithmetic (convertMoney)', async () => {
    const { g, directory, currencies, vatRates } = await context()
    const found = await searchCatalog(g, directory, {
      text: 'ТД-500',
      sectionId: null,
      currency: 'EUR',
      currencies,
      vatRates,
    })
    const offer = found.ok ? found.value[0] : undefined
    expect(offer?.listed).toEqual({ amount: '410', currency: 'USD' })
    expect(offer?.price).toEqual(convertMoney('410', 'USD', 'EUR', currencies))
    expect(offer?.price.ok && offer.price.value).not.toBe('410')
  })

  it('asks nothing for one character and no section; a search costs 2 round trips', async () => {
    const { g, directory, currencies, vatRates } = await context()
    const before = roundTrips(portal)
    const none = await searchCatalog(g, directory, {
      text: 'П',
      sectionId: null,
      currency: 'RUB',
      currencies,
      vatRates,
    })
    expect(none).toEqual({ ok: true, value: [] })
    expect(roundTrips(portal)).toBe(before)
    await searchCatalog(g, directory, { text: 'Датчик', sectionId: null, currency: 'RUB', currencies, vatRates })
    expect(roundTrips(portal) - before).toBe(2)
  })

  it('makes one piece of the product an order row at the converted price, no discount', async () => {
    const { g, directory, currencies, vatRates } = await context()
    const found = await searchCatalog(g, directory, {
      text: 'ТД-500',
      sectionId: null,
      currency: 'RUB',
      currencies,
      vatRates,
    })
    const offer = found.ok ? found.value[0]! : null
    const row = offer && offerRow(offer, 'k')
    expect(row).toMatchObject({
      key: 'k',
      id: null,
      productId: 109,
      productName: 'Датчик нагрузки тензометрический ТД-500',
      listPrice: offer?.price.ok ? offer.price.value : '',
      quantity: '1',
      discountValue: '0',
      taxRate: '22',
      taxIncluded: 'Y',
    })
  })
})
