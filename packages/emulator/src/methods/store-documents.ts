import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isoDateTime } from '../core/dates'
import { isRecord, param, toId } from '../core/params'
import { RestError } from '../http/rest-error'
import { listRows } from '../query/list'
import type { PortalStore, StoreDocument, StoreDocumentElement } from '../store/store'
import { nextId } from '../store/store'

/**
 * Inventory documents, the only way a Bitrix24 portal changes stock (bitrix24/b24restdocs
 * api-reference/catalog/document/*, the Russian original bitrix-tools/b24-rest-docs for the answers): a document is
 * added as a draft (`N`), gets product lines while it is a draft, and conducting it (`Y`) moves the stock of its
 * lines; cancelling (`C`) moves it back. A conducted document cannot be deleted (the answer is `null`). Conducting
 * is all or nothing: a line that would take a store below zero fails the whole document and changes no stock.
 */

const DOC_TYPES = ['A', 'S', 'M', 'R', 'D'] as const
/** The documents' errors carry code 0 with the sentence, as the reference lists them. */
const fail = (description: string): RestError => new RestError(400, 0, description)
const statusError = (description: string): RestError => new RestError(400, 'ERROR_DOCUMENT_STATUS', description)

function requireRights(ctx: CallContext): void {
  if (!ctx.user.crmWrite) throw fail('Insufficient permissions to save the document')
}

function documentRow(d: StoreDocument, store: PortalStore): Record<string, unknown> {
  const lines = linesOf(store, d.id)
  return {
    id: d.id,
    docType: d.docType,
    status: d.status,
    currency: d.currency,
    responsibleId: d.responsibleId,
    title: d.title,
    commentary: d.commentary,
    docNumber: d.docNumber,
    createdBy: d.createdBy,
    modifiedBy: d.createdBy,
    siteId: 's1',
    dateCreate: d.dateCreate,
    dateModify: d.dateStatus,
    dateStatus: d.dateStatus,
    dateDocument: null,
    statusBy: d.statusBy,
    total: d.status === 'Y' ? lines.reduce((t, l) => t + l.amount * l.purchasingPrice, 0) : null,
  }
}

const elementRow = (e: StoreDocumentElement): Record<string, unknown> => ({ ...e })

function linesOf(store: PortalStore, docId: number): StoreDocumentElement[] {
  return [...store.storeDocumentElements.values()].filter((e) => e.docId === docId)
}

function documentOf(ctx: CallContext): StoreDocument {
  const id = toId(param(ctx.params, 'id'))
  const d = id === undefined ? undefined : ctx.store.storeDocuments.get(id)
  if (!d) throw fail('Document not found')
  return d
}

/** The stock moves of a document's lines: + into `storeTo`, − out of `storeFrom` (reversed to cancel). */
function moves(d: StoreDocument, lines: readonly StoreDocumentElement[], sign: 1 | -1) {
  const out: { productId: number; storeId: number; delta: number }[] = []
  for (const l of lines) {
    if (l.storeTo !== null && d.docType !== 'D')
      out.push({ productId: l.elementId, storeId: l.storeTo, delta: sign * l.amount })
    if (l.storeFrom !== null && (d.docType === 'D' || d.docType === 'M'))
      out.push({ productId: l.elementId, storeId: l.storeFrom, delta: -sign * l.amount })
  }
  return out
}

/** Applies moves all or nothing; the first store that would go below zero names the failure. */
function applyMoves(ctx: CallContext, list: ReturnType<typeof moves>, errorPrefix: string): void {
  const { store } = ctx
  const rowOf = (productId: number, storeId: number) =>
    [...store.storeProducts.values()].find((s) => s.productId === productId && s.storeId === storeId)
  const next = new Map<string, number>()
  for (const m of list) {
    const k = `${m.productId}/${m.storeId}`
    const amount = (next.get(k) ?? rowOf(m.productId, m.storeId)?.amount ?? 0) + m.delta
    // Six decimals: quantities are DECIMAL columns on the portal; this keeps 0.1 + 0.2 from leaving dust.
    next.set(k, Math.round(amount * 1e6) / 1e6)
  }
  for (const [k, amount] of next) {
    if (amount >= 0) continue
    const [productId, storeId] = k.split('/').map(Number) as [number, number]
    const product = store.products.get(productId)?.name ?? String(productId)
    const title = store.stores.get(storeId)?.title ?? String(storeId)
    throw fail(`${errorPrefix}: insufficient quantity of "${product}" in store "${title}"`)
  }
  for (const [k, amount] of next) {
    const [productId, storeId] = k.split('/').map(Number) as [number, number]
    const row = rowOf(productId, storeId)
    if (row) row.amount = amount
    else {
      const id = Math.max(0, ...store.storeProducts.keys()) + 1
      store.storeProducts.set(id, { id, productId, storeId, amount, quantityReserved: 0 })
    }
    const product = store.products.get(productId)
    if (product)
      product.quantity = [...store.storeProducts.values()]
        .filter((s) => s.productId === productId)
        .reduce((t, s) => t + s.amount, 0)
  }
}

