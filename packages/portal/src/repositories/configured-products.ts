import * as v from 'valibot'
import { err, isRecord, ok, type Result } from '@salesflow/rules'
import type { PortalClient, RestAnswer } from '../client'
import { ref, type QueryObject } from '../batch/query-string'
import { portalError, type PortalError } from '../errors'
import { mapWith } from '../mappers/map-with'
import { id, optionalId, text } from '../wire/common'
import { mapAnswerList } from './fetch'
import { approvalCommands, requestOutcome, type ApprovalRequest } from './approval-tasks'

/** A catalog product with the iblock property values it was read with (`property201` → 201). */
export interface CatalogItem {
  readonly id: number
  readonly name: string
  readonly xmlId: string
  readonly code: string
  readonly sectionId: number | null
  /** Property id → its value (null: selected but not set). Only the properties the read selected. */
  readonly properties: Readonly<Record<number, string | null>>
}

const CatalogItemWire = v.looseObject({
  id: id,
  name: text,
  xmlId: v.nullish(v.string(), ''),
  code: v.nullish(v.string(), ''),
  iblockSectionId: optionalId,
})

/** `property201: {value, valueId}` (or null, or a bare value) of every property the row has. */
function propertiesOf(row: Record<string, unknown>): Record<number, string | null> {
  const out: Record<number, string | null> = {}
  for (const [k, raw] of Object.entries(row)) {
    const m = /^property(\d+)$/i.exec(k)
    if (!m) continue
    const value: unknown = isRecord(raw) ? raw['value'] : raw
    out[Number(m[1])] = value === null || value === undefined ? null : String(value)
  }
  return out
}

export const mapCatalogItem = mapWith(
  CatalogItemWire,
  (p): CatalogItem => ({
    id: p.id,
    name: p.name,
    xmlId: p.xmlId,
    code: p.code,
    sectionId: p.iblockSectionId ?? null,
    properties: propertiesOf(p as Record<string, unknown>),
  }),
  'product',
)

/** The select of a catalog item read with some properties. */
export const catalogItemSelect = (propertyIds: readonly (number | string)[]): string[] => [
  'id',
  'iblockId',
  'name',
  'xmlId',
  'code',
  'iblockSectionId',
  ...propertyIds.map((p) => `property${p}`),
]

/** A configured product to create: in its section, found again by `xmlId`, priced in one price type. */
export interface ConfiguredProductDraft {
  readonly iblockId: number
  readonly sectionId: number
  readonly name: string
  readonly code: string
  readonly xmlId: string
  readonly vatId: number
  /** Human-readable list of the components (the product card shows it). */
  readonly description: string
  readonly properties: Readonly<Record<number, string>>
  readonly price: { readonly priceTypeId: number; readonly amount: string; readonly currency: string }
}

/** What a create found: its own new id and every item now carrying the same xmlId (itself included). */
export interface CreatedItem {
  readonly createdId: number
  readonly sameXmlId: readonly CatalogItem[]
  /** The approval task the create's batch opened for its item; null when it carried no request. */
  readonly taskId: number | null
}

/** An approval request riding with a create: the product's id is the batch's own reference to the new item. */
export type ApprovalRequestOfNew = Omit<ApprovalRequest, 'productId'>

const readItems = (answer: RestAnswer): Result<CatalogItem[], PortalError> =>
  mapAnswerList(answer, 'catalog.product.list', mapCatalogItem, 'products', 'product')

