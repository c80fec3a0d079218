import {
  diffConfigurations,
  generateItem,
  priceConfiguration,
  validateConfiguration,
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
}

/** Pure, per change: validation, price and the generated item of a configuration. */
export function checkConfiguration(
  opened: OpenedConfigurator,
  configuration: Configuration,
  editing?: Configuration,
): ConfigurationState {
  const { model, pricing } = opened.settings
  const check = validateConfiguration(model, configuration)
  const price = priceConfiguration({
    model,
    pricing,
    configuration,
    prices: opened.prices,
    currencies: opened.card.currencies,
    taxRate: opened.taxRate,
  })
  const generated = check.valid ? generateItem(model, configuration) : null
  const item = generated?.ok ? generated.value : null
  return {
    violations: check.violations,
    valid: check.valid && item !== null,
    price,
    item,
    existing: item ? (opened.items.find((i) => i.fingerprint === item.fingerprint) ?? null) : null,
    diff: editing ? diffConfigurations(editing, configuration) : null,
  }
}
