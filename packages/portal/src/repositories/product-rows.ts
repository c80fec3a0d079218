import { computeProductRows, D, err, isRecord, ok, type Result } from '@salesflow/rules'
import type { Command, PortalClient, RestAnswer } from '../client'
import { readAll, type BulkReadOptions } from '../batch/bulk-read'
import { ref, type QueryObject } from '../batch/query-string'
import type { ProductRow, ProductRowDraft } from '../domain'
import { portalError, type PortalError } from '../errors'
import { mapLegacyProductRow, mapProductRow } from '../mappers/crm'
import { fetchList, fetchOne, mapAnswerList, rowsOf } from './fetch'

const str = (x: unknown): string | undefined => (x === undefined || x === null ? undefined : String(x))

/**
 * A draft row in the legacy UPPER_CASE form crm.deal.productrows.set takes; amounts stay decimal strings.
 * The legacy path keeps whatever derived figure it is sent (b24-math.md 3.3): a DISCOUNT_SUM of 0 next to a
 * 7.5 % rate would be stored as is, and the list price would come back without the discount. So every derived
 * figure is sent as the factory path computes it (computeProductRows), and both paths store the same row.
 */
export function toLegacyRow(r: ProductRowDraft): QueryObject {
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

/** Whether the stored rows are the drafts as written: same count, and per row product, name, price, quantity, sort. */
export function storedAsWritten(written: readonly ProductRowDraft[], stored: readonly ProductRow[]): boolean {
  const num = (x: unknown): string | null => (x === undefined || x === null ? null : String(x))
  return (
    written.length === stored.length &&
    written.every((w, i) => {
      const s = stored[i]!
      return (
        (w.productId ?? 0) === (s.productId ?? 0) &&
        (w.productName === undefined || w.productName === s.productName) &&
        sameNumber(num(w.price), s.price) &&
        sameNumber(num(w.quantity) ?? '1', s.quantity) &&
        (w.sort === undefined || w.sort === s.sort)
      )
    })
  )
}

export interface ReplaceRowsOptions {
  /** For a deal without rows: its OPPORTUNITY as the caller read it (the guard of a save onto no rows). */
  readonly expectedOpportunity?: string | undefined
  /** A line for the deal's timeline, added in the same batch when the rows are written (who, rows, total). */
  readonly audit?: string | undefined
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
     * Optimistic replace in one round trip, one batch with halt: the stored rows are read (`before`, the other
     * version on a conflict), a guard finds the rows the caller loaded (`expected`) by their ids (or, for a deal
     * without rows, the deal at `expectedOpportunity`), and the deal fields, the rows and the audit comment are
     * addressed to the id the guard found, so a stale save does not run at all; then the rows are read back.
     * Every save stores new row ids, so a save by anybody else since `expected` was read fails the guard.
     * CONFLICT (with `actual`) when the guard fails or when what is stored afterwards is not what was written
     * (another save landed after ours: only the last writer is told ok). The write is never re-sent after a lost
     * answer: UNKNOWN_OUTCOME, and the caller re-reads (see storedAsWritten).
     */
    async replaceOfDeal(
      dealId: number,
      expected: readonly ProductRow[],
      next: readonly ProductRowDraft[],
      options: ReplaceRowsOptions = {},
    ): Promise<Result<ProductRow[], PortalError>> {
      const guard: Command =
        expected.length > 0
          ? {
              method: 'crm.item.productrow.list',
              params: {
                filter: { '=ownerType': 'D', '=ownerId': dealId, '@id': expected.map((r) => r.id) },
                order: { id: 'ASC' },
              },
            }
          : {
              method: 'crm.deal.list',
              params: {
                filter: {
                  ID: dealId,
                  ...(options.expectedOpportunity === undefined ? {} : { OPPORTUNITY: options.expectedOpportunity }),
                },
                select: ['ID'],
              },
            }
      // Present only when every expected row is still there (or the row-less deal is as it was).
      const guarded =
        expected.length > 0 ? ref('guard', 'productRows', expected.length - 1, 'ownerId') : ref('guard', 0, 'ID')
      const fields = { ...options.dealFields, ...(options.currency ? { CURRENCY_ID: options.currency } : {}) }
      const res = await client.batch(
        {
          before: { method: 'crm.deal.productrows.get', params: { id: dealId } },
          guard,
          // A currency change goes first, so the rows are stored (and the opportunity summed) in the new currency.
          ...(Object.keys(fields).length > 0
            ? { fields: { method: 'crm.deal.update', params: { id: guarded, fields }, kind: 'create' as const } }
            : {}),
          // Never re-sent after a transport failure: a repeat would run without a new check.
          set: {
            method: 'crm.deal.productrows.set',
            params: { id: guarded, rows: next.map(toLegacyRow) },
            kind: 'create',
          },
          ...(options.audit
            ? {
                audit: {
                  method: 'crm.timeline.comment.add',
                  params: { fields: { ENTITY_ID: guarded, ENTITY_TYPE: 'deal', COMMENT: options.audit } },
                },
              }
            : {}),
          after: { method: 'crm.deal.productrows.get', params: { id: dealId } },
        },
        { halt: true },
      )
      if (!res.ok) return res
      const a = res.value
      const read = (answer: Result<RestAnswer, PortalError> | undefined) =>
        answer === undefined
          ? err(portalError('NOT_EXECUTED', { method: 'crm.deal.productrows.get' }))
          : answer.ok
            ? mapAnswerList(answer.value, 'crm.deal.productrows.get', mapLegacyProductRow, undefined, 'productRow')
            : err(answer.error)
      const before = read(a.before)
      if (!before.ok) return before
      const conflict = (actual: readonly ProductRow[]) =>
        err(portalError('CONFLICT', { method: 'crm.deal.productrows.set', expected, actual, retriable: false }))
      if (!a.guard!.ok) return err(a.guard!.error)
      const g = a.guard!.value.result
      const found = rowsOf(expected.length > 0 && isRecord(g) ? g['productRows'] : g)
      if (!Array.isArray(found) || found.length < Math.max(1, expected.length)) return conflict(before.value)
      if (a.fields && !a.fields.ok) return err(a.fields.error)
      const set = a.set!
      if (!set.ok) return err(set.error)
      if (set.value.result === false) return err(portalError('BAD_REQUEST', { method: 'crm.deal.productrows.set' }))
      const after = read(a.after)
      if (!after.ok) return after
      return storedAsWritten(next, after.value) ? after : conflict(after.value)
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
