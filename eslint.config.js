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
    // The emulator plays Bitrix24 and is the test oracle: its arithmetic is its own (src/crm/portal-math.ts).
    files: ['packages/emulator/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@salesflow/*', '**/rules/src/**'],
              message: 'The emulator is the oracle the project is tested against: it never imports project code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/!(portal|emulator)/**/*.{ts,vue}', 'widgets/**/*.{ts,vue}'],
    rules: { 'no-restricted-imports': ['error', sdkOnlyInPortal] },
  },
)
