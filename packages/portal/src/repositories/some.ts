import type { PortalClient } from '../client'
import type { Repositories } from '.'

// Apart from ./index on purpose: every page imports this module, and a bundle puts each module a page can reach
// through static imports into that page's chunks, used or not. ./index imports every repository; here only types.

export type RepositoryName = keyof Repositories

/** Builds the repositories a page asked for over its client. */
export type RepositoriesFactory<R> = (client: PortalClient) => R

/** The factories `someRepositories` made: each builds a part of the repositories, never all of them. */
const partial = new WeakSet<RepositoriesFactory<unknown>>()

/**
 * The repositories named by `factories` (e.g. `{ deals: createDealRepository }`), as a factory: a widget page
 * builds only what its use cases need, so the others stay out of its bundle. A full `Repositories` object is
 * acceptable wherever such a subset is asked for.
 */
export function someRepositories<K extends RepositoryName>(factories: {
  readonly [P in K]: RepositoriesFactory<Repositories[P]>
}): RepositoriesFactory<Pick<Repositories, K>> {
  const entries = Object.entries(factories) as [K, RepositoriesFactory<Repositories[K]>][]
  const create: RepositoriesFactory<Pick<Repositories, K>> = (client) =>
    Object.fromEntries(entries.map(([name, make]) => [name, make(client)])) as Pick<Repositories, K>
  partial.add(create)
  return create
}

/** Whether `factory` came from `someRepositories` (so it may lack repositories a full set has). */
export const isPartialRepositories = (factory: RepositoriesFactory<unknown>): boolean => partial.has(factory)
