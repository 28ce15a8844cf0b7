import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import {
  createRecurrentLayer,
  FusedGRU,
  FusedLSTM,
  resolveKernelPath
} from '../../../src/core/kernels'

describe('resolveKernelPath', () => {
  it('uses the fused kernels on wasm and cpu, stock on tfjs-node', () => {
    expect(resolveKernelPath('wasm', {}).path).toBe('fused')
    expect(resolveKernelPath('cpu', {}).path).toBe('fused')
    const node = resolveKernelPath('tensorflow', {})
    expect(node.path).toBe('stock')
    expect(node.reason).toMatch(/tfjs-node/)
    expect(resolveKernelPath('webgl', {}).path).toBe('stock')
  })

  it('lets HINDSIGHT_KERNELS force either path', () => {
    expect(resolveKernelPath('wasm', { HINDSIGHT_KERNELS: 'stock' })).toMatchObject({
      path: 'stock'
    })
    const forced = resolveKernelPath('tensorflow', { HINDSIGHT_KERNELS: 'fused' })
    expect(forced.path).toBe('fused')
    expect(forced.reason).toMatch(/HINDSIGHT_KERNELS=fused/)
    const odd = resolveKernelPath('wasm', { HINDSIGHT_KERNELS: 'fast' })
    expect(odd.path).toBe('fused')
    expect(odd.reason).toMatch(/fast.*ignored/)
  })
})

describe('createRecurrentLayer', () => {
  it('returns stock or fused layers with sigmoid recurrent activation', () => {
    const args = { units: 3, returnSequences: false, dropout: 0.1, name: 'rec' }
    const stock = createRecurrentLayer('lstm', args, 'stock')
    const fused = createRecurrentLayer('lstm', { ...args, name: 'rec2' }, 'fused')
    expect(fused).toBeInstanceOf(FusedLSTM)
    expect(stock).not.toBeInstanceOf(FusedLSTM)
    expect(stock.getConfig()['recurrentActivation']).toBe('sigmoid')
    expect({ ...fused.getConfig(), name: 'rec' }).toEqual(stock.getConfig())
    expect(
      createRecurrentLayer('gru', { units: 2, returnSequences: true }, 'fused')
    ).toBeInstanceOf(FusedGRU)
    expect(
      createRecurrentLayer('gru', { units: 2, returnSequences: true }, 'stock')
    ).toBeInstanceOf(tf.RNN)
  })
})
