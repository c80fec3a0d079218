import {
  someRepositories,
  createInvoiceRepository,
  createReceiptRepository,
  createTimelineRepository,
} from '@salesflow/portal'

/** The repositories the invoice panel's use cases write through: only these are built, and only their code is bundled. */
export const invoiceRepositories = someRepositories({
  invoices: createInvoiceRepository,
  receipts: createReceiptRepository,
  timeline: createTimelineRepository,
})
