import { computed, ref, shallowRef, watch } from 'vue'
import type { CatalogDirectory } from '@salesflow/portal'
import {
  openCatalog,
  offerRow,
  searchCatalog,
  sectionPaths,
  type CatalogOffer,
  type CatalogQuery,
  type DraftRow,
  type PortalGateway,
} from '@salesflow/usecases'
import type { CodedError } from '../error-text'

/** Where a catalog search reads the portal and the order it prices for; getters, so it follows the card. */
export interface CatalogSearchSource {
  readonly gateway: () => PortalGateway<'catalogSearch'> | null
  readonly currency: () => string
  readonly currencies: () => CatalogQuery['currencies']
  readonly vatRates: () => CatalogQuery['vatRates']
}

/** Typing pauses this long before the portal is asked. */
const DEBOUNCE_MS = 300

/**
 * A catalog search that adds rows (the deal tab's order, the configurator): the catalog's sections read once when
 * it opens, then products by name or article within a section, priced in the order's currency by the use cases.
 * Only the latest search's answer is shown.
 */
export function useCatalogSearch(source: CatalogSearchSource) {
  const open = ref(false)
  const directory = shallowRef<CatalogDirectory | null>(null)
  const text = ref('')
  const sectionId = ref<number | null>(null)
  const offers = shallowRef<CatalogOffer[]>([])
  const busy = ref(false)
  const error = shallowRef<CodedError | null>(null)
  let asked = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let added = 0

  const sections = computed(() =>
    directory.value
      ? [...sectionPaths(directory.value)]
          .map(([id, path]) => ({ value: id, label: path }))
          .sort((a, b) => a.label.localeCompare(b.label))
      : [],
  )

  async function start(): Promise<void> {
    open.value = true
    const gateway = source.gateway()
    if (directory.value || !gateway) return
    busy.value = true
    const read = await openCatalog(gateway)
    busy.value = false
    if (read.ok) directory.value = read.value
    error.value = read.ok ? null : read.error
  }

  async function search(): Promise<void> {
    const gateway = source.gateway()
    if (!gateway || !directory.value) return
    const mine = ++asked
    busy.value = true
    const found = await searchCatalog(gateway, directory.value, {
      text: text.value,
      sectionId: sectionId.value,
      currency: source.currency(),
      currencies: source.currencies(),
      vatRates: source.vatRates(),
    })
    if (mine !== asked) return
    busy.value = false
    offers.value = found.ok ? found.value : []
    error.value = found.ok ? null : found.error
  }

  // A new text or section asks after a pause; another currency re-prices what is shown.
  watch([text, sectionId], () => {
    clearTimeout(timer)
    timer = setTimeout(() => void search(), DEBOUNCE_MS)
  })
  watch(source.currency, () => void (offers.value.length > 0 && search()))

  /** The order row for a found product (null while it has no price), with a key no other row has. */
  function rowFor(productId: number): DraftRow | null {
    const offer = offers.value.find((o) => o.productId === productId)
    return offer ? offerRow(offer, `catalog-${productId}-${++added}`) : null
  }

  function close(): void {
    open.value = false
  }

  return { open, text, sectionId, sections, offers, busy, error, start, search, rowFor, close }
}

export type CatalogSearch = ReturnType<typeof useCatalogSearch>
