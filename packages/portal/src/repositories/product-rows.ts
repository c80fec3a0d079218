import { computeProductRows, D, err, ok, type Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import { readAll, type BulkReadOptions } from '../batch/bulk-read'
import type { QueryObject } from '../batch/query-string'
import type { ProductRow, ProductRowDraft } from '../domain'
import { portalError, type PortalError } from '../errors'
import { mapLegacyProductRow, mapProductRow } from '../mappers/crm'
import { fetchList, fetchOne, mapAnswerList } from './fetch'

const str = (x: unknown): string | undefined => (x === undefined || x === null ? undefined : String(x))

/**
 * A draft row in the legacy UPPER_CASE form crm.deal.productrows.set takes; amounts stay decimal strings.
 * The legacy path keeps whatever derived figure it is sent (b24-math.md 3.3): a DISCOUNT_SUM of 0 next to a
 * 7.5 % rate would be stored as is, and the list price would come back without the discount. So every derived
 * figure is sent as the factory path computes it (computeProductRows), and both paths store the same row.
 */
function toLegacyRow(r: ProductRowDraft): QueryObject {
  const computed = computeProductRows([r]).rows[0]
  const derived = computed?.ok
    ? {
        DISCOUNT_SUM: computed.value.discountSum,
        DISCOUNT_RATE: computed.value.discountRate,
        PRICE_EXCLUSIVE: computed.value.priceExclusive,
        PRICE_NETTO: computed.value.priceNetto,
        PRICE_BRUTTO: computed.value.priceBrutto,
      }
    : { DISCOUNT_RATE: str(r.discountRate), DISCOUNT_SUM: str(r.discountSum) }
  return {
    PRODUCT_ID: r.productId ?? 0,
    PRODUCT_NAME: r.productName,
    PRICE: str(r.price),
    QUANTITY: str(r.quantity) ?? '1',
    DISCOUNT_TYPE_ID: str(r.discountTypeId) ?? '2',
    ...derived,
    TAX_RATE: str(r.taxRate),
    TAX_INCLUDED: r.taxIncluded ?? 'N',
    MEASURE_CODE: r.measureCode ?? undefined,
    MEASURE_NAME: r.measureName,
    SORT: r.sort,
  }
}

/** A draft row in the camelCase form crm.item.productrow.set takes. */
function toFactoryRow(r: ProductRowDraft): QueryObject {
  return {
    productId: r.productId ?? 0,
    productName: r.productName,
    price: str(r.price),
    quantity: str(r.quantity) ?? '1',
    discountTypeId: str(r.discountTypeId) ?? '2',
    discountRate: str(r.discountRate) ?? '0',
    discountSum: str(r.discountSum) ?? '0',
    taxRate: str(r.taxRate),
    taxIncluded: r.taxIncluded ?? 'N',
    measureCode: r.measureCode ?? undefined,
    measureName: r.measureName,
    sort: r.sort,
  }
}

const sameNumber = (a: string | null, b: string | null): boolean =>
  a === null || b === null ? a === b : new D(a).eq(new D(b))

/** Whether two stored rows are the same edit: ids, product and every figure a user can change. */
function sameRow(a: ProductRow, b: ProductRow): boolean {
  return (
    a.id === b.id &&
    a.productId === b.productId &&
    a.productName === b.productName &&
    sameNumber(a.price, b.price) &&
    sameNumber(a.quantity, b.quantity) &&
    a.discountTypeId === b.discountTypeId &&
    sameNumber(a.discountRate, b.discountRate) &&
    sameNumber(a.discountSum, b.discountSum) &&
    sameNumber(a.taxRate, b.taxRate) &&
    a.taxIncluded === b.taxIncluded &&
    a.measureCode === b.measureCode &&
    a.sort === b.sort
  )
}

/** Row lists are equal when they hold the same rows in the same order. */
const sameRows = (a: readonly ProductRow[], b: readonly ProductRow[]): boolean =>
  a.length === b.length && a.every((r, i) => sameRow(r, b[i]!))

export interface ReplaceRowsOptions {
  /** Also switch the deal to this currency, in the same batch, before the rows are written. */
  readonly currency?: string | undefined
  /** Deal fields that go with the new rows (e.g. the "price calculated" flag), written in the same batch. */
  readonly dealFields?: Readonly<Record<string, string>> | undefined
}

export function createProductRowRepository(client: PortalClient) {
  const dealRows = (dealId: number): Promise<Result<ProductRow[], PortalError>> =>
    fetchList(client, 'crm.deal.productrows.get', { id: dealId }, mapLegacyProductRow, undefined, 'productRow')

  return {
    /** All rows of a deal (crm.deal.productrows.get is unpaged). */
    ofDeal: dealRows,

    /**
     * Optimistic replace: re-reads the deal's rows and writes `next` only if they still equal `expected`
     * (what the caller loaded). Otherwise CONFLICT with `expected` and `actual`, and nothing is written.
     * The write and the read-back of the stored rows share one batch. A change landing between our check and
     * our write cannot be detected: the portal has no compare-and-set for rows.
     */
    async replaceOfDeal(
      dealId: number,
      expected: readonly ProductRow[],
      next: readonly ProductRowDraft[],
      options: ReplaceRowsOptions = {},
    ): Promise<Result<ProductRow[], PortalError>> {
      const current = await dealRows(dealId)
      if (!current.ok) return current
      if (!sameRows(expected, current.value)) {
        return err(
          portalError('CONFLICT', {
            method: 'crm.deal.productrows.set',
            expected,
            actual: current.value,
            retriable: false,
          }),
        )
      }
      const res = await client.batch(
        {
          // A currency change goes first, so the rows are stored (and the opportunity summed) in the new currency.
          ...(options.currency || options.dealFields
            ? {
                currency: {
                  method: 'crm.deal.update',
                  params: {
                    id: dealId,
                    fields: { ...options.dealFields, ...(options.currency ? { CURRENCY_ID: options.currency } : {}) },
                  },
                },
              }
            : {}),
          set: { method: 'crm.deal.productrows.set', params: { id: dealId, rows: next.map(toLegacyRow) } },
          get: { method: 'crm.deal.productrows.get', params: { id: dealId } },
        },
        { halt: true },
      )
      if (!res.ok) return res
      const cur = res.value.currency
      if (cur && !cur.ok) return err(cur.error)
      const set = res.value.set!
      if (!set.ok) return err(set.error)
      if (set.value.result === false) return err(portalError('BAD_REQUEST', { method: 'crm.deal.productrows.set' }))
      const get = res.value.get!
      if (!get.ok) return err(get.error)
      return mapAnswerList(get.value, 'crm.deal.productrows.get', mapLegacyProductRow, undefined, 'productRow')
    },

    /** Rows of a smart invoice (crm.item.productrow.list, ownerType SI), paged by id (after `options.afterId`). */
    async ofInvoice(
      invoiceId: number,
      options: BulkReadOptions = {},
    ): Promise<Result<readonly ProductRow[], PortalError>> {
      const res = await readAll(
        client,
        {
          method: 'crm.item.productrow.list',
          params: { filter: { '=ownerType': 'SI', '=ownerId': invoiceId } },
          idKey: 'id',
          itemsKey: 'productRows',
        },
        mapProductRow,
        options,
      )
      return res.ok ? ok(res.value.records) : res
    },

    /** Replaces a smart invoice's rows; the portal answers with the stored rows. */
    setOfInvoice: async (invoiceId: number, rows: readonly ProductRowDraft[]) =>
      fetchOne(
        client,
        'crm.item.productrow.set',
        { ownerType: 'SI', ownerId: invoiceId, productRows: rows.map(toFactoryRow) },
        (raw, method) => mapAnswerList({ result: raw, total: 0 }, method ?? '', mapProductRow, undefined, 'productRow'),
        'productRows',
        'write',
      ),
  }
}
