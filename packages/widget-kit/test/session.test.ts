import { createApp } from 'vue'
import { describe, expect, it } from 'vitest'
import {
  createDealRepository,
  createLeadRepository,
  createRepositories,
  someRepositories,
  type PortalClient,
  type RepositoriesFactory,
} from '@salesflow/portal'
import { SESSION_KEY, useSessionState, type SessionState } from '../src'

const client = {} as PortalClient

/** Runs `fn` inside an app that provides the state a page started with `repositories` would have. */
function inPage<T>(repositories: RepositoriesFactory<unknown>, fn: () => T): T {
  const state: SessionState<unknown> = { status: 'standalone', lang: 'en' }
  const app = createApp({})
  app.provide(SESSION_KEY, { state, repositories })
  return app.runWithContext(fn)
}

describe('someRepositories', () => {
  it('builds exactly the named repositories over the client', () => {
    const repos = someRepositories({ deals: createDealRepository, leads: createLeadRepository })(client)
    expect(Object.keys(repos).sort()).toEqual(['deals', 'leads'])
    expect(typeof repos.deals.get).toBe('function')
  })
})

describe('useSessionState', () => {
  const dealPage = someRepositories({ deals: createDealRepository })
  const leadPage = someRepositories({ leads: createLeadRepository })

  it("gives the state to a store naming the page's own factory", () => {
    expect(inPage(dealPage, () => useSessionState(dealPage))).toEqual({ status: 'standalone', lang: 'en' })
  })

  it("refuses a store naming another page's factory (its repositories are not built here)", () => {
    expect(() => inPage(dealPage, () => useSessionState(leadPage))).toThrow(/name the repositories factory/)
  })

  it('without a factory: fine on a page with every repository, refused on a page with a part of them', () => {
    expect(inPage(createRepositories, () => useSessionState()).status).toBe('standalone')
    expect(() => inPage(dealPage, () => useSessionState())).toThrow(/name the repositories factory/)
  })
})
