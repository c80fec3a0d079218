import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'

// The layering rules of the brief, enforced rather than reviewed: rules <- portal <- usecases <- widget-kit <- widgets,
// documents beside portal (it may import rules only; widgets load it lazily, with import()); only packages/portal
// talks to Bitrix24. Each layer lists what it may not import: everything above it.
const sdkOnlyInPortal = { name: '@bitrix24/b24jssdk', message: 'Only packages/portal may import the Bitrix24 SDK.' }
const above = (layer, names) => ({
  group: names,
  message: `${layer} sits below these in rules <- portal <- usecases <- widget-kit <- widgets (documents beside portal).`,
})
const WIDGETS = ['@salesflow/widget-*', '**/widgets/**']
const UI = ['vue', 'pinia', '@bitrix24/b24ui-nuxt', '@bitrix24/b24ui-nuxt/*', '@bitrix24/b24icons-vue']
const layers = [
  {
    files: ['packages/portal/src/**/*.ts'],
    patterns: [
      above('packages/portal', [
        '@salesflow/usecases',
        '@salesflow/usecases/*',
        '@salesflow/widget-kit',
        '@salesflow/widget-kit/*',
        '@salesflow/documents',
        '@salesflow/documents/*',
        ...WIDGETS,
        ...UI,
      ]),
    ],
    sdk: false,
  },
  {
    files: ['packages/documents/src/**/*.ts'],
    patterns: [
      above('packages/documents', [
        '@salesflow/portal',
        '@salesflow/usecases',
        '@salesflow/usecases/*',
        '@salesflow/widget-kit',
        '@salesflow/widget-kit/*',
        ...WIDGETS,
        ...UI,
      ]),
    ],
  },
  {
    files: ['packages/usecases/src/**/*.ts'],
    patterns: [above('packages/usecases', ['@salesflow/widget-kit', '@salesflow/widget-kit/*', ...WIDGETS, ...UI])],
    // The worker runs these in Node: no DOM, no browser globals.
    globals: ['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location', 'BX24'],
  },
  {
    files: ['packages/widget-kit/src/**/*.{ts,vue}'],
    patterns: [above('packages/widget-kit', [...WIDGETS, '@salesflow/documents', '@salesflow/documents/*'])],
  },
  {
    files: ['widgets/*/src/**/*.{ts,vue}', 'app/src/**/*.{ts,vue}'],
    patterns: [],
    // Documents (jspdf, docx, fonts) are loaded on export only: import() is allowed, a static import is not.
    documentsLazy: true,
  },
]
const layerConfigs = layers.map(({ files, patterns, sdk = true, globals = [], documentsLazy = false }) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: sdk ? [sdkOnlyInPortal] : [],
        patterns: [
          ...patterns,
          { group: ['@salesflow/emulator', '@salesflow/emulator/*'], message: 'The emulator is a test double.' },
          ...(documentsLazy
            ? [
                {
                  group: ['@salesflow/documents', '@salesflow/documents/*'],
                  allowTypeImports: true,
                  message: 'Load documents lazily: await import(...) on export, so the page does not carry jspdf/docx.',
                },
              ]
            : []),
        ],
      },
    ],
    ...(globals.length
      ? {
          'no-restricted-globals': [
            'error',
            ...globals.map((name) => ({ name, message: 'Use cases run without a browser (the worker calls them).' })),
          ],
        }
      : {}),
  },
}))

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
    // The pure packages: the rules and the 1C statement parser. Their tests and scripts may read files; the
    // libraries may not (and the SDK block below does not override this).
    files: ['packages/rules/src/**/*.ts', 'packages/exchange/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vue', 'pinia', '@bitrix24/*', '@salesflow/*', 'node:*', 'msw', 'msw/*'],
              message:
                'packages/rules and packages/exchange are pure: no I/O, no Vue, no SDK, no other salesflow package.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'A pure package does no I/O.' },
        { name: 'XMLHttpRequest', message: 'A pure package does no I/O.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'A pure package has no clock: take "today" as an argument.',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'A pure package has no clock: take "today" as an argument.',
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
    // Not rules/src nor exchange/src: their own no-restricted-imports (which also ban the SDK) would be overridden here.
    files: [
      'packages/!(portal|emulator|rules|exchange)/**/*.{ts,vue}',
      'packages/exchange/*.ts',
      'packages/exchange/test/**/*.ts',
      'widgets/**/*.{ts,vue}',
      'app/src/**/*.{ts,vue}',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: [sdkOnlyInPortal] }] },
  },
  ...layerConfigs,
  {
    // No import cycles in our own code (a cycle is two modules that cannot be understood apart).
    files: ['packages/*/src/**/*.{ts,vue}', 'widgets/*/src/**/*.{ts,vue}', 'app/src/**/*.{ts,vue}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.vue', '.js', '.json'] })],
      // .vue files are linted, but not parsed again as dependencies: stores and modules never import components.
      'import-x/ignore': ['\\.vue$'],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: false }] },
  },
)
