import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import {
  applyDelivery,
  deliveryApplied,
  deliveryRowOf,
  quoteOrderDelivery,
  type UsecaseError,
} from '@salesflow/usecases'
import { parseLocaleNumber, type NumberInputError } from '@salesflow/widget-kit'
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

  const param = (key: 'zone' | 'urgency') =>
    computed({
      get: () => order.delivery[key],
      set: (v: string) => void (order.delivery = { ...order.delivery, [key]: v }),
    })
  const zone = param('zone')
  const urgency = param('urgency')
  /** The weight as typed («1,5»), while the order holds the decimal; null shows the stored value. */
  const weightText = ref<string | null>(null)
  /** The weight box's text is not a number in the user's language. */
  const weightError = shallowRef<NumberInputError | null>(null)
  watch(
    () => deal.card,
    () => {
      weightText.value = null
      weightError.value = null
    },
  )
  /** The weight box: read with the one locale-aware parser; empty means "not given". */
  const weightKg = computed({
    get: () => weightText.value ?? order.delivery.weightKg,
    set: (text: string) => {
      weightText.value = text
      const parsed =
        text.trim() === '' ? ({ ok: true, value: '' } as const) : parseLocaleNumber(text, deal.lang, 'weight')
      weightError.value = parsed.ok ? null : parsed.error
      if (parsed.ok) order.delivery = { ...order.delivery, weightKg: parsed.value }
    },
  })

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
    if (!q?.ok || weightError.value) return
    const next = applyDelivery(order.draft, q.value, deal.settings, deal.lang, 'delivery-new')
    applyError.value = next.ok ? null : next.error
    if (next.ok) order.draft = next.value
  }

  return { zone, urgency, weightKg, weightError, zones, urgencies, quote, applied, applyError, apply }
})
