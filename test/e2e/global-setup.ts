import type { TestProject } from 'vitest/node'
import { startServer, type RunningServer } from '../../packages/emulator/src/index'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

let server: RunningServer | undefined

/** One emulator (REST + host page + dist/ widgets) on a free port for the whole e2e run. */
export async function setup(project: TestProject): Promise<void> {
  server = await startServer({ port: 0, seed: 'demo' })
  project.provide('baseUrl', server.url)
}

export async function teardown(): Promise<void> {
  await server?.close()
}
