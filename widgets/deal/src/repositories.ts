import {
  someRepositories,
  createCatalogSearchRepository,
  createClientRepository,
  createDealRepository,
  createProductRowRepository,
  createTimelineRepository,
} from '@salesflow/portal'

/** The repositories the deal tab's use cases write through: only these are built, and only their code is bundled. */
export const dealRepositories = someRepositories({
  deals: createDealRepository,
  productRows: createProductRowRepository,
  clients: createClientRepository,
  catalogSearch: createCatalogSearchRepository,
  timeline: createTimelineRepository,
})
