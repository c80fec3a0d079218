import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import b24ui from '@bitrix24/b24ui-nuxt/vite'
import { b24uiOptions } from '../vite.config.ts'

const repoRoot = resolve(import.meta.dirname, '..')

// The app's own pages (settings, install), tested as the widgets are: components in happy-dom per file.
export default defineConfig({
  plugins: [vue(), b24ui({ ...b24uiOptions, root: repoRoot, dts: false })],
  test: {
    name: '@salesflow/app',
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
})
