import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { canIssueInvoice, instalmentOfKey } from '@salesflow/rules'
import { generateInvoice, previewInvoice, type GeneratedInvoice, type IssueMode } from '@salesflow/usecases'
import { parseLocaleNumber, type CodedError } from '@salesflow/widget-kit'
import { useDealStore } from './useDealStore'

export type IssueKind = IssueMode['kind']

/**
 * "Issue invoice" of the deal tab: the user's choice (full, share %, next instalment; currency), the preview the
 * use case computes from the card already read, and the issue itself (the use case, two round trips). A second
 * click while issuing is ignored, and a repeated issue returns the same invoice (the use case's idempotency key).
 */
export const useInvoiceIssueStore = defineStore('invoiceIssue', () => {
  const deal = useDealStore()
  const kind = ref<IssueKind>('full')
  const percent = ref('50')
  const chosenCurrency = ref<string | null>(null)
  const busy = ref(false)
  const error = shallowRef<CodedError | null>(null)
  const issued = shallowRef<GeneratedInvoice | null>(null)

  const canIssue = computed(() => canIssueInvoice(deal.role))
  const currency = computed(() => chosenCurrency.value ?? deal.card?.deal.currency ?? 'RUB')
  const today = () => new Date().toISOString().slice(0, 10)

  /** The mode as the use case takes it; a share typed with a comma is read in the user's language. */
  const mode = computed<IssueMode | CodedError>(() => {
    if (kind.value !== 'share') return { kind: kind.value }
    const p = parseLocaleNumber(percent.value, deal.lang, 'percent')
    return p.ok ? { kind: 'share', percent: p.value } : p.error
  })

  const preview = computed(() => {
    const card = deal.card
    if (!card || !canIssue.value) return null
    const m = mode.value
    if (!('kind' in m)) return { ok: false as const, error: m }
    return previewInvoice(card, deal.settings, deal.role, {
      mode: m,
      currency: currency.value,
      today: today(),
      // The card's invoices carry no keys: the preview shows the first instalment not yet invoiced by this tab.
      issuedKeys: issued.value ? [issued.value.idempotencyKey] : [],
    })
  })

  async function issue(): Promise<void> {
    const session = deal.session
    const m = mode.value
    if (busy.value || !session || deal.dealId === null) return
    if (!('kind' in m)) {
      error.value = m
      return
    }
    busy.value = true
    error.value = null
    try {
      const r = await generateInvoice(session, {
        dealId: deal.dealId,
        mode: m,
        currency: currency.value,
        today: today(),
      })
      if (!r.ok) {
        error.value = r.error
        return
      }
      issued.value = r.value
      // The finance block lists the deal's invoices from the card: read it again to show the new one.
      await deal.load()
    } finally {
      busy.value = false
    }
  }

  function setCurrency(code: string): void {
    chosenCurrency.value = code
  }

  return {
    kind,
    percent,
    currency,
    setCurrency,
    canIssue,
    preview,
    busy,
    error,
    issued,
    issue,
    instalmentOf: (key: string) => instalmentOfKey(key),
  }
})
