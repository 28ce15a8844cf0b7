import { createRng } from '../../explain'

/**
 * Run `fn` with Math.random replaced by a seeded generator (the explainers'
 * one: src/explain/rng.ts). tfjs draws the seeds of unseeded random ops
 * (dropout masks) from Math.random, and a seeded Dropout layer would reuse one
 * mask for every batch; seeding the source instead makes training repeatable
 * without that flaw. The engine process runs one job at a time, so swapping
 * the global is safe there.
 */
export async function withSeededMathRandom<T>(seed: number, fn: () => Promise<T>): Promise<T> {
  const original = Math.random
  const rng = createRng(seed)
  Math.random = () => rng.next()
  try {
    return await fn()
  } finally {
    Math.random = original
  }
}
