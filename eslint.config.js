import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

// The layering rules of the brief, enforced rather than reviewed:
// rules <- portal <- widget-kit <- widgets; only packages/portal talks to Bitrix24.
const sdkOnlyInPortal = {
  paths: [{ name: '@bitrix24/b24jssdk', message: 'Only packages/portal may import the Bitrix24 SDK.' }],
}

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/components.d.ts', '**/auto-imports.d.ts', 'test/e2e/output/**'],
  },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      // Everything from the portal is text: never render it as HTML.
      'vue/no-v-html': 'error',
    },
  },
  {
    files: ['packages/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vue', 'pinia', '@bitrix24/*', '@salesflow/*', 'node:*', 'msw', 'msw/*'],
              message: 'packages/rules is pure: no I/O, no Vue, no other salesflow package.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'packages/rules does no I/O.' },
        { name: 'XMLHttpRequest', message: 'packages/rules does no I/O.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'packages/rules has no clock: take "today" as an argument.',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'packages/rules has no clock: take "today" as an argument.',
        },
      ],
    },
  },
  {
    // The statement parser and matcher are pure like packages/rules (the samples script beside src/ reads files).
    files: ['packages/exchange/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vue', 'pinia', '@bitrix24/*', '@salesflow/*', 'node:*', 'msw', 'msw/*'],
              message: 'packages/exchange is pure: no I/O, no Vue, no SDK, no other salesflow package.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'packages/exchange does no I/O.' },
        { name: 'XMLHttpRequest', message: 'packages/exchange does no I/O.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'packages/exchange has no clock: take dates as arguments.',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'packages/exchange has no clock: take dates as arguments.',
        },
      ],
    },
  },
  {
    // Not exchange/src: its own no-restricted-imports (which also bans the SDK) would be overridden here.
    files: [
      'packages/!(portal|emulator|exchange)/**/*.{ts,vue}',
      'packages/exchange/*.ts',
      'packages/exchange/test/**/*.ts',
      'widgets/**/*.{ts,vue}',
    ],
    rules: { 'no-restricted-imports': ['error', sdkOnlyInPortal] },
  },
)
