import { defineStore } from 'pinia'
import { useCatalogSearch } from '@salesflow/widget-kit'
import { useDealStore } from './useDealStore'
import { useOrderStore } from './useOrderStore'

/** The catalog search of the order: products priced in the order's currency, added as rows of the order. */
export const useCatalogStore = defineStore('catalog', () => {
  const deal = useDealStore()
  const order = useOrderStore()
  const search = useCatalogSearch({
    gateway: () => deal.session,
    currency: () => order.currency,
    currencies: () => deal.card?.currencies ?? [],
    vatRates: () => deal.card?.vatRates ?? [],
  })

  /** Adds one piece of the product to the order at its converted price. */
  function add(productId: number): void {
    const row = search.rowFor(productId)
    if (row) order.add([row])
  }

  return { ...search, add }
})
