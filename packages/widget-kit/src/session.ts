import { inject, type InjectionKey } from 'vue'
import type { FrameSession, PortalError } from '@salesflow/portal'
import type { Lang } from './format'

/**
 * How a widget's connection to its portal ended up: inside a portal, opened outside one (standalone), or
 * failed (the parent never answered). Components render each state; none of them is a blank page.
 */
export type SessionState =
  | { readonly status: 'ready'; readonly session: FrameSession; readonly lang: Lang }
  | { readonly status: 'standalone'; readonly lang: Lang }
  | { readonly status: 'failed'; readonly error: PortalError; readonly lang: Lang }

export const SESSION_KEY: InjectionKey<SessionState> = Symbol('salesflow.session')

/** The widget's session state, provided by `startWidget`. */
export function useSessionState(): SessionState {
  const state = inject(SESSION_KEY)
  if (!state) throw new Error('[widget-kit] useSessionState() outside a widget started with startWidget()')
  return state
}
