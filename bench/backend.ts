/** Selects a tfjs backend for the benchmarks (wasm needs its binaries' folder). */
import * as tf from '@tensorflow/tfjs'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  if (name === 'wasm') {
    const require = createRequire(join(process.cwd(), 'package.json'))
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`)
  }
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} unavailable`)
  await tf.ready()
}
