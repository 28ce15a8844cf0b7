/**
 * Seeded pseudo-random numbers: xoshiro128** seeded through splitmix32.
 * Every sampler takes an Rng explicitly, so the same seed gives the same output.
 */
export interface Rng {
  /** Uniform in [0, 1) with 53 random bits. */
  next(): number
  /** Uniform integer in [0, n). */
  int(n: number): number
  /** Standard normal (Box–Muller). */
  normal(): number
  /** 32 random bits, unsigned. */
  uint32(): number
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`)
  // Fold in the high bits so seeds above 2^32 do not collide with small ones.
  const init = splitmix32((seed >>> 0) ^ Math.floor(seed / 4294967296))
  let a = init()
  let b = init()
  let c = init()
  let d = init()
  if ((a | b | c | d) === 0) a = 1
  let spare: number | undefined

  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0
    const t = b << 9
    c ^= a
    d ^= b
    b ^= c
    a ^= d
    c ^= t
    d = rotl(d, 11)
    return result
  }
  const next = (): number => ((uint32() >>> 5) * 67108864 + (uint32() >>> 6)) / 9007199254740992

  return {
    uint32,
    next,
    int(n: number): number {
      if (!(n >= 1)) throw new RangeError(`int(n) needs n >= 1, got ${n}`)
      return Math.floor(next() * n)
    },
    normal(): number {
      if (spare !== undefined) {
        const value = spare
        spare = undefined
        return value
      }
      let u = 0
      while (u === 0) u = next()
      const v = next()
      const r = Math.sqrt(-2 * Math.log(u))
      spare = r * Math.sin(2 * Math.PI * v)
      return r * Math.cos(2 * Math.PI * v)
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

/** A seed for an independent stream (e.g. the bootstrap), so adding one never shifts another. */
export function deriveSeed(seed: number, stream: number): number {
  return splitmix32(((seed >>> 0) ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0)()
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T>(rng: Rng, items: { length: number; [i: number]: T }): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const tmp = items[i]!
    items[i] = items[j]!
    items[j] = tmp
  }
}

/** A random permutation of 0..n−1. */
export function permutation(rng: Rng, n: number): Int32Array {
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) out[i] = i
  shuffleInPlace(rng, out)
  return out
}
