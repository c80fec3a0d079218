import { err, isRecord, ok, type Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import { readAll, type BulkReadOptions } from '../batch/bulk-read'
import { writeAll } from '../batch/write-all'
import { ref, type QueryObject } from '../batch/query-string'
import type { Deal, DealWithStage } from '../domain'
import { portalError, type PortalError } from '../errors'
import { mapCategory, mapDeal, mapStage } from '../mappers/crm'
import { fetchOne, mapAnswerList, unwrap, write } from './fetch'
import { dealStageEntity } from './reference'

/** Fields a deal update may change, in the legacy UPPER_CASE form crm.deal.update takes. */
export type DealPatch = Readonly<Record<string, string | number | boolean | null | readonly (string | number)[]>>

const DEAL_SELECT = ['*', 'UF_*']

/** `COMPANY_ID` → `companyId`, `CONTACT_IDS` → `contactIds`; UF_* names stay (sent with useOriginalUfNames). */
export function toItemFieldName(legacy: string): string {
  if (/^UF_/i.test(legacy)) return legacy.toUpperCase()
  return legacy.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())
}

/**
 * The crm.item.update call for a deal patch that changes CATEGORY_ID: legacy crm.deal.update cannot move a deal
 * to another funnel (CATEGORY_ID is immutable there), crm.item.update (entityTypeId 2) can, with categoryId and
 * stageId together.
 */
export function itemUpdateOf(id: number | string, fields: DealPatch): { method: string; params: QueryObject } {
  const item = Object.fromEntries(Object.entries(fields).map(([k, v]) => [toItemFieldName(k), v]))
  return {
    method: 'crm.item.update',
    params: { entityTypeId: 2, id, useOriginalUfNames: 'Y', fields: item as QueryObject },
  }
}

/** A raw answer's field as a string (ids come as "7" or 7), or undefined. */
const field = (raw: unknown, key: string): string | undefined =>
  isRecord(raw) && raw[key] !== undefined && raw[key] !== null ? String(raw[key]) : undefined

const movesFunnel = (fields: DealPatch): boolean => Object.keys(fields).some((k) => k.toUpperCase() === 'CATEGORY_ID')

