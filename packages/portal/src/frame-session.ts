import type { B24Frame } from '@bitrix24/b24jssdk'
import { err, ok, type Result } from '@salesflow/rules'
import type { PortalClient } from './client'
import { clientFor, connectFrame, type ConnectOptions } from './connect'
import { fromThrown, portalError, type PortalError } from './errors'
import type { Repositories } from './repositories'
import type { RepositoriesFactory } from './repositories/some'
import { SMART_INVOICE } from './repositories/invoices'

/**
 * A widget's connection to the card it is placed in: REST (client, the repositories its page asked for) plus the few
 * frame commands a widget needs. Built by `openFrameSession`; the SDK object itself stays inside packages/portal.
 */
export interface FrameSession<R = Repositories> {
  readonly client: PortalClient
  readonly repositories: R
  /** The placement code, e.g. `CRM_DEAL_DETAIL_TAB` (`DEFAULT` on the app's own page). */
  readonly placement: string
  /** PLACEMENT_OPTIONS as the portal sent them (`{ID: '42'}` in a card tab; ids are strings). */
  readonly options: Readonly<Record<string, unknown>>
  /** The portal user's language code (`ru`, `en`, `de`, …). */
  readonly lang: string
  readonly isAdmin: boolean
  /** Fits the iframe to the page height. */
  fitWindow(): Promise<void>
  /** Asks the CRM card around the widget to reload its form (`reloadData`), e.g. after rows or stage changed. */
  reloadCard(): Promise<void>
  /**
   * Opens a portal page (`/crm/deal/details/5/`) in a slider; resolves when it closes, or with the portal's refusal
   * (PATH_NOT_AVAILABLE and the like) as an error: it never rejects.
   */
  openPath(path: string): Promise<Result<void, PortalError>>
  /** Opens a smart invoice's card in a slider (the portal's own URL scheme stays here); never rejects. */
  openInvoice(id: number): Promise<Result<void, PortalError>>
  /** INSTALL: the app's install page before installFinish (administrators only). Optional: only app pages use it. */
  readonly installMode?: boolean
  /** installFinish: the portal marks the app installed and reloads the frame (`install_finished=Y`); never rejects. */
  finishInstall?(): Promise<Result<void, PortalError>>
  destroy(): void
}

export interface FrameSessionOptions<R> extends ConnectOptions {
  /** How long to wait for the parent's getInitData answer. */
  readonly frameTimeoutMs?: number
  /** The repositories the page's use cases need (`someRepositories`): only those reach its bundle. */
  readonly repositories: RepositoriesFactory<R>
}

/** The SDK's openPath rejects when the portal refuses the path; that becomes a typed error here. */
async function openSlider(b24: B24Frame, path: string): Promise<Result<void, PortalError>> {
  try {
    await b24.slider.openPath(b24.slider.getUrl(path))
    return ok(undefined)
  } catch (e) {
    return err(fromThrown(e, 'openPath'))
  }
}

/** Wraps a connected B24Frame. */
async function frameSession<R>(b24: B24Frame, options: FrameSessionOptions<R>): Promise<FrameSession<R>> {
  const client = await clientFor(b24, options)
  const raw = b24.placement.options as unknown
  return {
    client,
    repositories: options.repositories(client),
    placement: b24.placement.placement,
    // An empty PLACEMENT_OPTIONS may arrive as a PHP empty array.
    options: typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {},
    lang: String(b24.getLang()),
    isAdmin: b24.auth.isAdmin,
    fitWindow: async () => void (await b24.parent.fitWindow()),
    reloadCard: async () => void (await b24.placement.call('reloadData')),
    openPath: (path) => openSlider(b24, path),
    openInvoice: (id) => openSlider(b24, `/crm/type/${SMART_INVOICE}/details/${id}/`),
    installMode: b24.isInstallMode,
    finishInstall: async () => {
      try {
        await b24.installFinish()
        return ok(undefined)
      } catch (e) {
        return err(fromThrown(e, 'installFinish'))
      }
    },
    destroy: () => b24.destroy(),
  }
}

/**
 * Connects a widget page to its portal: ok(session) inside a portal, ok(null) outside one (standalone/demo mode),
 * err(TIMEOUT) when the parent never answers, err(…) when the handshake fails otherwise.
 */
export async function openFrameSession<R>(
  options: FrameSessionOptions<R>,
): Promise<Result<FrameSession<R> | null, PortalError>> {
  const timeoutMs = options.frameTimeoutMs ?? 5_000
  try {
    const b24 = await connectFrame(timeoutMs, options)
    return ok(b24 ? await frameSession(b24, options) : null)
  } catch (e) {
    if (e instanceof Error && /did not answer within/.test(e.message)) {
      return err(portalError('TIMEOUT', { method: 'getInitData', description: e.message, cause: e }))
    }
    return err(fromThrown(e, 'getInitData'))
  }
}
