import { convertMoney, type Result, type RuleError, type SalesError } from '@salesflow/rules'
import type { CatalogDirectory, CatalogPrice, DealCard, PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { canonicalRate, type DraftRow } from '../deal/order-draft'

/** A product as a search shows it: what it is, where it sits, what it costs and how many there are. */
export interface CatalogOffer {
  readonly productId: number
  readonly name: string
  readonly article: string
  /** The section's path ('Компоненты / Датчики'); '' outside any section. */
  readonly section: string
  readonly measureCode: number | null
  readonly measureName: string
  /** The base price in the product's own currency; null when the product has none. */
  readonly listed: { readonly amount: string; readonly currency: string } | null
  /** The price in the order's currency at the portal's rates (CCrmCurrency::ConvertMoney), or why not. */
  readonly price: Result<string, RuleError | SalesError>
  readonly taxRate: string | null
  readonly taxIncluded: boolean
  /** Stock per store, stores in the portal's order; a store without the product shows 0. */
  readonly stock: readonly { readonly store: string; readonly amount: string; readonly reserved: string }[]
}

export interface CatalogQuery {
  readonly text: string
  readonly sectionId: number | null
  /** The currency prices are shown and rows are added in. */
  readonly currency: string
  readonly currencies: DealCard['currencies']
  readonly vatRates: DealCard['vatRates']
}

/** The product catalog's sections, stores and units, read once per search panel. */
export function openCatalog(gateway: PortalGateway<'catalogSearch'>): Promise<Result<CatalogDirectory, PortalError>> {
  return gateway.repositories.catalogSearch.directory()
}

/** Sections by id with their path from the top ('Компоненты / Датчики'). */
export function sectionPaths(directory: CatalogDirectory): ReadonlyMap<number, string> {
  const byId = new Map(directory.sections.map((s) => [s.id, s]))
  const path = (id: number, seen: Set<number>): string => {
    const s = byId.get(id)
    if (!s || seen.has(id)) return ''
    seen.add(id)
    const parent = s.parentId === null ? '' : path(s.parentId, seen)
    return parent === '' ? s.name : `${parent} / ${s.name}`
  }
  return new Map(directory.sections.map((s) => [s.id, path(s.id, new Set())]))
}

/** The base price of a product: the lowest price type the portal has for it (BASE is type 1). */
function basePrice(prices: readonly CatalogPrice[]): CatalogPrice | null {
  return prices.reduce<CatalogPrice | null>(
    (best, p) => (!best || p.catalogGroupId < best.catalogGroupId ? p : best),
    null,
  )
}

/**
 * Products of the catalog by name or article (and section), each priced in the order's currency with the portal's
 * arithmetic (`convertMoney`), with its VAT and stock per store: what a manager needs to add a row.
 */
export async function searchCatalog(
  gateway: PortalGateway<'catalogSearch'>,
  directory: CatalogDirectory,
  query: CatalogQuery,
): Promise<Result<CatalogOffer[], PortalError>> {
  const found = await gateway.repositories.catalogSearch.find({
    iblockId: directory.iblockId,
    text: query.text,
    sectionId: query.sectionId,
  })
  if (!found.ok) return found
  const paths = sectionPaths(directory)
  const measures = new Map(directory.measures.map((m) => [m.id, m]))
  const vats = new Map(query.vatRates.map((v) => [v.id, v]))
  const offers = found.value.products.map((p): CatalogOffer => {
    const listed = basePrice(found.value.prices.filter((x) => x.productId === p.id))
    const measure = p.measureId === null ? undefined : measures.get(p.measureId)
    const vat = p.vatId === null ? undefined : vats.get(p.vatId)
    const stock = found.value.stock.filter((s) => s.productId === p.id)
    return {
      productId: p.id,
      name: p.name,
      article: p.article,
      section: p.sectionId === null ? '' : (paths.get(p.sectionId) ?? ''),
      measureCode: measure?.code ?? null,
      measureName: measure?.symbol ?? '',
      listed: listed ? { amount: listed.price, currency: listed.currency } : null,
      price: listed
        ? convertMoney(listed.price, listed.currency, query.currency, query.currencies)
        : { ok: false, error: { code: 'PRICE_MISSING', productId: String(p.id) } },
      taxRate: vat?.rate == null ? null : canonicalRate(vat.rate),
      taxIncluded: p.vatIncluded,
      stock: directory.stores.map((s) => {
        const level = stock.find((x) => x.storeId === s.id)
        return { store: s.title, amount: level?.amount ?? '0', reserved: level?.reserved ?? '0' }
      }),
    }
  })
  return { ok: true, value: offers }
}

/** The order row a found product becomes: one piece at the converted price, no discount, the product's VAT. */
export function offerRow(offer: CatalogOffer, key: string): DraftRow | null {
  if (!offer.price.ok) return null
  return {
    key,
    id: null,
    productId: offer.productId,
    productName: offer.name,
    measureCode: offer.measureCode,
    measureName: offer.measureName,
    listPrice: offer.price.value,
    discountType: 'percent',
    discountValue: '0',
    quantity: '1',
    taxRate: offer.taxRate,
    taxIncluded: offer.taxIncluded ? 'Y' : 'N',
  }
}
