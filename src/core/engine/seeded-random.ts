/**
 * Run `fn` with Math.random replaced by a seeded generator. tfjs draws the
 * seeds of unseeded random ops (dropout masks) from Math.random, and a seeded
 * Dropout layer would reuse one mask for every batch; seeding the source
 * instead makes training repeatable without that flaw. The engine process runs
 * one job at a time, so swapping the global is safe there.
 */
export async function withSeededMathRandom<T>(seed: number, fn: () => Promise<T>): Promise<T> {
  const original = Math.random
  Math.random = mulberry32(seed)
  try {
    return await fn()
  } finally {
    Math.random = original
  }
}

/** mulberry32: small, fast, good enough for shuffles and dropout seeds. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher–Yates with the given generator. */
export function shuffledIndices(n: number, random: () => number): Int32Array {
  const idx = new Int32Array(n)
  for (let i = 0; i < n; i++) idx[i] = i
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const tmp = idx[i]!
    idx[i] = idx[j]!
    idx[j] = tmp
  }
  return idx
}
