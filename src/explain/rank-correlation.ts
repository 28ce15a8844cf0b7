import { ExplainInputError } from './errors'

/** Ranks 1..n with ties sharing their average rank. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!)
  const ranks = new Float64Array(n)
  for (let i = 0; i < n;) {
    let j = i
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j++
    const rank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) ranks[order[k]!] = rank
    i = j + 1
  }
  return ranks
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length
  let ma = 0
  let mb = 0
  for (let i = 0; i < n; i++) {
    ma += a[i]!
    mb += b[i]!
  }
  ma /= n
  mb /= n
  let sab = 0
  let saa = 0
  let sbb = 0
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma
    const db = b[i]! - mb
    sab += da * db
    saa += da * da
    sbb += db * db
  }
  // Undefined when either side is constant.
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Number.NaN
}

function checkPair(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) {
    throw new ExplainInputError(`Cannot correlate ${a.length} values with ${b.length}`)
  }
}

/** Spearman's ρ (Pearson on average ranks); NaN when either side is constant. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkPair(a, b)
  if (a.length < 2) return Number.NaN
  return pearson(averageRanks(a), averageRanks(b))
}

/** Kendall's τ-b (tie-corrected), O(n²): fine for the few hundred players an explanation has. */
export function kendallTauB(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkPair(a, b)
  const n = a.length
  let concordant = 0
  let discordant = 0
  let tiesA = 0
  let tiesB = 0
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const da = Math.sign(a[i]! - a[j]!)
      const db = Math.sign(b[i]! - b[j]!)
      if (da === 0 && db === 0) continue
      if (da === 0) tiesA++
      else if (db === 0) tiesB++
      else if (da === db) concordant++
      else discordant++
    }
  }
  const denominator = Math.sqrt(
    (concordant + discordant + tiesA) * (concordant + discordant + tiesB)
  )
  return denominator > 0 ? (concordant - discordant) / denominator : Number.NaN
}
