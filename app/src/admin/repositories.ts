import {
  someRepositories,
  createLeadRepository,
  createOptionsRepository,
  createReceiptRepository,
} from '@salesflow/portal'

/** The repositories the app page's use cases (settings, bank) write through: only these are built, and only their code is bundled. */
export const settingsRepositories = someRepositories({
  options: createOptionsRepository,
  leads: createLeadRepository,
  receipts: createReceiptRepository,
})
