/**
 * The configurator's product model: platforms, components and compatibility rules, as data. Item ids are
 * stable model ids; `productId` links an item to its catalog product when the portal knows it.
 */
export interface ModelItem {
  readonly id: string
  /** Short article fragment: 'PT200', 'LC-C3'. Upper-case letters, digits and dashes. */
  readonly code: string
  readonly name: string
  readonly productId?: string | number
}

export interface ModelComponent extends ModelItem {
  /** 'sensor', 'controller', 'drive', 'frame', 'cable'…; rules may address a whole group as `group:<name>`. */
  readonly group: string
}

/**
 * A compatibility rule. `item`, `if`, `then`, `a`, `b` name a platform id, a component id or `group:<name>`.
 * - requires: when `if` is present, at least one of `then` must be;
 * - excludes: `a` and `b` may not be present together;
 * - quantity: the quantity of `item` (a group's total) within [min, max], optionally only on `platform`.
 * `explain` is the administrator's sentence shown with a violation.
 */
export type CompatibilityRule =
  | {
      readonly id: string
      readonly kind: 'requires'
      readonly if: string
      readonly then: readonly string[]
      readonly explain?: string
    }
  | {
      readonly id: string
      readonly kind: 'excludes'
      readonly a: string
      readonly b: string
      readonly explain?: string
    }
  | {
      readonly id: string
      readonly kind: 'quantity'
      readonly item: string
      readonly min?: number
      readonly max?: number
      readonly platform?: string
      readonly explain?: string
    }

export interface ProductModel {
  readonly platforms: readonly ModelItem[]
  readonly components: readonly ModelComponent[]
  /** Group order in generated names ('controller' before 'cable'). Unlisted groups follow alphabetically. */
  readonly groupOrder?: readonly string[]
  readonly rules: readonly CompatibilityRule[]
}

/** One configuration as the manager made it: a platform and component quantities (duplicates allowed). */
export interface Configuration {
  readonly platformId: string
  readonly components: readonly { readonly componentId: string; readonly quantity: number | string }[]
}

/** The demo company's platforms (section "Платформы") and components (section "Компоненты"). */
export const DEFAULT_PRODUCT_MODEL: ProductModel = {
  platforms: [
    { id: 'pt-200', code: 'PT200', name: 'Платформа ПТ-200 стальная' },
    { id: 'pt-500', code: 'PT500', name: 'Платформа ПТ-500 усиленная' },
  ],
  components: [
    { id: 'sensor-c3', code: 'LC3', name: 'Датчик веса тензометрический C3', group: 'sensor' },
    { id: 'sensor-c4', code: 'LC4', name: 'Датчик веса тензометрический C4 (нерж.)', group: 'sensor' },
    { id: 'ctrl-basic', code: 'KS1', name: 'Контроллер КС-1', group: 'controller' },
    { id: 'ctrl-pro', code: 'KS2', name: 'Контроллер КС-2 с интерфейсом RS-485', group: 'controller' },
    { id: 'drive-fc', code: 'PCH7', name: 'Привод с частотным преобразователем ПЧ-7', group: 'drive' },
    { id: 'frame-light', code: 'RL', name: 'Рама облегчённая', group: 'frame' },
    { id: 'frame-heavy', code: 'RH', name: 'Рама усиленная', group: 'frame' },
    { id: 'cable-5', code: 'CB5', name: 'Кабель сигнальный 5 м', group: 'cable' },
  ],
  groupOrder: ['frame', 'sensor', 'controller', 'drive', 'cable'],
  rules: [
    {
      id: 'one-controller',
      kind: 'quantity',
      item: 'group:controller',
      min: 1,
      max: 1,
      explain: 'Нужен ровно один контроллер',
    },
    {
      id: 'sensors-200',
      kind: 'quantity',
      item: 'group:sensor',
      min: 4,
      max: 4,
      platform: 'pt-200',
      explain: 'ПТ-200 ставится на 4 датчика',
    },
    {
      id: 'sensors-500',
      kind: 'quantity',
      item: 'group:sensor',
      min: 4,
      max: 8,
      platform: 'pt-500',
      explain: 'ПТ-500: от 4 до 8 датчиков',
    },
    { id: 'one-frame', kind: 'quantity', item: 'group:frame', min: 1, max: 1, explain: 'Нужна одна рама' },
    { id: 'cables', kind: 'quantity', item: 'group:cable', min: 1, max: 4, explain: 'От 1 до 4 кабелей' },
    {
      id: 'drive-needs-pro',
      kind: 'requires',
      if: 'drive-fc',
      then: ['ctrl-pro'],
      explain: 'Привод ПЧ-7 работает только с КС-2',
    },
    {
      id: 'heavy-no-light-frame',
      kind: 'excludes',
      a: 'pt-500',
      b: 'frame-light',
      explain: 'ПТ-500 не ставится на облегчённую раму',
    },
    {
      id: 'c3-c4-mix',
      kind: 'excludes',
      a: 'sensor-c3',
      b: 'sensor-c4',
      explain: 'Датчики разных классов не смешиваются',
    },
  ],
}
