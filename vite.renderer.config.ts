// The renderer's Vite config, shared by electron-vite (the app) and plain Vite
// (browser mode, `npm run serve`), so both faces ship the same bundle.
import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

export const rendererAliases = {
  '@renderer': resolve(__dirname, 'src/renderer/src'),
  '@shared': resolve(__dirname, 'src/shared'),
  '@explain': resolve(__dirname, 'src/explain')
}

/** vue-i18n's compile-time flags: Composition API only, no devtools hooks in production. */
export const rendererDefines = {
  __VUE_I18N_FULL_INSTALL__: 'true',
  __VUE_I18N_LEGACY_API__: 'false',
  __INTLIFY_PROD_DEVTOOLS__: 'false'
}

export default defineConfig({
  root: resolve(__dirname, 'src/renderer'),
  base: './',
  resolve: { alias: rendererAliases },
  define: rendererDefines,
  plugins: [vue()],
  build: {
    outDir: resolve(__dirname, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000
  }
})