export function createDealRepository(client: PortalClient) {
  return {
    get: (id: number): Promise<Result<Deal, PortalError>> => fetchOne(client, 'crm.deal.get', { id }, mapDeal),

    /**
     * The deal with its funnel and stage in one round trip: the funnel is looked up server-side from
     * `$result[deal][CATEGORY_ID]`; the stage from the exact stage list of that funnel (see planDealCard).
     */
    async getWithStage(id: number): Promise<Result<DealWithStage, PortalError>> {
      const res = await client.batch(
        {
          deal: { method: 'crm.deal.get', params: { id } },
          category: { method: 'crm.category.get', params: { entityTypeId: 2, id: ref('deal', 'CATEGORY_ID') } },
          // Exact ENTITY_IDs (the only crm.status.list filter the portal promises): funnel 0, or the deal's own.
          stages: { method: 'crm.status.list', params: { filter: { ENTITY_ID: dealStageEntity(0) } } },
          funnelStages: {
            method: 'crm.status.list',
            params: { filter: { ENTITY_ID: `DEAL_STAGE_${ref('deal', 'CATEGORY_ID')}` } },
          },
        },
        { halt: true },
      )
      if (!res.ok) return res
      const a = res.value
      if (!a.deal!.ok) return err(a.deal!.error)
      const deal = mapDeal(a.deal!.value.result, 'crm.deal.get')
      if (!deal.ok) return deal
      if (!a.category!.ok) return err(a.category!.error)
      const catRaw = unwrap(a.category!.value.result, 'category', 'crm.category.get')
      if (!catRaw.ok) return catRaw
      const category = mapCategory(catRaw.value, 'crm.category.get')
      if (!category.ok) return category
      const stagesA = deal.value.categoryId === 0 ? a.stages! : a.funnelStages!
      if (!stagesA.ok) return err(stagesA.error)
      const stages = mapAnswerList(stagesA.value, 'crm.status.list', mapStage, undefined, 'stage')
      if (!stages.ok) return stages
      return ok({
        deal: deal.value,
        category: category.value,
        stage:
          stages.value.find(
            (s) => s.id === deal.value.stageId && s.entityId === dealStageEntity(deal.value.categoryId),
          ) ?? null,
      })
    },

    /** Every deal matching `filter` (legacy filter syntax), 2,500 per round trip. */
    list: (filter: QueryObject = {}, options: BulkReadOptions = {}) =>
      readAll(
        client,
        { method: 'crm.deal.list', params: { filter, select: DEAL_SELECT }, idKey: 'ID' },
        mapDeal,
        options,
      ),

    /** Many deal updates, 50 per round trip; one answer per deal, in order (funnel moves as in `update`). */
    updateMany: (patches: readonly { readonly id: number; readonly fields: DealPatch }[]) =>
      writeAll(
        client,
        patches.map((p) =>
          movesFunnel(p.fields)
            ? itemUpdateOf(p.id, p.fields)
            : {
                method: 'crm.deal.update',
                params: { id: p.id, fields: p.fields as QueryObject, params: { REGISTER_SONET_EVENT: 'N' } },
              },
        ),
      ),

    /**
     * Moves the deal from stage `from` (what the caller saw) with `fields` (STAGE_ID and the rest), as a
     * compare-and-set in one batch with halt: the stage is read, the write is addressed to the id of the deal
     * found by `ID + STAGE_ID = from` (none found: the reference fails, the write does not run), and the deal is
     * read back with the caller's id. A stale snapshot is CONFLICT with the stored stage, never applied; a write that lost its answer is
     * never re-sent (UNKNOWN_OUTCOME: the caller re-reads). Returns the stored deal.
     */
    async move(id: number, from: string, fields: DealPatch): Promise<Result<Deal, PortalError>> {
      const guardedId = ref('guard', '0', 'ID')
      const write = movesFunnel(fields)
        ? itemUpdateOf(guardedId, fields)
        : {
            method: 'crm.deal.update',
            params: { id: guardedId, fields: fields as QueryObject, params: { REGISTER_SONET_EVENT: 'N' } },
          }
      const res = await client.batch(
        {
          now: { method: 'crm.deal.get', params: { id } },
          guard: { method: 'crm.deal.list', params: { filter: { ID: id, STAGE_ID: from }, select: ['ID'] } },
          // Never repeated after a transport failure: a repeat would run without a new check.
          move: { ...write, kind: 'create' },
          after: { method: 'crm.deal.get', params: { id } },
          me: { method: 'user.current', params: {} },
        },
        { halt: true },
      )
      if (!res.ok) return res
      const a = res.value
      if (!a.now!.ok) return err(a.now!.error)
      const now = mapDeal(a.now!.value.result, 'crm.deal.get')
      if (!now.ok) return now
      if (!a.guard!.ok) return err(a.guard!.error)
      const found = Array.isArray(a.guard!.value.result) && a.guard!.value.result.length > 0
      const conflict = (actual: Deal) =>
        err(portalError('CONFLICT', { method: write.method, expected: from, actual: actual.stageId, retriable: false }))
      if (!found) return conflict(now.value)
      if (!a.move!.ok) return err(a.move!.error)
      if (!a.after!.ok) return err(a.after!.error)
      const after = mapDeal(a.after!.value.result, 'crm.deal.get')
      if (!after.ok) return after
      // Two batches may interleave command by command: when another user's write landed after ours (a move to
      // another stage, or the same move from the same snapshot), only the last writer is told ok.
      const want = fields['STAGE_ID']
      if (typeof want === 'string' && after.value.stageId !== want) return conflict(after.value)
      if (!a.me!.ok) return err(a.me!.error)
      const lastWriter = field(a.after!.value.result, 'MODIFY_BY_ID')
      const me = field(a.me!.value.result, 'ID')
      if (lastWriter !== undefined && me !== undefined && lastWriter !== me) return conflict(after.value)
      return ok(after.value)
    },

    /**
     * crm.deal.update with only the fields that change; a patch with CATEGORY_ID (a move to another funnel, with
     * STAGE_ID) goes through crm.item.update instead (see itemUpdateOf). Idempotent, so it is retried after
     * transport failures.
     */
    update: (id: number, fields: DealPatch) => {
      if (movesFunnel(fields)) {
        const { method, params } = itemUpdateOf(id, fields)
        return write(client, method, params)
      }
      return write(client, 'crm.deal.update', {
        id,
        fields: fields as QueryObject,
        params: { REGISTER_SONET_EVENT: 'N' },
      })
    },
  }
}
