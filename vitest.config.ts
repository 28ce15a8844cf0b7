import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import { rendererAliases } from './vite.renderer.config'

export default defineConfig({
  resolve: { alias: rendererAliases },
  test: {
    // Training tests share 2 cores; run files in parallel but keep it to two forks.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' }
      },
      {
        extends: true,
        plugins: [vue()],
        test: {
          name: 'component',
          include: ['test/component/**/*.test.ts'],
          environment: 'happy-dom'
        }
      }
    ]
  }
})
