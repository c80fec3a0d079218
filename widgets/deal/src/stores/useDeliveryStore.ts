import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { convertMoney, parseDecimal, quoteDelivery, type DeliveryTable } from '@salesflow/rules'
import { useDealStore } from './useDealStore'
import { useOrderStore } from './useOrderStore'
import type { DraftRow } from './order-draft'

/** The service row delivery is billed as: no catalog product, this name (the portal shows it as typed). */
export const DELIVERY_ROW = { productId: 0, name: { ru: 'Доставка', en: 'Delivery' } } as const
const ZONE = 'UF_CRM_SF_DELIVERY_ZONE'
const WEIGHT = 'UF_CRM_SF_DELIVERY_WEIGHT_KG'
const URGENCY = 'UF_CRM_SF_URGENCY'

/**
 * Delivery parameters of the order (zone, weight, urgency: kept in the deal's fields) and their price from the
 * delivery rule table (rules `quoteDelivery`), converted to the deal currency and applied as the order's
 * delivery row. The parameters are saved with the rows.
 */
export const useDeliveryStore = defineStore('delivery', () => {
  const deal = useDealStore()
  const order = useOrderStore()
  const zone = ref('')
  const urgency = ref('standard')
  const weightKg = ref('')

  watch(
    () => deal.card,
    (card) => {
      const uf = card?.deal.userFields ?? {}
      zone.value = String(uf[ZONE] ?? '')
      urgency.value = String(uf[URGENCY] || 'standard')
      weightKg.value = String(uf[WEIGHT] ?? '')
    },
    { immediate: true },
  )

  const table = computed<DeliveryTable>(() => deal.settings.delivery)
  const zones = computed(() => [...new Set(table.value.tiers.map((t) => t.zone))])
  const urgencies = computed(() => Object.keys(table.value.urgency))

  /** The delivery price in the order's currency (tax included), or the reason there is none. */
  const quote = computed(() => {
    if (!zone.value || weightKg.value === '') return null
    const q = quoteDelivery(table.value, zone.value, urgency.value, weightKg.value)
    if (!q.ok) return q
    const price = convertMoney(q.value.price, table.value.currency, order.currency, deal.card?.currencies ?? [])
    return price.ok ? { ok: true as const, value: { ...q.value, price: price.value } } : price
  })

  const row = computed(() => order.draft.find((d) => d.productId === DELIVERY_ROW.productId && isDeliveryName(d)))
  /** Whether the order's delivery row carries the quoted price (nothing to apply). */
  const applied = computed(() => {
    const q = quote.value
    if (!q?.ok || !row.value) return false
    const list = parseDecimal(row.value.listPrice, 'listPrice')
    return list.ok && list.value.eq(q.value.price)
  })

  /** Puts the quoted price into the order as its delivery row (adds the row if there is none). */
  function apply(): void {
    const q = quote.value
    if (!q?.ok) return
    const patch = { listPrice: q.value.price, quantity: '1', discountType: 'percent' as const, discountValue: '0' }
    if (row.value) return order.update(row.value.key, patch)
    const added: DraftRow = {
      key: `delivery-${Date.now()}`,
      id: null,
      productId: DELIVERY_ROW.productId,
      productName: DELIVERY_ROW.name[deal.lang],
      measureCode: null,
      measureName: deal.lang === 'ru' ? 'усл.' : 'svc',
      taxRate: String(table.value.vatRate),
      taxIncluded: 'Y',
      ...patch,
    }
    order.draft.push(added)
  }

  /** The deal fields that go with a save: the parameters as entered. */
  const dealFields = computed<Record<string, string>>(() => ({
    [ZONE]: zone.value,
    [URGENCY]: urgency.value,
    [WEIGHT]: weightKg.value,
  }))

  return { zone, urgency, weightKg, zones, urgencies, quote, applied, apply, dealFields }
})

function isDeliveryName(d: DraftRow): boolean {
  return d.productName === DELIVERY_ROW.name.ru || d.productName === DELIVERY_ROW.name.en
}
