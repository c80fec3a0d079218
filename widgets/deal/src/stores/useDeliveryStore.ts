import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import {
  applyDelivery,
  deliveryApplied,
  deliveryRowOf,
  quoteOrderDelivery,
  type UsecaseError,
} from '@salesflow/usecases'
import { useDealStore } from './useDealStore'
import { useOrderStore } from './useOrderStore'

/**
 * Delivery of the order: its parameters (held by the order, which saves them with the rows), their price from the
 * settings' rate table in the order's currency, and the order's delivery row (the configured catalog product).
 */
export const useDeliveryStore = defineStore('delivery', () => {
  const deal = useDealStore()
  const order = useOrderStore()
  const applyError = shallowRef<UsecaseError | null>(null)

  const param = (key: 'zone' | 'urgency' | 'weightKg') =>
    computed({
      get: () => order.delivery[key],
      set: (v: string) => void (order.delivery = { ...order.delivery, [key]: v }),
    })
  const zone = param('zone')
  const urgency = param('urgency')
  const weightKg = param('weightKg')

  const zones = computed(() => [...new Set(deal.settings.delivery.tiers.map((t) => t.zone))])
  const urgencies = computed(() => Object.keys(deal.settings.delivery.urgency))
  /** The delivery price in the order's currency (tax included), or the reason there is none. */
  const quote = computed(() =>
    quoteOrderDelivery(order.delivery, deal.settings, order.currency, deal.card?.currencies ?? []),
  )
  const applied = computed(() =>
    deliveryApplied(deliveryRowOf(order.draft, deal.settings), quote.value?.ok ? quote.value.value : null),
  )

  /** Puts the quoted price into the order as its delivery row (adds the row if there is none). */
  function apply(): void {
    const q = quote.value
    if (!q?.ok) return
    const next = applyDelivery(order.draft, q.value, deal.settings, deal.lang, 'delivery-new')
    applyError.value = next.ok ? null : next.error
    if (next.ok) order.draft = next.value
  }

  return { zone, urgency, weightKg, zones, urgencies, quote, applied, applyError, apply }
})
