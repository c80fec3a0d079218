import type { PortalClient, RepositoryName, Repositories } from '@salesflow/portal'

/**
 * What a use case talks to the portal through: the client (batched card reads) and the repositories (writes).
 * `K` names the repositories the use case needs, so a widget page builds (and bundles) only those; a full
 * `Repositories` object fits any `K`. A widget's FrameSession is one; the worker builds one over a webhook
 * (`connectWebhook` + `createRepositories`).
 */
export interface PortalGateway<K extends RepositoryName = RepositoryName> {
  readonly client: PortalClient
  readonly repositories: Pick<Repositories, K>
}
