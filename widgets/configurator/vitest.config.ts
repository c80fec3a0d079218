import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import b24ui from '@bitrix24/b24ui-nuxt/vite'
import { b24uiOptions } from '../../vite.config.ts'

const repoRoot = resolve(import.meta.dirname, '../..')

// Store tests run in node; component tests opt into happy-dom per file. The b24ui plugin resolves the
// virtual '@bitrix24/b24ui-nuxt/vue-plugin' and auto-imports <B24*>; its theme templates go to the repo root's
// node_modules (as for the build) and no .d.ts is written into this widget.
export default defineConfig({
  plugins: [vue(), b24ui({ ...b24uiOptions, root: repoRoot, dts: false })],
  test: {
    name: '@salesflow/widget-configurator',
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
})
