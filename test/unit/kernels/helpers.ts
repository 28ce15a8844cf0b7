import * as tf from '@tensorflow/tfjs'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Selects a tfjs backend ('cpu' is exact JS math; 'wasm' is what most users run). */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') {
    const require = createRequire(join(process.cwd(), 'package.json'))
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`)
  }
  const ok = await tf.setBackend(name)
  if (!ok) throw new Error(`tfjs backend ${name} failed to initialize`)
  await tf.ready()
}

/** Deterministic values in [-scale, scale) (mulberry32). */
export function seeded(n: number, seed: number, scale = 1): Float32Array {
  let a = seed >>> 0
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    out[i] = ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * scale
  }
  return out
}

/** max |a - b| / max |b|: the error relative to the scale of the reference. */
export function relError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) {
    throw new Error(`length ${actual.length} !== ${expected.length}`)
  }
  let diff = 0
  let scale = 0
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs((actual[i] ?? NaN) - (expected[i] ?? NaN)))
    scale = Math.max(scale, Math.abs(expected[i] ?? 0))
  }
  return scale === 0 ? diff : diff / scale
}

export function values(t: tf.Tensor): Float32Array {
  return t.dataSync() as Float32Array
}
