import type { PortalClient, Repositories } from '@salesflow/portal'

/**
 * What a use case talks to the portal through: the client (batched card reads) and the repositories (writes).
 * A widget's FrameSession is one; the worker builds one over a webhook (`connectWebhook` + `createRepositories`).
 */
export interface PortalGateway {
  readonly client: PortalClient
  readonly repositories: Repositories
}
