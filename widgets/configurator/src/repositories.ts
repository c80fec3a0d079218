import {
  someRepositories,
  createApprovalTaskRepository,
  createCatalogRepository,
  createConfiguredProductRepository,
  createProductRowRepository,
} from '@salesflow/portal'

/** The repositories the configurator's use cases write through: only these are built, and only their code is bundled. */
export const configuratorRepositories = someRepositories({
  catalog: createCatalogRepository,
  configuredProducts: createConfiguredProductRepository,
  productRows: createProductRowRepository,
  approvalTasks: createApprovalTaskRepository,
})
