import { describe, expect, it } from 'vitest'
import { averageRanks, kendallTauB, spearman } from '../../../src/explain'

describe('rank correlation', () => {
  it('gives average ranks to ties', () => {
    expect(Array.from(averageRanks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1])
  })

  it('gives ±1 for monotone relations and the textbook value otherwise', () => {
    expect(spearman([1, 2, 3, 4], [10, 100, 1000, 10_000])).toBeCloseTo(1, 14)
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 14)
    // Ranks [1..5] vs [2,1,4,3,5]: Σd² = 4, ρ = 1 − 6·4 / (5·24) = 0.8.
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 14)
    // With ties: scipy.stats.spearmanr([1,2,2,3],[1,3,2,4]) = 0.9486832980505138.
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(0.9486832980505138, 12)
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN()
  })

  it('computes Kendall τ-b', () => {
    // 10 pairs, 8 concordant, 2 discordant → 0.6.
    expect(kendallTauB([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.6, 14)
    // scipy.stats.kendalltau([1,2,2,3],[1,3,2,4]) = 0.9128709291752769.
    expect(kendallTauB([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(0.9128709291752769, 12)
  })

  it('rejects arrays of different lengths', () => {
    expect(() => spearman([1, 2], [1, 2, 3])).toThrow()
  })
})
