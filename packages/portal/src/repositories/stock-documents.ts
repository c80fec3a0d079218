import { err, ok, type Result, type StockLine } from '@salesflow/rules'
import type { PortalClient } from '../client'
import { writeAll } from '../batch/write-all'
import { portalError, type PortalError } from '../errors'
import { idOf, write } from './fetch'

/** The inventory documents the app writes: `S` (оприходование, stock in without a supplier) and `D` (списание). */
export type StockDocumentType = 'S' | 'D'

export interface StockDocumentHeader {
  readonly currency: string
  readonly responsibleId: number
  readonly title: string
  readonly commentary?: string
}

/**
 * The portal's stock changes only through inventory documents (catalog.document.*): a draft, its product lines,
 * then conduct. Conducting is all or nothing on the portal; a conducted document is cancelled, never deleted.
 * Every write here is sent once (`create`): a conduct or a cancel that failed in transit is not repeated blindly.
 */
export function createStockDocumentRepository(client: PortalClient) {
  const once = { kind: 'create' } as const
  const remove = async (id: number): Promise<Result<void, PortalError>> => {
    const res = await client.call('catalog.document.delete', { id }, { kind: 'write' })
    if (!res.ok) return res
    // `null`: the document is conducted and stays (b24restdocs catalog-document-delete.md).
    if (res.value.result !== true)
      return err(portalError('CONFLICT', { method: 'catalog.document.delete', field: 'result' }))
    return ok(undefined)
  }
  return {
    /**
     * A draft document with its lines (into `storeTo` for S, out of `storeFrom` for D), in as few round trips as
     * the lines allow. A line the portal refuses takes the draft away again, so no half-filled draft stays.
     */
    addDraft: async (
      docType: StockDocumentType,
      header: StockDocumentHeader,
      lines: readonly StockLine[],
    ): Promise<Result<number, PortalError>> => {
      const add = await client.call(
        'catalog.document.add',
        { fields: { docType, ...header, commentary: header.commentary ?? '' } },
        once,
      )
      if (!add.ok) return add
      const id = idOf(add.value.result, 'catalog.document.add', 'document', 'id')
      if (!id.ok) return id
      const store = docType === 'S' ? 'storeTo' : 'storeFrom'
      const written = await writeAll(
        client,
        lines.map((l) => ({
          method: 'catalog.document.element.add',
          params: { fields: { docId: id.value, elementId: l.productId, [store]: l.storeId, amount: l.amount } },
          kind: 'create' as const,
        })),
        { halt: true },
      )
      const failed = written.ok ? written.value.answers.find((a) => !a.ok) : written
      if (failed && !failed.ok) {
        await remove(id.value)
        return err(failed.error)
      }
      return ok(id.value)
    },

    conduct: (id: number) => write(client, 'catalog.document.conduct', { id }, 'create'),
    /** Takes a conducted document's stock back (its status becomes `C`). */
    cancel: (id: number) => write(client, 'catalog.document.cancel', { id }, 'create'),
    /** Deletes a draft or a cancelled document; a conducted one is refused with CONFLICT. */
    delete: remove,
  }
}
