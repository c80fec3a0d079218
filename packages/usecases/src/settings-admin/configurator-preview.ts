import {
  parseConfiguratorOption,
  validateConfiguration,
  type Configuration,
  type ProductModel,
  type Violation,
} from '@salesflow/rules'

/** What the administrator's sample configuration gives under the edited model: its violations, as managers will see them. */
export interface ModelPreview {
  readonly model: ProductModel
  readonly violations: readonly Violation[]
}

/**
 * Checks a sample configuration against the configurator section's draft (not saved yet), by the same check the
 * configurator tab runs; null while the draft is no usable model (the section's validation names why).
 */
export function previewConfiguratorModel(draft: unknown, sample: Configuration): ModelPreview | null {
  const settings = parseConfiguratorOption(draft)
  if (!settings.ok) return null
  const check = validateConfiguration(settings.value.model, sample)
  return { model: settings.value.model, violations: check.violations }
}
