import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { configuredItemPlacement, type Configuration, type Result } from '@salesflow/rules'
import type { FrameSession } from '@salesflow/portal'
import {
  addConfiguredItemToDeal,
  checkConfiguration,
  decideApproval,
  openConfigurator,
  sendForApproval,
  type ConfiguredItem,
  type OpenedConfigurator,
} from '@salesflow/usecases'
import { parseCrmCardPlacement, useCardStore, useSessionState, type CodedError } from '@salesflow/widget-kit'
import { configuratorRepositories } from '../repositories'

/** The widget's own errors (not the portal's, not the rules'). */
export type WidgetError =
  { readonly code: 'NOT_IN_DEAL_CARD'; readonly placement: string } | { readonly code: 'STANDALONE' }

/** One component line as the manager types it: the quantity stays text until the rules read it. */
export interface ComponentLine {
  readonly componentId: string
  readonly quantity: string
}

/**
 * The configurator tab: the card opened by `openConfigurator` (one round trip), the configuration being edited,
 * its live check (violations, price, item) and the calls into the send / decide / add use cases.
 */
export const useConfiguratorStore = defineStore('configurator', () => {
  const state = useSessionState(configuratorRepositories)
  const session = computed<FrameSession<ReturnType<typeof configuratorRepositories>> | null>(() =>
    state.status === 'ready' ? state.session : null,
  )
  const lang = state.lang
  const dealId = computed(() => {
    const at = session.value ? parseCrmCardPlacement(session.value.placement, session.value.options) : null
    return at?.ok && at.value.entity === 'deal' ? at.value.id : null
  })

  async function open(): Promise<Result<OpenedConfigurator, CodedError | WidgetError>> {
    if (state.status === 'failed') return { ok: false, error: state.error }
    if (state.status === 'standalone') return { ok: false, error: { code: 'STANDALONE' } }
    if (dealId.value === null)
      return { ok: false, error: { code: 'NOT_IN_DEAL_CARD', placement: state.session.placement } }
    return openConfigurator(state.session, { dealId: dealId.value })
  }
  const { status, data: opened, error, load } = useCardStore(open)

  const platformId = ref('')
  const lines = ref<ComponentLine[]>([])
  /** The configuration of the item opened for editing (the diff's base), or null for a new one. */
  const editing = shallowRef<Configuration | null>(null)
  const busy = ref<'send' | 'approve' | 'reject' | 'add' | null>(null)
  const actionError = shallowRef<CodedError | null>(null)
  const notice = ref<'sent' | 'approved' | 'rejected' | 'added' | 'addedDraft' | null>(null)

  const configuration = computed<Configuration>(() => ({
    platformId: platformId.value,
    components: lines.value.map((l) => ({ componentId: l.componentId, quantity: l.quantity.trim() })),
  }))
  const check = computed(() =>
    opened.value && platformId.value
      ? checkConfiguration(opened.value, configuration.value, editing.value ?? undefined)
      : null,
  )
  const role = computed(() => opened.value?.role ?? 'viewer')
  const canConfigure = computed(() => role.value === 'manager' || role.value === 'admin')
  const isTechnician = computed(() => role.value === 'technician')

  /** The deal's configured items: bound to its tasks or on its rows, and the one the configuration maps to. */
  const dealItems = computed<ConfiguredItem[]>(() => {
    const o = opened.value
    if (!o) return []
    const tasks = new Set(o.card.tasks.map((t) => t.id))
    const rows = new Set(o.card.productRows.map((r) => r.productId))
    return o.items.filter((i) => (i.taskId !== null && tasks.has(i.taskId)) || rows.has(i.productId))
  })

  function reset(): void {
    actionError.value = null
    notice.value = null
  }
  function setPlatform(id: string): void {
    reset()
    platformId.value = id
  }
  function addComponent(id: string): void {
    reset()
    if (!id) return
    const at = lines.value.findIndex((l) => l.componentId === id)
    if (at >= 0) {
      const q = Number(lines.value[at]!.quantity)
      lines.value = lines.value.map((l, i) =>
        i === at ? { ...l, quantity: String(Number.isSafeInteger(q) ? q + 1 : 1) } : l,
      )
    } else lines.value = [...lines.value, { componentId: id, quantity: '1' }]
  }
  function setQuantity(id: string, quantity: string): void {
    reset()
    lines.value = lines.value.map((l) => (l.componentId === id ? { ...l, quantity } : l))
  }
  function removeComponent(id: string): void {
    reset()
    lines.value = lines.value.filter((l) => l.componentId !== id)
  }
  /** Opens a configured item for editing: its configuration becomes the base of the diff. */
  function edit(item: ConfiguredItem): void {
    reset()
    if (!item.configuration) return
    editing.value = item.configuration
    platformId.value = item.configuration.platformId
    lines.value = item.configuration.components.map((c) => ({
      componentId: c.componentId,
      quantity: String(c.quantity),
    }))
  }

  async function run(kind: NonNullable<typeof busy.value>, action: () => Promise<Result<unknown, CodedError>>) {
    if (!session.value || !opened.value || busy.value) return false
    reset()
    busy.value = kind
    const r = await action()
    busy.value = null
    if (!r.ok) {
      actionError.value = r.error
      return false
    }
    await load()
    return true
  }

  const send = () =>
    run('send', async () =>
      sendForApproval(session.value!, opened.value!, { configuration: configuration.value, now: Date.now() }),
    ).then((done) => void (done && (notice.value = 'sent')))
  const decide = (item: ConfiguredItem, decision: 'approve' | 'reject', reason = '') =>
    run(decision, async () => decideApproval(session.value!, opened.value!, { item, decision, reason })).then(
      (done) => void (done && (notice.value = decision === 'approve' ? 'approved' : 'rejected')),
    )
  /** What this user may do with an item: the roles' and the funnel's decisions, for the buttons. */
  function actionsOf(item: ConfiguredItem | null) {
    const placement = item ? configuredItemPlacement(item.approval, opened.value?.funnel ?? '') : null
    const sendable = !item || item.approval === 'draft' || item.approval === 'rejected'
    return {
      canSend: canConfigure.value && sendable && (check.value?.valid ?? false),
      canDecide: isTechnician.value && item?.approval === 'pending',
      canEdit: canConfigure.value && item?.configuration !== undefined,
      addMode:
        canConfigure.value && placement?.ok ? (placement.value.draft ? ('draft' as const) : ('add' as const)) : null,
      addBlocked: canConfigure.value && placement && !placement.ok ? placement.error : null,
    }
  }

  async function add(item: ConfiguredItem, quantityText: string): Promise<void> {
    const quantity = Number(quantityText.trim())
    if (!/^\d+$/.test(quantityText.trim()) || quantity <= 0) {
      reset()
      actionError.value = { code: 'QUANTITY_NOT_POSITIVE', field: 'quantity', value: quantityText } as CodedError
      return
    }
    let draft = false
    const done = await run('add', async () => {
      const r = await addConfiguredItemToDeal(session.value!, opened.value!, { item, quantity })
      if (r.ok) draft = r.value.draft
      return r
    })
    if (!done) return
    notice.value = draft ? 'addedDraft' : 'added'
    // The deal card's own product tab shows the new row only after the card reloads.
    await session.value?.reloadCard()
  }
  function openTask(taskId: number): void {
    const user = opened.value?.card.currentUser.id
    if (user) void session.value?.openPath(`/company/personal/user/${user}/tasks/task/view/${taskId}/`)
  }

  return {
    status,
    error,
    opened,
    session,
    lang,
    load,
    role,
    canConfigure,
    isTechnician,
    platformId,
    lines,
    editing,
    configuration,
    check,
    dealItems,
    busy,
    actionError,
    notice,
    setPlatform,
    addComponent,
    setQuantity,
    removeComponent,
    edit,
    send,
    decide,
    add,
    openTask,
    actionsOf,
  }
})
