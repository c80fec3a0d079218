import { inject, type InjectionKey } from 'vue'
import {
  isPartialRepositories,
  type FrameSession,
  type PortalError,
  type Repositories,
  type RepositoriesFactory,
} from '@salesflow/portal'
import type { Lang } from './format'

/**
 * How a widget's connection to its portal ended up: inside a portal, opened outside one (standalone), or
 * failed (the parent never answered). Components render each state; none of them is a blank page.
 * `R`: the repositories the page was started with.
 */
export type SessionState<R = Repositories> =
  | { readonly status: 'ready'; readonly session: FrameSession<R>; readonly lang: Lang }
  | { readonly status: 'standalone'; readonly lang: Lang }
  | { readonly status: 'failed'; readonly error: PortalError; readonly lang: Lang }

/** What `startWidget` provides: the state and the repositories factory its session was built with. */
export interface ProvidedSession {
  readonly state: SessionState<unknown>
  readonly repositories: RepositoriesFactory<unknown>
}

export const SESSION_KEY: InjectionKey<ProvidedSession> = Symbol('salesflow.session')

/**
 * The widget's session state, provided by `startWidget`, typed by the page's repositories factory: the one its
 * main.ts started with (checked), so a store can only use the repositories the page builds.
 */
export function useSessionState<R>(repositories: RepositoriesFactory<R>): SessionState<R>
/**
 * Without the factory: only on a page started with every repository (`createRepositories`, checked); a page that
 * builds a part of them (`someRepositories`) names its factory instead.
 */
export function useSessionState(): SessionState
export function useSessionState(repositories?: RepositoriesFactory<unknown>): SessionState<unknown> {
  const provided = inject(SESSION_KEY)
  if (!provided) throw new Error('[widget-kit] useSessionState() outside a widget started with startWidget()')
  if (repositories ? provided.repositories !== repositories : isPartialRepositories(provided.repositories))
    throw new Error("[widget-kit] useSessionState(): name the repositories factory the page's main.ts started with")
  return provided.state
}
