import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { invoiceActions, transitionInvoice, type InvoiceAction, type ManualEvent } from '@salesflow/usecases'
import type { CodedError } from '@salesflow/widget-kit'
import { useInvoiceStore } from './useInvoiceStore'

/** The manual status moves of the invoice: what this user may do, and doing it. */
export const useLifecycleStore = defineStore('lifecycle', () => {
  const invoice = useInvoiceStore()
  const busy = ref<ManualEvent | null>(null)
  const error = shallowRef<CodedError | null>(null)
  const actions = computed<InvoiceAction[]>(() => (invoice.opened ? invoiceActions(invoice.opened) : []))

  async function run(event: ManualEvent, reason = ''): Promise<void> {
    const opened = invoice.opened
    const session = invoice.session
    if (!opened || !session) return
    error.value = null
    busy.value = event
    try {
      const r = await transitionInvoice(session, { opened, event, reason, lang: invoice.lang })
      if (!r.ok) {
        error.value = r.error
        if (r.error.code === 'RECEIPT_CONFLICT') await invoice.load()
        return
      }
      await invoice.reloadAll()
    } finally {
      busy.value = null
    }
  }

  return { actions, busy, error, run }
})
