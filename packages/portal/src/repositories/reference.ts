import type { Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import type { Category, Currency, Stage } from '../domain'
import type { PortalError } from '../errors'
import { mapCategory, mapCurrency, mapStage } from '../mappers/crm'
import { fetchList } from './fetch'

/** crm.status ENTITY_ID of a deal funnel's stages: `DEAL_STAGE` for funnel 0, `DEAL_STAGE_{n}` otherwise. */
export const dealStageEntity = (categoryId: number): string =>
  categoryId === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${categoryId}`
export const invoiceStageEntity = (categoryId: number): string => `SMART_INVOICE_STAGE_${categoryId}`
/** Lead statuses live under ENTITY_ID `STATUS`. */
export const LEAD_STATUS_ENTITY = 'STATUS'

/** Reference data: stages with semantics, funnels, currencies. */
export function createReferenceRepository(client: PortalClient) {
  /** Stages (or lead statuses) of one crm.status entity, in SORT order. */
  const stages = (entityId: string): Promise<Result<Stage[], PortalError>> =>
    fetchList(
      client,
      'crm.status.list',
      { filter: { ENTITY_ID: entityId }, order: { SORT: 'ASC' } },
      mapStage,
      undefined,
      'stage',
    )

  return {
    stages,
    dealStages: (categoryId: number) => stages(dealStageEntity(categoryId)),
    invoiceStages: (categoryId: number) => stages(invoiceStageEntity(categoryId)),
    leadStatuses: () => stages(LEAD_STATUS_ENTITY),
    /** Funnels of an entity type (2 deals, 31 smart invoices). */
    categories: (entityTypeId: number): Promise<Result<Category[], PortalError>> =>
      fetchList(client, 'crm.category.list', { entityTypeId }, mapCategory, 'categories', 'category'),
    /** The table convertMoney takes (crm.currency.list; unpaged, `total` is always 0). */
    currencies: (): Promise<Result<Currency[], PortalError>> =>
      fetchList(client, 'crm.currency.list', { order: { SORT: 'ASC' } }, mapCurrency, undefined, 'currency'),
  }
}
