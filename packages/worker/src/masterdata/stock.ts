import { baseCurrencyCode, isRecord, planStockDocuments, type StockLine, type TargetStock } from '@salesflow/rules'
import { portalError, type PortalError, type StockDocumentType } from '@salesflow/portal'
import type { PortalGateway } from '@salesflow/usecases'
import { DECIMAL, getFromMasterData, invalid, type Pulled } from './contract'

/** `GET /stock` of masterdata.openapi.json: what each product holds in each store. */
export interface PulledStock {
  readonly items: readonly TargetStock[]
}

const positiveId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0

/** The contract's shape of `/stock`, or the first field that breaks it (a pair named twice included). */
export function readStock(body: unknown): Pulled<PulledStock> {
  if (!isRecord(body) || !Array.isArray(body['items'])) return invalid('items')
  const items: TargetStock[] = []
  const seen = new Set<string>()
  for (const [i, it] of body['items'].entries()) {
    if (!isRecord(it)) return invalid(`items[${i}]`)
    const { productId, storeId, quantity } = it
    if (!positiveId(productId)) return invalid(`items[${i}].productId`)
    if (!positiveId(storeId)) return invalid(`items[${i}].storeId`)
    if (typeof quantity !== 'string' || !DECIMAL.test(quantity) || quantity.startsWith('-'))
      return invalid(`items[${i}].quantity`)
    const key = `${productId}/${storeId}`
    if (seen.has(key)) return invalid(`items[${i}]`)
    seen.add(key)
    items.push({ productId, storeId, quantity })
  }
  return { ok: true, value: { items } }
}

export const fetchStock = (baseUrl: string, timeoutMs?: number): Promise<Pulled<PulledStock>> =>
  getFromMasterData(baseUrl, '/stock', readStock, timeoutMs)

/** A conducted document of this pull. */
export interface WrittenDocument {
  readonly type: StockDocumentType
  readonly id: number
  readonly lines: readonly StockLine[]
}

export interface StockWritten {
  /** The arrival (S) and deduct (D) documents conducted; empty when the portal already held the master-data stock. */
  readonly documents: readonly WrittenDocument[]
  /** Named by the master-data system but absent from the portal (never created by the worker). */
  readonly unknownProducts: readonly number[]
  readonly unknownStores: readonly number[]
}

export type StockWriteError =
  | { readonly code: 'STOCK_READ_FAILED'; readonly error: PortalError }
  | { readonly code: 'MASTER_DATA_INVALID'; readonly field: string }
  /** Nothing changed on the portal: the drafts were deleted (`leftDrafts` names any the portal kept). */
  | {
      readonly code: 'STOCK_NOT_APPLIED'
      readonly step: string
      readonly error: PortalError
      readonly leftDrafts: readonly number[]
    }
  /** Documents still conducted although the pull failed (cancelling them failed too): someone must look. */
  | {
      readonly code: 'STOCK_HALF_APPLIED'
      readonly conducted: readonly number[]
      readonly step: string
      readonly error: PortalError
    }

type Written = { ok: true; value: StockWritten } | { ok: false; error: StockWriteError }

/**
 * Makes the portal's stock equal the master-data stock for every pair the system names: one deduct (D) and one
 * arrival (S) document at most, each conducted, only for the pairs that differ (planStockDocuments); a repeat of
 * the same pull writes nothing. Nothing half-applied: when a draft or a conduct fails, every document of the pull
 * is taken away (a conducted one cancelled, then deleted). The deduct goes first: it is the one the portal can
 * refuse (a store below zero when stock moved since it was read).
 */
