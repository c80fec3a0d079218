import type { PortalClient } from '../client'
import { createCatalogRepository } from './catalog'
import { createClientRepository } from './clients'
import { createDealRepository } from './deals'
import { createInvoiceRepository } from './invoices'
import { createPaymentRepository } from './payments'
import { createLeadRepository } from './leads'
import { createOptionsRepository } from './options'
import { createTimelineRepository } from './timeline'
import { createDepartmentRepository, createTaskRepository, createUserRepository } from './org'
import { createProductRowRepository } from './product-rows'
import { createReferenceRepository } from './reference'
import { createReceiptRepository } from './receipts'
import { createCatalogSearchRepository } from './catalog-search'
import { createLeadConversionRepository } from './lead-conversion'
import { createNotificationRepository } from './notifications'
import { createConfiguredProductRepository } from './configured-products'
import { createApprovalTaskRepository } from './approval-tasks'
import { createCurrencyRateRepository } from './currency-rates'
import { createStockDocumentRepository } from './stock-documents'

/** Every repository over one client (the worker, benches, tests); a widget page builds only its own (`someRepositories`). */
export function createRepositories(client: PortalClient) {
  return {
    deals: createDealRepository(client),
    clients: createClientRepository(client),
    productRows: createProductRowRepository(client),
    invoices: createInvoiceRepository(client),
    payments: createPaymentRepository(client),
    leads: createLeadRepository(client),
    reference: createReferenceRepository(client),
    catalog: createCatalogRepository(client),
    users: createUserRepository(client),
    departments: createDepartmentRepository(client),
    tasks: createTaskRepository(client),
    options: createOptionsRepository(client),
    timeline: createTimelineRepository(client),
    receipts: createReceiptRepository(client),
    catalogSearch: createCatalogSearchRepository(client),
    leadConversion: createLeadConversionRepository(client),
    notifications: createNotificationRepository(client),
    configuredProducts: createConfiguredProductRepository(client),
    approvalTasks: createApprovalTaskRepository(client),
    currencyRates: createCurrencyRateRepository(client),
    stockDocuments: createStockDocumentRepository(client),
  }
}

export type Repositories = ReturnType<typeof createRepositories>
