/**
 * @salesflow/emulator: a local Bitrix24 portal for tests, the demo (`npm start`) and e2e.
 * REST handlers (msw 2) over an in-memory store, the frame host page, and the seed data.
 */
export { createPortal } from './portal'
export { startServer, type ServerOptions, type RunningServer } from './server/start-server'
export { seedDeals, seedInvoices } from './seed/large'
export { SEED_NOW } from './seed/demo'
export { listItemId } from './crm/user-field-table'
export { DEFAULT_FAULTS } from './core/faults'
export { parsePhpQuery, toPhpQuery } from './http/php-query'
export type { AuthGrant, Faults, LogEntry, MethodMatcher, Plan, Portal, PortalOptions, SeedName } from './types'
export type {
  Category,
  CrmItem,
  CurrencyRow,
  OfflineEvent,
  OwnerType,
  Payment,
  PaymentProduct,
  PortalStore,
  Product,
  ProductRow,
  StatusRow,
  Task,
  TimelineComment,
  User,
  Notification,
} from './store/store'
export { demoBankStatement, bankStatementText, DEMO_OUR_ACCOUNT } from './seed/bank-statement'
