import type { PortalStore } from '../store/store'

/** [name, section, list price, currency, weight g, stock Москва, stock Подольск, purchase price (RUB)] */
type ProductSeed = readonly [string, number, string, string, number, number, number, string]

export const PLATFORMS_SECTION = 1
export const COMPONENTS_SECTION = 2

const PRODUCTS: readonly ProductSeed[] = [
  ['Платформа ПТ-200 стальная', 1, '485000.00', 'RUB', 180000, 4, 2, '318000.00'],
  ['Платформа ПТ-300 алюминиевая', 1, '612000.00', 'RUB', 145000, 2, 1, '401500.00'],
  ['Платформа ПТ-500 усиленная', 1, '865000.00', 'RUB', 420000, 3, 0, '566000.00'],
  ['Платформа ПТ-1000 тяжёлая', 1, '1540000.00', 'RUB', 910000, 1, 1, '1012000.00'],
  ['Привод электромеханический ЭМП-1,5 кВт', 3, '68500.00', 'RUB', 24000, 12, 8, '44100.00'],
  ['Привод электромеханический ЭМП-3 кВт', 3, '94200.00', 'RUB', 31000, 7, 5, '60800.00'],
  ['Мотор-редуктор MR-75', 3, '1240.00', 'EUR', 18500, 6, 0, '82000.00'],
  ['Датчик положения индуктивный ДПИ-12', 4, '3450.00', 'RUB', 150, 140, 60, '1900.00'],
  ['Датчик нагрузки тензометрический ТД-500', 4, '410.00', 'USD', 900, 22, 10, '24100.00'],
  ['Датчик уровня ультразвуковой УЗД-2', 4, '18900.00', 'RUB', 650, 15, 4, '11200.00'],
  ['Контроллер ПЛК-24', 5, '56700.00', 'RUB', 1200, 9, 6, '35900.00'],
  ['Контроллер ПЛК-48 расширенный', 5, '88400.00', 'RUB', 1900, 5, 2, '57300.00'],
  ['Панель оператора HMI-7', 5, '3600.00', 'CNY', 1400, 11, 0, '28700.00'],
  ['Рама опорная РО-2000', 6, '42300.00', 'RUB', 65000, 6, 9, '26400.00'],
  ['Рама монтажная РМ-1200', 6, '27800.00', 'RUB', 38000, 10, 4, '17100.00'],
  ['Кабель силовой КГ 4×6, 10 м', 7, '8900.00', 'RUB', 4200, 48, 30, '5200.00'],
  ['Кабель контрольный КВВГ 7×1,5, 10 м', 7, '4300.00', 'RUB', 1900, 75, 40, '2450.00'],
  ['Комплект крепежа КК-М12', 7, '2150.00', 'RUB', 3100, 120, 80, '1050.00'],
  ['Ограждение защитное ОЗ-3', 6, '36400.00', 'RUB', 52000, 4, 3, '22800.00'],
  ['Пульт управления выносной ПУ-4', 5, '21500.00', 'RUB', 2300, 8, 6, '13300.00'],
]

/** The catalog: platforms and components with prices (some in USD/EUR/CNY), VAT 22 %, stock in two stores, weights. */
export function seedCatalog(store: PortalStore): void {
  const iblockId = store.catalogIblockId
  const sections: [number, string, string, number | null][] = [
    [1, 'Платформы', 'platforms', null],
    [2, 'Компоненты', 'components', null],
    [3, 'Приводы', 'drives', 2],
    [4, 'Датчики', 'sensors', 2],
    [5, 'Контроллеры и управление', 'controllers', 2],
    [6, 'Рамы и ограждения', 'frames', 2],
    [7, 'Кабели и крепёж', 'cables', 2],
    [8, 'Услуги', 'services', null],
  ]
  sections.forEach(([id, name, code, parentId], i) =>
    store.sections.set(id, { id, iblockId, name, code, sort: (i + 1) * 100, parentId }),
  )

  const vats: [number, string, string, 'Y' | 'N'][] = [
    [1, 'Без НДС', '0', 'Y'],
    [2, 'НДС 0%', '0', 'Y'],
    [3, 'НДС 22%', '22', 'Y'],
    [4, 'НДС 10%', '10', 'Y'],
    [5, 'НДС 5%', '5', 'Y'],
    [6, 'НДС 7%', '7', 'Y'],
    [7, 'НДС 20% (до 2026 года)', '20', 'N'],
  ]
  vats.forEach(([id, name, rate, active]) => store.vats.set(id, { id, name, rate, active, sort: id * 100 }))
  store.stores.set(1, { id: 1, title: 'Склад Москва', address: 'Москва, ул. Промышленная, 12' })
  store.stores.set(2, { id: 2, title: 'Склад Подольск', address: 'Подольск, Окружная ул., 4' })

  let stockId = 1
  PRODUCTS.forEach(([name, section, price, currency, weight, msk, pod, purchase], i) => {
    const id = 101 + i
    store.products.set(id, {
      id,
      iblockId,
      iblockSectionId: section,
      name,
      code: `sf-${id}`,
      xmlId: `SF-${id}`,
      active: 'Y',
      sort: (i + 1) * 10,
      type: 1,
      measure: 5,
      vatId: 3,
      vatIncluded: 'Y',
      purchasingPrice: purchase,
      purchasingCurrency: 'RUB',
      quantity: msk + pod,
      weight,
      previewText: section === 1 ? 'Подъёмная платформа, базовая комплектация' : '',
    })
    store.prices.set(id, { id, productId: id, catalogGroupId: 1, price, currency })
    store.storeProducts.set(stockId, { id: stockId++, productId: id, storeId: 1, amount: msk, quantityReserved: 0 })
    store.storeProducts.set(stockId, { id: stockId++, productId: id, storeId: 2, amount: pod, quantityReserved: 0 })
  })
  // A service (type 7), priced per order by the delivery rate table.
  store.products.set(DELIVERY_PRODUCT.id, {
    id: DELIVERY_PRODUCT.id,
    iblockId,
    iblockSectionId: 8,
    name: DELIVERY_PRODUCT.name,
    code: 'sf-delivery',
    xmlId: DELIVERY_PRODUCT.xmlId,
    active: 'Y',
    sort: 10000,
    type: 7,
    measure: 5,
    vatId: 3,
    vatIncluded: 'Y',
    purchasingPrice: '0.00',
    purchasingCurrency: 'RUB',
    quantity: 0,
    weight: 0,
    previewText: '',
  })
}

/** The service product deal rows bill delivery as (the app option `salesflow.policy` names it). */
export const DELIVERY_PRODUCT = { id: 901, xmlId: 'SF-DELIVERY', name: 'Доставка' } as const

/** Product ids of the platforms and of the components (for deal seeding). */
export function productIds(store: PortalStore): { platforms: number[]; components: number[] } {
  const all = [...store.products.values()].filter((p) => p.id !== DELIVERY_PRODUCT.id)
  return {
    platforms: all.filter((p) => p.iblockSectionId === PLATFORMS_SECTION).map((p) => p.id),
    components: all.filter((p) => p.iblockSectionId !== PLATFORMS_SECTION).map((p) => p.id),
  }
}
