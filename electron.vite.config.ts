import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { rendererAliases, rendererDefines } from './vite.renderer.config'

export default defineConfig({
  main: {
    build: {
      // tfjs-node(-gpu) are optional and native: never bundle them.
      externalizeDeps: { include: ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          engine: resolve(__dirname, 'src/core/engine/entry.ts')
        }
      }
    }
  },
  preload: {
    build: {
      // The sandboxed preload must be one CommonJS file with no runtime deps.
      rollupOptions: { output: { format: 'cjs' } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias: rendererAliases },
    define: rendererDefines,
    plugins: [vue()],
    build: { rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') } }
  }
})