export function createConfiguredProductRepository(client: PortalClient) {
  const list = async (filter: QueryObject, propertyIds: readonly number[]) => {
    const res = await client.call('catalog.product.list', {
      select: catalogItemSelect(propertyIds),
      filter,
      order: { id: 'ASC' },
    })
    return res.ok ? readItems(res.value) : res
  }
  return {
    /** Items of a section (first page is enough for a deal's items; callers pass ids when they know them). */
    list,

    /** Every item with this xmlId (normally one; two right after two managers created it at once). */
    byXmlId: (iblockId: number, xmlId: string, propertyIds: readonly number[]) =>
      list({ iblockId, xmlId }, propertyIds),

    /**
     * Creates the product and its price in one batch (halt), then lists every product with its xmlId in the same
     * batch, so a creator learns at once whether somebody else's item with this fingerprint is older than its own.
     * With a `request`, the same batch also opens the approval task, its checklist and marks the new item pending
     * (one round trip for create and send). A product whose price failed is deleted again: no catalog item is left
     * without a price; a task whose checklist or mark failed is deleted again (the item stays a draft).
     */
    async create(
      draft: ConfiguredProductDraft,
      propertyIds: readonly number[],
      request?: ApprovalRequestOfNew,
    ): Promise<Result<CreatedItem, PortalError>> {
      const fields: QueryObject = {
        iblockId: draft.iblockId,
        iblockSectionId: draft.sectionId,
        name: draft.name,
        code: draft.code,
        xmlId: draft.xmlId,
        vatId: draft.vatId,
        vatIncluded: 'Y',
        previewText: draft.description,
        ...Object.fromEntries(Object.entries(draft.properties).map(([k, value]) => [`property${k}`, { value }])),
      }
      const approval = request ? approvalCommands(request, ref('add', 'element', 'id')) : {}
      const res = await client.batch(
        {
          add: { method: 'catalog.product.add', params: { fields }, kind: 'create' },
          price: {
            method: 'catalog.price.add',
            params: {
              fields: {
                productId: ref('add', 'element', 'id'),
                catalogGroupId: draft.price.priceTypeId,
                price: draft.price.amount,
                currency: draft.price.currency,
              },
            },
            kind: 'create',
          },
          same: {
            method: 'catalog.product.list',
            params: {
              select: catalogItemSelect(propertyIds),
              filter: { iblockId: draft.iblockId, xmlId: draft.xmlId },
              order: { id: 'ASC' },
            },
          },
          ...approval,
        },
        { halt: true },
      )
      if (!res.ok) return res
      const { add, price, same } = res.value
      if (!add?.ok) return err(add?.error ?? portalError('NOT_EXECUTED', { method: 'catalog.product.add' }))
      const created = add.value.result
      const createdId = isRecord(created) && isRecord(created['element']) ? Number(created['element']['id']) : NaN
      if (!Number.isSafeInteger(createdId))
        return err(portalError('MALFORMED_RESPONSE', { method: 'catalog.product.add', field: 'result.element.id' }))
      if (!price?.ok) {
        await client.call('catalog.product.delete', { id: createdId }, { kind: 'write' })
        return err(price?.error ?? portalError('NOT_EXECUTED', { method: 'catalog.price.add' }))
      }
      if (!same?.ok) return err(same?.error ?? portalError('NOT_EXECUTED', { method: 'catalog.product.list' }))
      let taskId: number | null = null
      if (request) {
        const task = await requestOutcome(client, res.value, Object.keys(approval))
        if (!task.ok) return task
        taskId = task.value
      }
      const items = readItems(same.value)
      return items.ok ? ok({ createdId, sameXmlId: items.value, taskId }) : items
    },

    /**
     * Deletes a product (and with it its prices) and the approval task its create opened, in one batch: the
     * duplicate a concurrent creator lost with.
     */
    async remove(productId: number, taskId: number | null = null): Promise<Result<true, PortalError>> {
      const res = await client.batch(
        {
          product: { method: 'catalog.product.delete', params: { id: productId }, kind: 'write' },
          ...(taskId === null
            ? {}
            : { task: { method: 'tasks.task.delete', params: { taskId }, kind: 'write' } as const }),
        },
        { halt: false },
      )
      if (!res.ok) return res
      const failed = Object.values(res.value).find((a) => !a.ok)
      return failed && !failed.ok ? err(failed.error) : ok(true)
    },

    /** Property values of one item (catalog.product.update). */
    async setProperties(
      productId: number,
      values: Readonly<Record<number, string>>,
    ): Promise<Result<true, PortalError>> {
      const fields = Object.fromEntries(Object.entries(values).map(([k, value]) => [`property${k}`, { value }]))
      const res = await client.call('catalog.product.update', { id: productId, fields }, { kind: 'write' })
      return res.ok ? ok(true) : res
    },
  }
}
