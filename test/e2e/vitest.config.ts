import { defineConfig } from 'vitest/config'

/** End-to-end specs: a separate Vitest run (`npm run test:e2e`), never part of the unit projects. */
export default defineConfig({
  test: {
    name: 'e2e',
    root: import.meta.dirname,
    include: ['**/*.e2e.ts'],
    globalSetup: ['./global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
