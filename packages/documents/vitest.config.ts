import { defineConfig } from 'vitest/config'

// The renderer tests write PDFs and read them back with poppler (pdftotext, pdftoppm): seconds each on a busy
// two-core machine, so they get more than vitest's default 5 s.
export default defineConfig({
  test: {
    name: '@salesflow/documents',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
})
