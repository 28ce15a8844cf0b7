import { describe, expect, it } from 'vitest'
import { gaussLegendre, solveSpd, trapezoid, weightedRidge } from '../../../src/explain'

describe('solveSpd', () => {
  it('solves a small SPD system', () => {
    // A = [[4, 2], [2, 3]], x = [1, −2] → b = [0, −4]
    const x = solveSpd(Float64Array.from([4, 2, 2, 3]), 2, Float64Array.from([0, -4]))
    expect(x[0]).toBeCloseTo(1, 12)
    expect(x[1]).toBeCloseTo(-2, 12)
  })

  it('returns a solution of a singular but consistent system', () => {
    // Rank one: [[1, 1], [1, 1]] x = [2, 2].
    const x = solveSpd(Float64Array.from([1, 1, 1, 1]), 2, Float64Array.from([2, 2]))
    expect(x[0]! + x[1]!).toBeCloseTo(2, 6)
  })
})

describe('weightedRidge', () => {
  it('recovers an exact linear relation with R² = 1 and no penalty', () => {
    const rows = 6
    const x = Float64Array.from([0, 0, 1, 0, 0, 1, 1, 1, 2, 1, 1, 3])
    const y = Float64Array.from({ length: rows }, (_, r) => 5 + 2 * x[2 * r]! - 3 * x[2 * r + 1]!)
    const w = Float64Array.from([1, 2, 1, 0.5, 3, 1])
    const fit = weightedRidge(x, y, w, rows, 2, 0)
    expect(fit.intercept).toBeCloseTo(5, 10)
    expect(fit.coefficients[0]).toBeCloseTo(2, 10)
    expect(fit.coefficients[1]).toBeCloseTo(-3, 10)
    expect(fit.r2).toBeCloseTo(1, 12)
  })

  it('matches the closed-form weighted fit with one predictor and a penalty', () => {
    // β = Σw(x−x̄)(y−ȳ) / (Σw(x−x̄)² + λ) with weighted means.
    const x = Float64Array.from([0, 1, 2, 3])
    const y = Float64Array.from([1, 3, 2, 5])
    const w = Float64Array.from([1, 1, 2, 1])
    const wsum = 5
    const xm = (0 + 1 + 4 + 3) / wsum
    const ym = (1 + 3 + 4 + 5) / wsum
    let sxy = 0
    let sxx = 0
    for (let i = 0; i < 4; i++) {
      sxy += w[i]! * (x[i]! - xm) * (y[i]! - ym)
      sxx += w[i]! * (x[i]! - xm) ** 2
    }
    const fit = weightedRidge(x, y, w, 4, 1, 0.7)
    expect(fit.coefficients[0]).toBeCloseTo(sxy / (sxx + 0.7), 12)
    expect(fit.intercept).toBeCloseTo(ym - xm * (sxy / (sxx + 0.7)), 12)
    expect(fit.r2).toBeLessThan(1)
  })
})

describe('quadrature', () => {
  it('Gauss–Legendre with n nodes integrates degree 2n−1 exactly on [0, 1]', () => {
    for (const n of [1, 2, 3, 5, 8]) {
      const { nodes, weights } = gaussLegendre(n)
      const degree = 2 * n - 1
      let s = 0
      nodes.forEach((x, i) => (s += weights[i]! * x ** degree))
      expect(s).toBeCloseTo(1 / (degree + 1), 12)
    }
    expect(Array.from(gaussLegendre(2).nodes)).toEqual([
      expect.closeTo(0.5 - 0.5 / Math.sqrt(3), 14),
      expect.closeTo(0.5 + 0.5 / Math.sqrt(3), 14)
    ])
  })

  it('trapezoid weights sum to one and integrate linear functions exactly', () => {
    const { nodes, weights } = trapezoid(4)
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14)
    let s = 0
    nodes.forEach((x, i) => (s += weights[i]! * (3 * x + 1)))
    expect(s).toBeCloseTo(2.5, 14)
  })
})
