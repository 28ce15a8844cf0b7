/**
 * A reference training run in a fresh process (fused kernels on the threads, wasm backend): the
 * app's reference model (build-model.ts) for one epoch over 1,024 windows through the app's loop; prints its peak RSS
 * in MiB on the last line. Run by bench/kernels.ts.
 */
import * as tf from '@tensorflow/tfjs'
import { buildModel } from '../src/core/engine/model/build-model'
import { initKernels } from '../src/core/kernels'
import { REFERENCE_MODEL } from '../src/shared/model-config'
import { appEpoch } from './app-epoch'
import { useBackend } from './backend'

async function main(): Promise<void> {
  await useBackend('wasm')
  await initKernels()
  const model = buildModel(REFERENCE_MODEL, { steps: 60, features: 1 }, 'fused')
  const x = tf.randomNormal([1024, 60, 1], 0, 1, 'float32', 1).dataSync() as Float32Array
  const y = tf.randomNormal([1024, 1], 0, 1, 'float32', 2).dataSync() as Float32Array
  await appEpoch(model, { x, y, n: 1024, steps: 60, features: 1, outputs: 1 }, 32)
  // maxRSS is in KiB.
  console.log((process.resourceUsage().maxRSS / 1024).toFixed(1))
  process.exit(0)
}

void main()
