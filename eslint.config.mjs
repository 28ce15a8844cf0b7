// Flat config: typescript-eslint + eslint-plugin-vue, prettier last.
// Layering is enforced by ./eslint-rules/layers.mjs (VS Code's code-layering idea):
// each runtime folder of src may only import what its runtime has.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import layers from './eslint-rules/layers.mjs'

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.bench/**',
      'test-results/**',
      'playwright-report/**',
      'src/core/kernels/wasm/**/*.js',
      'src/core/kernels/assembly/**'
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
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    files: ['src/**/*.{ts,vue}'],
    plugins: { hindsight: layers },
    rules: { 'hindsight/layers': 'error' }
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
  prettier
)
