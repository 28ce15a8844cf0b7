import { ExplainInputError } from './errors'
import type { Rng } from './rng'

/**
 * Which coalitions KernelSHAP evaluates and with what Shapley-kernel weight,
 * following shap's KernelExplainer: coalition sizes (paired with their
 * complements) are enumerated completely, smallest first, while the budget
 * covers a size's expected share; the rest of the budget draws complementary
 * pairs with sizes chosen by kernel weight. Empty and full coalitions are the
 * anchors and are not part of the design.
 */

/** shap's "auto": 2·M + 2048 coalitions. */
export function defaultKernelSamples(players: number): number {
  return 2 * players + 2048
}

export interface KernelSizePlan {
  readonly players: number
  readonly mode: 'exact' | 'sampled'
  /** Sizes 1..fullSizes (with their complements) are enumerated. */
  readonly fullSizes: number
  /** Coalitions enumerated. */
  readonly fixed: number
  /** Distinct complementary pairs drawn after that. */
  readonly pairs: number
  /** Kernel weight left to the drawn pairs (weights are normalised to sum to 1). */
  readonly weightLeft: number
  /** Normalised weight of each size class s = 1..ceil((M−1)/2), complement included. */
  readonly classWeights: Float64Array
}

export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0
  let r = 1
  for (let i = 1; i <= Math.min(k, n - k); i++) r = (r * (n - i + 1)) / i
  return Math.round(r)
}

/** Deterministic part of the design: how many coalitions, before any sampling. */
export function kernelSizePlan(players: number, nsamples: number): KernelSizePlan {
  const m = players
  if (!Number.isInteger(nsamples) || nsamples < 1) {
    throw new ExplainInputError(`nsamples must be a positive integer, got ${nsamples}`)
  }
  const classes = Math.ceil((m - 1) / 2)
  const paired = Math.floor((m - 1) / 2)
  const classWeights = new Float64Array(Math.max(classes, 0))
  let total = 0
  for (let s = 1; s <= classes; s++) {
    const w = ((m - 1) / (s * (m - s))) * (s <= paired ? 2 : 1)
    classWeights[s - 1] = w
    total += w
  }
  for (let i = 0; i < classes; i++) classWeights[i]! /= total
  const all = m <= 30 ? 2 ** m - 2 : Infinity
  if (nsamples >= all) {
    return {
      players,
      mode: 'exact',
      fullSizes: classes,
      fixed: all,
      pairs: 0,
      weightLeft: 0,
      classWeights
    }
  }
  if (nsamples < 2 * m) {
    // Fewer rows than about twice the unknowns leaves the regression underdetermined.
    throw new ExplainInputError(
      `KernelSHAP over ${m} players needs nsamples ≥ ${2 * m} (or ≥ ${all} to enumerate), got ${nsamples}`
    )
  }
  let left = nsamples
  let fixed = 0
  let fullSizes = 0
  const remaining = Float64Array.from(classWeights)
  for (let s = 1; s <= classes; s++) {
    const count = binomial(m, s) * (s <= paired ? 2 : 1)
    if ((left * remaining[s - 1]!) / count < 1 - 1e-8) break
    fullSizes = s
    left -= count
    fixed += count
    const used = remaining[s - 1]!
    if (used < 1) for (let i = 0; i < classes; i++) remaining[i]! /= 1 - used
  }
  let weightLeft = 0
  for (let i = fullSizes; i < classes; i++) weightLeft += classWeights[i]!
  return {
    players,
    mode: 'sampled',
    fullSizes,
    fixed,
    pairs: Math.floor(left / 2),
    weightLeft,
    classWeights
  }
}

/** Coalitions a KernelSHAP run evaluates (per background row), anchors excluded. */
export function kernelCoalitionCount(players: number, nsamples: number): number {
  const p = kernelSizePlan(players, nsamples)
  return p.fixed + 2 * p.pairs
}

export interface KernelDesign extends KernelSizePlan {
  /** k × M masks: `fixed` enumerated rows, then each drawn pair as (S, complement of S). */
  readonly masks: Uint8Array
  readonly k: number
  /** Kernel weight of each row; the drawn rows are filled from `draws`. */
  readonly weights: Float64Array
  /** Pair index of every draw, duplicates included (the bootstrap resamples these). */
  readonly draws: Int32Array
}

