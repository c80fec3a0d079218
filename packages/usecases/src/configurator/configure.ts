import {
  configurationChange,
  diffConfigurations,
  generateItem,
  priceConfiguration,
  validateConfiguration,
  type ConfigurationChange,
  type ConfigurationDiff,
  type ConfigurationPrice,
  type Configuration,
  type GeneratedItem,
  type Result,
  type SalesError,
  type Violation,
} from '@salesflow/rules'
import type { ConfiguredItem, OpenedConfigurator } from './open-configurator'

/** What the tab shows after every change: violations, the price, the item it would be and whether it exists. */
export interface ConfigurationState {
  readonly violations: readonly Violation[]
  readonly valid: boolean
  readonly price: Result<ConfigurationPrice, SalesError>
  /** The generated item (name, article, fingerprint); null while the configuration is invalid. */
  readonly item: GeneratedItem | null
  /** The catalog item with this fingerprint the tab already knows of (its approval carries over). */
  readonly existing: ConfiguredItem | null
  /** What changed against the configuration being edited (a row opened from the deal); null otherwise. */
  readonly diff: ConfigurationDiff | null
  /** With `diff`: the list price's move (both at today's prices and rates) and whether approval is needed again. */
  readonly change: ConfigurationChange | null
  /** The price of the configuration being edited, at today's prices and rates; null otherwise. */
  readonly editingPrice: ConfigurationPrice | null
}

/** Pure, per change: validation, price and the generated item of a configuration. */
export function checkConfiguration(
  opened: OpenedConfigurator,
  configuration: Configuration,
  editing?: Configuration,
): ConfigurationState {
  const { model, pricing } = opened.settings
  const check = validateConfiguration(model, configuration)
  const priceOf = (c: Configuration) =>
    priceConfiguration({
      model,
      pricing,
      configuration: c,
      prices: opened.prices,
      currencies: opened.card.currencies,
      taxRate: opened.taxRate,
    })
  const price = priceOf(configuration)
  const generated = check.valid ? generateItem(model, configuration) : null
  const item = generated?.ok ? generated.value : null
  const existing = item ? (opened.items.find((i) => i.fingerprint === item.fingerprint) ?? null) : null
  const diff = editing ? diffConfigurations(editing, configuration) : null
  const before = editing ? priceOf(editing) : null
  return {
    violations: check.violations,
    valid: check.valid && item !== null,
    price,
    item,
    existing,
    diff,
    change: diff
      ? configurationChange(
          diff,
          before?.ok ? before.value : null,
          price.ok ? price.value : null,
          existing?.approval ?? null,
        )
      : null,
    editingPrice: before?.ok ? before.value : null,
  }
}