export const storeDocumentMethods: MethodTable = {
  'catalog.document.add': (ctx) => {
    requireRights(ctx)
    const fields = param(ctx.params, 'fields')
    if (!isRecord(fields)) throw fail('Required fields: docType, currency, responsibleId')
    const docType = fields['docType']
    if (!DOC_TYPES.includes(docType as StoreDocument['docType'])) throw fail("DOC_TYPE isn't available")
    const currency = typeof fields['currency'] === 'string' ? fields['currency'] : ''
    const responsibleId = toId(fields['responsibleId'])
    if (!ctx.store.currencies.has(currency) || responsibleId === undefined)
      throw fail('Required fields: docType, currency, responsibleId')
    const id = nextId(ctx.store, 'storeDocument')
    const now = isoDateTime(ctx.now)
    const d: StoreDocument = {
      id,
      docType: docType as StoreDocument['docType'],
      status: 'N',
      currency,
      responsibleId,
      title: typeof fields['title'] === 'string' ? fields['title'] : '',
      commentary: typeof fields['commentary'] === 'string' ? fields['commentary'] : '',
      docNumber: typeof fields['docNumber'] === 'string' && fields['docNumber'] ? fields['docNumber'] : String(id),
      createdBy: ctx.user.id,
      dateCreate: now,
      dateStatus: now,
      statusBy: null,
    }
    ctx.store.storeDocuments.set(id, d)
    return out({ document: documentRow(d, ctx.store) })
  },
  'catalog.document.list': (ctx) => {
    const page = listRows(
      [...ctx.store.storeDocuments.values()].map((d) => documentRow(d, ctx.store)),
      { filter: param(ctx.params, 'filter'), order: param(ctx.params, 'order'), start: param(ctx.params, 'start') },
      'id',
    )
    return out({ documents: page.rows }, page.total, page.next)
  },
  /** `true`, or `null` for a conducted document (cancel it first); its lines go with it. */
  'catalog.document.delete': (ctx) => {
    requireRights(ctx)
    const d = documentOf(ctx)
    if (d.status === 'Y') return out(null)
    ctx.store.storeDocuments.delete(d.id)
    for (const l of linesOf(ctx.store, d.id)) ctx.store.storeDocumentElements.delete(l.id)
    return out(true)
  },
  'catalog.document.conduct': (ctx) => {
    requireRights(ctx)
    const d = documentOf(ctx)
    const prefix = 'Document conducting error'
    if (d.status === 'Y') throw fail(`${prefix}: the document is already conducted`)
    if (d.docType === 'A') throw fail(`${prefix}: Supplier not specified`)
    const lines = linesOf(ctx.store, d.id)
    if (lines.length === 0) throw fail(`${prefix}: the document has no products`)
    applyMoves(ctx, moves(d, lines, 1), prefix)
    d.status = 'Y'
    d.statusBy = ctx.user.id
    d.dateStatus = isoDateTime(ctx.now)
    return out(true)
  },
  'catalog.document.cancel': (ctx) => {
    requireRights(ctx)
    const d = documentOf(ctx)
    const prefix = 'Document cancellation error'
    if (d.status !== 'Y') throw fail(`${prefix}: the document has not been conducted`)
    applyMoves(ctx, moves(d, linesOf(ctx.store, d.id), -1), prefix)
    d.status = 'C'
    d.statusBy = ctx.user.id
    d.dateStatus = isoDateTime(ctx.now)
    return out(true)
  },
  'catalog.document.element.add': (ctx) => {
    requireRights(ctx)
    const fields = param(ctx.params, 'fields')
    if (!isRecord(fields)) throw fail('Error of adding new document element')
    const docId = toId(fields['docId'])
    const d = docId === undefined ? undefined : ctx.store.storeDocuments.get(docId)
    if (!d) throw statusError('Document not found')
    if (d.status !== 'N') throw statusError('Conducted document')
    const elementId = toId(fields['elementId'])
    const amount = Number(fields['amount'])
    const store = (k: 'storeFrom' | 'storeTo') => {
      const id = toId(fields[k])
      return id !== undefined && ctx.store.stores.has(id) ? id : null
    }
    const storeFrom = store('storeFrom')
    const storeTo = store('storeTo')
    const needsFrom = d.docType === 'D' || d.docType === 'M'
    const needsTo = d.docType !== 'D'
    if (
      elementId === undefined ||
      !ctx.store.products.has(elementId) ||
      !Number.isFinite(amount) ||
      amount <= 0 ||
      (needsFrom && storeFrom === null) ||
      (needsTo && storeTo === null)
    )
      throw fail('Error of adding new document element')
    const id = nextId(ctx.store, 'storeDocumentElement')
    const price = Number(fields['purchasingPrice'] ?? 0)
    const e: StoreDocumentElement = {
      id,
      docId: d.id,
      elementId,
      storeFrom: needsFrom ? storeFrom : null,
      storeTo: needsTo ? storeTo : null,
      amount,
      purchasingPrice: Number.isFinite(price) ? price : 0,
    }
    ctx.store.storeDocumentElements.set(id, e)
    return out({ documentElement: elementRow(e) })
  },
  'catalog.document.element.list': (ctx) => {
    const page = listRows(
      [...ctx.store.storeDocumentElements.values()].map(elementRow),
      { filter: param(ctx.params, 'filter'), order: param(ctx.params, 'order'), start: param(ctx.params, 'start') },
      'id',
    )
    return out({ documentElements: page.rows }, page.total, page.next)
  },
}
