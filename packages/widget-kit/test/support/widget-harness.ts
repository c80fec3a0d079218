import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { ok } from '@salesflow/rules'
import type { FrameSession, RepositoriesFactory } from '@salesflow/portal'
import { SESSION_KEY, type SessionState } from '@salesflow/widget-kit'
import { appClient, startPortal, type EmulatedPortal } from '../../../portal/test/support/harness'

export { startPortal, type EmulatedPortal }

export interface WidgetHarness<R> {
  readonly session: FrameSession<R>
  /** Calls of the frame commands the stores make (reloadData after writes). */
  readonly frameCalls: string[]
  /** Runs store code inside the widget's app context (stores inject the session). */
  run<T>(fn: () => T): T
}

/**
 * A widget's stores wired to an emulated portal exactly as in the browser: the real gateway over an
 * application token of `userId` with the page's own `repositories`, inside an app that provides the session. Only the parent-window commands
 * (fitWindow, reloadData, openPath) are recorded instead of sent to a host page.
 */
export async function openCardTab<R>(
  portal: EmulatedPortal,
  placement: string,
  entityId: number,
  userId: number,
  repositories: RepositoriesFactory<R>,
): Promise<WidgetHarness<R>> {
  const { client } = await appClient(portal, userId)
  const frameCalls: string[] = []
  const session: FrameSession<R> = {
    client,
    repositories: repositories(client),
    placement,
    options: { ID: String(entityId) },
    lang: 'ru',
    isAdmin: userId === 1,
    fitWindow: async () => void frameCalls.push('fitWindow'),
    reloadCard: async () => void frameCalls.push('reloadData'),
    openPath: async (path) => (frameCalls.push(`openPath ${path}`), ok(undefined)),
    openInvoice: async (id) => (frameCalls.push(`openInvoice ${id}`), ok(undefined)),
    destroy: () => undefined,
  }
  const state: SessionState<R> = { status: 'ready', session, lang: 'ru' }
  const app = createApp({})
  const pinia = createPinia()
  app.use(pinia)
  app.provide(SESSION_KEY, { state, repositories })
  setActivePinia(pinia)
  return { session, frameCalls, run: (fn) => app.runWithContext(fn) }
}
