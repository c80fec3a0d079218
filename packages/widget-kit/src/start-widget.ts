import { createApp, type Component, type Plugin } from 'vue'
import { createPinia } from 'pinia'
import { openFrameSession, type FrameSession, type RepositoriesFactory } from '@salesflow/portal'
import { toLang } from './format'
import { createWidgetI18n, type Messages } from './i18n'
import { markPlatform } from './platform'
import { SESSION_KEY, type SessionState } from './session'
import type { Lang } from './format'

export interface StartWidgetOptions<R> {
  readonly messages: Record<Lang, Messages>
  /** The repositories the page's use cases need (`someRepositories`); stores read the session with the same factory. */
  readonly repositories: RepositoriesFactory<R>
  /**
   * Vue plugins the page installs. b24ui's own plugin is not needed (startWidget marks the platform for its CSS);
   * a page that uses b24ui's head or colour mode installs it here (a virtual module only the page can import).
   */
  readonly plugins?: readonly Plugin[]
  readonly selector?: string
}

/**
 * Boots a widget page: connects to the Bitrix24 parent frame, picks the portal user's language, provides the
 * session to the component tree and keeps the iframe as tall as its content.
 */
export async function startWidget<R>(root: Component, options: StartWidgetOptions<R>): Promise<void> {
  const connected = await openFrameSession({ repositories: options.repositories })
  const state: SessionState<R> = !connected.ok
    ? { status: 'failed', error: connected.error, lang: toLang(navigator.language.slice(0, 2)) }
    : connected.value === null
      ? { status: 'standalone', lang: toLang(navigator.language.slice(0, 2)) }
      : { status: 'ready', session: connected.value, lang: toLang(connected.value.lang) }

  const app = createApp(root)
  app.use(createPinia()).use(createWidgetI18n(state.lang, options.messages))
  for (const plugin of options.plugins ?? []) app.use(plugin)
  app.provide(SESSION_KEY, { state, repositories: options.repositories })
  markPlatform(document.documentElement, navigator.userAgent)
  app.mount(options.selector ?? '#app')
  document.documentElement.lang = state.lang
  if (state.status === 'ready') keepFitted(state.session)
}

/** Resizes the portal's iframe whenever the page's height changes (once per animation frame at most). */
function keepFitted(session: FrameSession<unknown>): void {
  let pending = false
  const fit = () => {
    if (pending) return
    pending = true
    requestAnimationFrame(() => {
      pending = false
      // A failed resize leaves the tab scrollable: nothing to tell the user, nothing lost.
      session.fitWindow().catch(() => undefined)
    })
  }
  new ResizeObserver(fit).observe(document.body)
  fit()
}
