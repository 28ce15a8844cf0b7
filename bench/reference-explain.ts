/**
 * KernelSHAP at time level over a 60-step window with 2,048 coalitions on the
 * reference model (3 × LSTM(50)), through the fused kernels and through stock
 * tf.layers, on the wasm backend.
 */
import * as tf from '@tensorflow/tfjs'
import { buildModel } from '../src/core/engine/model/build-model'
import { predictFnFor } from '../src/core/engine/explain/model-fns'
import { initKernels } from '../src/core/kernels'
import { REFERENCE_MODEL } from '../src/shared/model-config'
import { benchExplain } from './explain'
import type { BenchRow } from './training'

export async function benchReferenceExplain(): Promise<BenchRow[]> {
  await tf.setBackend('wasm')
  await initKernels()
  const rows: BenchRow[] = []
  for (const path of ['fused', 'stock'] as const) {
    const model = buildModel(REFERENCE_MODEL, { steps: 60, features: 1 }, path)
    const results = await benchExplain(predictFnFor(model, 60, 1, path), {
      bootstraps: [50],
      repeats: path === 'fused' ? 3 : 1
    })
    model.dispose()
    for (const r of results) {
      rows.push({
        bench: `kernelshap (${path})`,
        backend: 'wasm',
        value: r.seconds,
        unit: 's/window',
        note: `60 steps, ${r.coalitions} coalitions, ${r.windows} model evaluations, bootstrap ${r.bootstrap}; model ${r.modelSeconds.toFixed(2)} s + library ${r.overheadSeconds.toFixed(2)} s`
      })
    }
  }
  return rows
}
