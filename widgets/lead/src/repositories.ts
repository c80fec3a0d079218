import {
  someRepositories,
  createLeadConversionRepository,
  createLeadRepository,
  createProductRowRepository,
} from '@salesflow/portal'

/** The repositories the lead tab's use cases write through: only these are built, and only their code is bundled. */
export const leadRepositories = someRepositories({
  leads: createLeadRepository,
  leadConversion: createLeadConversionRepository,
  productRows: createProductRowRepository,
})
