import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { Result } from '@salesflow/rules'
import type { CodedError } from '../error-text'

export type CardStatus = 'idle' | 'loading' | 'ready' | 'error'

export interface CardState<T> {
  readonly status: Ref<CardStatus>
  readonly data: ShallowRef<T | null>
  readonly error: ShallowRef<CodedError | null>
  /** Loads (or reloads) the card: one call of the loader, one round trip for our loaders. */
  load(): Promise<void>
  /** After an error: the same load again. */
  retry(): Promise<void>
}

/**
 * The loading / ready / error state of a card around one loader (a use case such as openDealCard). A failed load
 * is status 'error' with the code; `data` keeps the last card read, which the shell does not show meanwhile.
 */
export function useCardStore<T>(loader: () => Promise<Result<T, CodedError>>): CardState<T> {
  const status = ref<CardStatus>('idle')
  const data = shallowRef<T | null>(null)
  const error = shallowRef<CodedError | null>(null)
  async function load(): Promise<void> {
    status.value = 'loading'
    const r = await loader()
    if (r.ok) {
      data.value = r.value
      error.value = null
      status.value = 'ready'
    } else {
      error.value = r.error
      status.value = 'error'
    }
  }
  return { status, data, error, load, retry: load }
}