function forEachSubset(m: number, size: number, visit: (members: Int32Array) => void): void {
  const members = new Int32Array(size)
  for (let i = 0; i < size; i++) members[i] = i
  for (;;) {
    visit(members)
    let i = size - 1
    while (i >= 0 && members[i] === m - size + i) i--
    if (i < 0) return
    members[i]!++
    for (let j = i + 1; j < size; j++) members[j] = members[j - 1]! + 1
  }
}

export function designKernelCoalitions(players: number, nsamples: number, rng: Rng): KernelDesign {
  const m = players
  const sizes = kernelSizePlan(m, nsamples)
  const paired = Math.floor((m - 1) / 2)
  const k = sizes.fixed + 2 * sizes.pairs
  const masks = new Uint8Array(k * m)
  const weights = new Float64Array(k)
  let row = 0
  for (let s = 1; s <= sizes.fullSizes; s++) {
    // The middle size of an even M is its own complement class.
    const complement = s <= paired
    const w = sizes.classWeights[s - 1]! / binomial(m, s) / (complement ? 2 : 1)
    forEachSubset(m, s, (members) => {
      const base = row * m
      for (const p of members) masks[base + p] = 1
      weights[row++] = w
      if (complement) {
        for (let p = 0; p < m; p++) masks[row * m + p] = 1 - masks[base + p]!
        weights[row++] = w
      }
    })
  }
  const draws = drawPairs(sizes, masks, row, rng)
  fillDrawnWeights(sizes, draws, weights)
  return { ...sizes, masks, k, weights, draws }
}

/**
 * Draws distinct complementary pairs until `pairs` are found; a repeat adds to
 * that pair's count instead of costing a model call. Since fewer coalitions are
 * asked for than remain, this always ends.
 */
function drawPairs(sizes: KernelSizePlan, masks: Uint8Array, start: number, rng: Rng): Int32Array {
  const m = sizes.players
  const classes = sizes.classWeights.length
  if (sizes.pairs === 0) return new Int32Array(0)
  const cumulative: number[] = []
  let acc = 0
  for (let c = sizes.fullSizes; c < classes; c++) {
    acc += sizes.classWeights[c]!
    cumulative.push(acc)
  }
  const seen = new Map<string, number>()
  const draws: number[] = []
  const order = new Int32Array(m)
  const member = new Uint8Array(m)
  const limit = 1000 * sizes.pairs + 100_000
  while (seen.size < sizes.pairs) {
    if (draws.length > limit)
      throw new Error('KernelSHAP sampling did not find enough distinct pairs')
    const u = rng.next() * acc
    let c = cumulative.findIndex((x) => u < x)
    if (c < 0) c = cumulative.length - 1
    const size = sizes.fullSizes + 1 + c
    // Partial Fisher–Yates: the first `size` of a random order form S.
    for (let i = 0; i < m; i++) order[i] = i
    member.fill(0)
    for (let i = 0; i < size; i++) {
      const j = i + rng.int(m - i)
      const t = order[i]!
      order[i] = order[j]!
      order[j] = t
      member[order[i]!] = 1
    }
    // Key the pair by its member without player 0, so S and its complement collide.
    const flip = member[0] === 1 ? 1 : 0
    let key = ''
    for (let p = 0; p < m; p++) key += String(member[p]! ^ flip)
    let index = seen.get(key)
    if (index === undefined) {
      index = seen.size
      seen.set(key, index)
      const base = (start + 2 * index) * m
      for (let p = 0; p < m; p++) {
        masks[base + p] = member[p]!
        masks[base + m + p] = 1 - member[p]!
      }
    }
    draws.push(index)
  }
  return Int32Array.from(draws)
}

/** Weights of drawn rows ∝ how often their pair was drawn, summing to the weight left. */
export function fillDrawnWeights(
  sizes: KernelSizePlan,
  draws: ArrayLike<number>,
  weights: Float64Array
): void {
  if (sizes.pairs === 0) return
  const counts = new Float64Array(sizes.pairs)
  for (let i = 0; i < draws.length; i++) counts[draws[i]!]!++
  const per = sizes.weightLeft / (2 * draws.length)
  for (let q = 0; q < sizes.pairs; q++) {
    const w = counts[q]! * per
    weights[sizes.fixed + 2 * q] = w
    weights[sizes.fixed + 2 * q + 1] = w
  }
}
