import { normalEquations, solveSpd } from './linalg'

export interface RidgeFit {
  readonly intercept: number
  readonly coefficients: Float64Array
  /** Weighted R² of the fit on its own samples: the surrogate's fidelity. */
  readonly r2: number
}

/**
 * Weighted ridge regression y ≈ intercept + X·β with an unpenalised intercept
 * (as scikit-learn's Ridge, which LIME uses): centre by weighted means, then
 * solve (XcᵀWXc + λI)β = XcᵀWyc.
 */
export function weightedRidge(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  rows: number,
  cols: number,
  lambda: number
): RidgeFit {
  let wsum = 0
  let ymean = 0
  const xmean = new Float64Array(cols)
  for (let r = 0; r < rows; r++) {
    const wr = w[r]!
    wsum += wr
    ymean += wr * y[r]!
    for (let j = 0; j < cols; j++) xmean[j]! += wr * x[r * cols + j]!
  }
  ymean /= wsum
  for (let j = 0; j < cols; j++) xmean[j]! /= wsum
  const xc = new Float64Array(rows * cols)
  const yc = new Float64Array(rows)
  for (let r = 0; r < rows; r++) {
    yc[r] = y[r]! - ymean
    for (let j = 0; j < cols; j++) xc[r * cols + j] = x[r * cols + j]! - xmean[j]!
  }
  const { xtx, xty } = normalEquations(xc, yc, w, rows, cols)
  for (let j = 0; j < cols; j++) xtx[j * cols + j]! += lambda
  const coefficients = solveSpd(xtx, cols, xty)
  let intercept = ymean
  for (let j = 0; j < cols; j++) intercept -= xmean[j]! * coefficients[j]!

  let ssRes = 0
  let ssTot = 0
  for (let r = 0; r < rows; r++) {
    let fit = 0
    for (let j = 0; j < cols; j++) fit += xc[r * cols + j]! * coefficients[j]!
    ssRes += w[r]! * (yc[r]! - fit) ** 2
    ssTot += w[r]! * yc[r]! ** 2
  }
  // A constant target is fitted perfectly by the intercept.
  const r2 = ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0
  return { intercept, coefficients, r2 }
}
