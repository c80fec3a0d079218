export { formatMoney, formatPercent, formatDate, currencySymbol, toLang, type Lang } from './format'
export { createWidgetI18n, useI18n, kitMessages, type Messages, type Translator, type WidgetI18n } from './i18n'
export { errorText, type CodedError } from './error-text'
export { parseLocaleNumber, type ParsedNumber, type NumberInputError } from './parse-number'
export { SESSION_KEY, useSessionState, type SessionState } from './session'
export { startWidget, type StartWidgetOptions } from './start-widget'
export { saveBytes, bytesToBase64 } from './files'
export { parseCrmCardPlacement, type CrmEntity, type CrmCardPlacement, type NotInCardError } from './card/placement'
export { useCardStore, type CardState, type CardStatus } from './card/use-card-store'
export {
  useRowsEditor,
  NUMBER_FIELDS,
  type RowsEditor,
  type RowsEditorSource,
  type RowView,
  type NumberField,
  type TypedText,
} from './rows/use-rows-editor'
export { withColumnLabel } from './rows/column-label'
export { useCatalogSearch, type CatalogSearch, type CatalogSearchSource } from './catalog/use-catalog-search'
export { markPlatform, platformOf, type Platform } from './platform'
export { useDocumentExport, type ChunkLoadError, type RenderedDocument } from './document-export'
export { violationText, violationMessages } from './configurator/violation-text'
