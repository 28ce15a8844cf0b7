import { describe, expect, it } from 'vitest'
import { kernelPathFor } from '../../../src/core/engine/init-backend'
import type { BackendReport } from '../../../src/shared/domain'
import { testBackend } from '../../helpers/backend'

describe('kernel path per run', () => {
  it('uses the fused kernels by default on wasm and says why', async () => {
    const backend = await testBackend()
    expect(backend.name).toBe('wasm')
    expect(backend.kernels.path).toBe('fused')
    expect(backend.kernels.reason).toMatch(/Fused WebAssembly/)
    expect(kernelPathFor(backend, 'auto')).toBe(backend.kernels)
  })

  it('lets the model settings force either path', () => {
    const fused: BackendReport = {
      name: 'wasm',
      tried: [],
      kernels: { path: 'fused', reason: 'default' }
    }
    expect(kernelPathFor(fused, 'stock')).toEqual({
      path: 'stock',
      reason: 'Stock tfjs LSTM/GRU layers: chosen in the model settings.',
      code: 'kernels-chosen-stock'
    })
    const stock: BackendReport = { ...fused, kernels: { path: 'stock', reason: 'env' } }
    expect(kernelPathFor(stock, 'fused').path).toBe('fused')
    const native: BackendReport = {
      ...fused,
      name: 'tensorflow',
      kernels: { path: 'stock', reason: 'native' }
    }
    // Forcing is honoured even on tfjs-node: the kernels run wherever the wasm module loads.
    expect(kernelPathFor(native, 'fused').path).toBe('fused')
  })
})
