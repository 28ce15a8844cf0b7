// Flat config: typescript-eslint + eslint-plugin-vue, prettier last.
// Layering is enforced here (VS Code's code-layering idea): each folder may only
// import what its runtime has.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'url'
]

/** Files of src/main that are allowed to touch Electron. */
const electronFiles = [
  'src/main/index.ts',
  'src/main/window.ts',
  'src/main/security.ts',
  'src/main/menu.ts',
  'src/main/dialogs.ts',
  'src/main/engine-launcher.ts',
  'src/main/ipc/**/*.ts'
]

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'src/main/kernels/wasm/**/*.js',
      'src/main/kernels/assembly/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.vue'],
        sourceType: 'module'
      }
    }
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description' }
      ],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'default-case': 'error',
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      'vue/multi-word-component-names': 'off'
    }
  },
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the host only through useHost().' }
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node APIs.' },
            { group: ['**/main/**'], message: 'The renderer may import shared/ and explain/ only.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/explain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...nodeBuiltins,
                'electron',
                'vue',
                '@tensorflow/*',
                '**/main/**',
                '**/renderer/**'
              ],
              message: 'src/explain is pure TypeScript: a model is a PredictFn, nothing more.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...nodeBuiltins,
                'electron',
                'vue',
                '@tensorflow/*',
                '**/main/**',
                '**/renderer/**'
              ],
              message: 'src/shared is the contract: zod and types only.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: electronFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The core (engine, services, data, bridge, CLI) runs without Electron.'
            }
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'Main never imports the renderer.' }]
        }
      ]
    }
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/ipc/handle.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='ipcMain']",
          message: 'Only src/main/ipc/handle.ts may use ipcMain: go through handle().'
        }
      ]
    }
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', 'vue', '**/main/**', '**/renderer/**', ...nodeBuiltins],
              message: 'The sandboxed preload imports electron and types only.'
            }
          ]
        }
      ]
    }
  },
  prettier
)
