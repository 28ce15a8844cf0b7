// Browser mode's server, built: src/bridge/serve.ts → out/bridge/serve.js, CommonJS like
// out/main, dependencies left in node_modules as in the Electron build. It forks
// out/main/engine.js (electron-vite build), the very engine bundle Electron loads, so
// `npm run serve` and the e2e run what the app ships. Build electron-vite first.
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

export default defineConfig({
  publicDir: false,
  build: {
    ssr: resolve(__dirname, 'src/bridge/serve.ts'),
    outDir: resolve(__dirname, 'out/bridge'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { format: 'cjs', entryFileNames: 'serve.js' } }
  }
})
