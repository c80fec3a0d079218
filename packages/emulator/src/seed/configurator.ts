import type { PortalStore } from '../store/store'

/** The catalog section configured products are created in, and the iblock properties they carry. */
export const CONFIGURED_SECTION = 9

const platform = (id: string, code: string, name: string, productId: number) => ({ id, code, name, productId })
const part = (id: string, code: string, name: string, group: string, productId: number) => ({
  id,
  code,
  name,
  group,
  productId,
})

/**
 * The configurator's product model (app option `salesflow.configurator`) over the demo catalog: every platform
 * and component is a catalog product (prices in RUB, EUR, USD, CNY), rules as the technical department states them.
 */
export function seedConfigurator(store: PortalStore): void {
  store.sections.set(CONFIGURED_SECTION, {
    id: CONFIGURED_SECTION,
    iblockId: store.catalogIblockId,
    name: 'Сконфигурированные изделия',
    code: 'configured',
    sort: 900,
    parentId: null,
  })
  store.appOptions['salesflow.configurator'] = {
    platforms: [
      platform('pt-200', 'PT200', 'Платформа ПТ-200 стальная', 101),
      platform('pt-300', 'PT300', 'Платформа ПТ-300 алюминиевая', 102),
      platform('pt-500', 'PT500', 'Платформа ПТ-500 усиленная', 103),
      platform('pt-1000', 'PT1000', 'Платформа ПТ-1000 тяжёлая', 104),
    ],
    components: [
      part('drive-emp15', 'EMP15', 'Привод ЭМП-1,5 кВт', 'drive', 105),
      part('drive-emp3', 'EMP3', 'Привод ЭМП-3 кВт', 'drive', 106),
      part('drive-mr75', 'MR75', 'Мотор-редуктор MR-75', 'drive', 107),
      part('sensor-dpi12', 'DPI12', 'Датчик положения ДПИ-12', 'sensor', 108),
      part('sensor-td500', 'TD500', 'Датчик нагрузки ТД-500', 'sensor', 109),
      part('sensor-uzd2', 'UZD2', 'Датчик уровня УЗД-2', 'sensor', 110),
      part('ctrl-plc24', 'PLC24', 'Контроллер ПЛК-24', 'controller', 111),
      part('ctrl-plc48', 'PLC48', 'Контроллер ПЛК-48 расширенный', 'controller', 112),
      part('panel-hmi7', 'HMI7', 'Панель оператора HMI-7', 'panel', 113),
      part('panel-pu4', 'PU4', 'Пульт управления ПУ-4', 'panel', 120),
      part('frame-ro2000', 'RO2000', 'Рама опорная РО-2000', 'frame', 114),
      part('frame-rm1200', 'RM1200', 'Рама монтажная РМ-1200', 'frame', 115),
      part('guard-oz3', 'OZ3', 'Ограждение защитное ОЗ-3', 'guard', 119),
      part('cable-kg', 'KG', 'Кабель силовой КГ 4×6, 10 м', 'cable', 116),
      part('cable-kvvg', 'KVVG', 'Кабель контрольный КВВГ 7×1,5, 10 м', 'cable', 117),
      part('fix-km12', 'KM12', 'Комплект крепежа КК-М12', 'fixing', 118),
    ],
    groupOrder: ['frame', 'drive', 'sensor', 'controller', 'panel', 'guard', 'cable', 'fixing'],
    rules: [
      { id: 'one-frame', kind: 'quantity', item: 'group:frame', min: 1, max: 1, explain: 'Нужна одна рама' },
      { id: 'one-drive', kind: 'quantity', item: 'group:drive', min: 1, max: 1, explain: 'Нужен один привод' },
      { id: 'one-ctrl', kind: 'quantity', item: 'group:controller', min: 1, max: 1, explain: 'Нужен один контроллер' },
      { id: 'sensors', kind: 'quantity', item: 'group:sensor', min: 1, max: 8, explain: 'От 1 до 8 датчиков' },
      {
        id: 'ports-24',
        kind: 'quantity',
        item: 'group:sensor',
        max: 4,
        platform: 'pt-200',
        explain: 'ПТ-200: не больше 4 датчиков',
      },
      { id: 'cables', kind: 'quantity', item: 'group:cable', min: 1, max: 6, explain: 'От 1 до 6 кабелей' },
      {
        id: 'hmi-plc48',
        kind: 'requires',
        if: 'panel-hmi7',
        then: ['ctrl-plc48'],
        explain: 'HMI-7 подключается только к ПЛК-48',
      },
      {
        id: 'mr75-plc48',
        kind: 'requires',
        if: 'drive-mr75',
        then: ['ctrl-plc48'],
        explain: 'MR-75 управляется только ПЛК-48',
      },
      {
        id: 'pt500-frame',
        kind: 'requires',
        if: 'pt-500',
        then: ['frame-ro2000'],
        explain: 'ПТ-500 ставится на опорную раму',
      },
      {
        id: 'pt1000-frame',
        kind: 'requires',
        if: 'pt-1000',
        then: ['frame-ro2000'],
        explain: 'ПТ-1000 ставится на опорную раму',
      },
      {
        id: 'pt1000-guard',
        kind: 'requires',
        if: 'pt-1000',
        then: ['guard-oz3'],
        explain: 'ПТ-1000 требует ограждения',
      },
      { id: 'pt1000-load', kind: 'excludes', a: 'pt-1000', b: 'drive-emp15', explain: 'ЭМП-1,5 не поднимет ПТ-1000' },
      { id: 'pt200-heavy', kind: 'excludes', a: 'pt-200', b: 'frame-ro2000', explain: 'ПТ-200 не крепится на РО-2000' },
    ],
    pricing: { currency: 'RUB', assembly: '25000.00', markupPercent: '10', vatId: 3, priceTypeId: 1 },
    catalog: { sectionId: CONFIGURED_SECTION },
    approval: { departmentId: 4, deadlineDays: 3 },
  }
}