export async function writeStock(gateway: PortalGateway, pulled: PulledStock, title: string): Promise<Written> {
  const { catalogSearch, catalog, stockDocuments, reference, users } = gateway.repositories
  const readFailed = (error: PortalError): Written => ({ ok: false, error: { code: 'STOCK_READ_FAILED', error } })
  const directory = await catalogSearch.directory()
  if (!directory.ok) return readFailed(directory.error)
  const stores = new Set(directory.value.stores.map((s) => s.id))
  const ids = [...new Set(pulled.items.map((i) => i.productId))]
  const products = ids.length > 0 ? await catalog.products(directory.value.iblockId, { '@id': ids }) : null
  if (products && !products.ok) return readFailed(products.error)
  const known = new Set((products?.value ?? []).map((p) => p.id))
  const target = pulled.items.filter((i) => known.has(i.productId) && stores.has(i.storeId))
  const unknownProducts = ids.filter((id) => !known.has(id))
  const unknownStores = [...new Set(pulled.items.map((i) => i.storeId))].filter((id) => !stores.has(id))
  const nothing: Written = { ok: true, value: { documents: [], unknownProducts, unknownStores } }
  if (target.length === 0) return nothing

  const held = await catalog.stock([...new Set(target.map((t) => t.productId))])
  if (!held.ok) return readFailed(held.error)
  const plan = planStockDocuments(held.value, target)
  if (!plan.ok) return { ok: false, error: { code: 'MASTER_DATA_INVALID', field: JSON.stringify(plan.error) } }
  const planned = [
    { type: 'D' as const, lines: plan.value.deduct },
    { type: 'S' as const, lines: plan.value.arrival },
  ].filter((d) => d.lines.length > 0)
  if (planned.length === 0) return nothing

  const currencies = await reference.currencies()
  if (!currencies.ok) return readFailed(currencies.error)
  const currency = baseCurrencyCode(currencies.value)
  const me = await users.current()
  if (!me.ok) return readFailed(me.error)
  if (currency === null)
    return readFailed(portalError('NOT_FOUND', { method: 'crm.currency.list', description: 'no base currency' }))
  const header = { currency, responsibleId: me.value.id, title, commentary: 'salesflow worker: master-data stock' }

  const drafts: WrittenDocument[] = []
  const undoAll = async (step: string, error: PortalError): Promise<Written> => {
    const left = { drafts: [] as number[], conducted: [] as number[] }
    for (const d of [...drafts].reverse()) {
      const r = await undo(stockDocuments, d.id)
      if (r !== 'gone') left[r].push(d.id)
    }
    if (left.conducted.length > 0)
      return { ok: false, error: { code: 'STOCK_HALF_APPLIED', conducted: left.conducted, step, error } }
    return { ok: false, error: { code: 'STOCK_NOT_APPLIED', step, error, leftDrafts: left.drafts } }
  }
  for (const p of planned) {
    const draft = await stockDocuments.addDraft(p.type, header, p.lines)
    if (!draft.ok) return undoAll(`draft ${p.type}`, draft.error)
    drafts.push({ ...p, id: draft.value })
  }
  for (const d of drafts) {
    const done = await stockDocuments.conduct(d.id)
    if (!done.ok) return undoAll(`conduct ${d.type} #${d.id}`, done.error)
  }
  return { ok: true, value: { documents: drafts, unknownProducts, unknownStores } }
}

/**
 * Takes one document of a failed pull away: a draft is deleted; a conducted one (the portal answers the delete
 * with `null`: it was conducted, perhaps by a conduct whose answer was lost) is cancelled first, then deleted.
 * What could not be taken away is named: a draft left, or a document still conducted.
 */
async function undo(
  documents: PortalGateway['repositories']['stockDocuments'],
  id: number,
): Promise<'gone' | 'drafts' | 'conducted'> {
  const deleted = await documents.delete(id)
  if (deleted.ok) return 'gone'
  if (deleted.error.code !== 'CONFLICT') return 'drafts'
  if (!(await documents.cancel(id)).ok) return 'conducted'
  return (await documents.delete(id)).ok ? 'gone' : 'drafts'
}

const sign = { S: '+', D: '-' } as const
/** `101@1 +2, 103@2 +3` (the first ten lines of a document). */
export function describeLines(d: WrittenDocument): string {
  const shown = d.lines.slice(0, 10).map((l) => `${l.productId}@${l.storeId} ${sign[d.type]}${l.amount}`)
  return shown.join(', ') + (d.lines.length > 10 ? ` and ${d.lines.length - 10} more` : '')
}
