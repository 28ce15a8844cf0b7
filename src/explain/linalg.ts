/**
 * Small dense linear algebra in Float64 for the surrogate and KernelSHAP
 * regressions (at most a few hundred unknowns). Matrices are row-major.
 */

/** In-place Cholesky A = L·Lᵀ (lower triangle); false when A is not positive definite. */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!
    for (let k = 0; k < j; k++) d -= a[j * n + k]! ** 2
    if (!(d > 0)) return false
    const ljj = Math.sqrt(d)
    a[j * n + j] = ljj
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!
      a[i * n + j] = s / ljj
    }
  }
  return true
}

/** Solves L·Lᵀ·x = b given the factor from `cholesky`. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let s = b[i]!
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!
    y[i] = s / l[i * n + i]!
  }
  const x = new Float64Array(n)
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!
    x[i] = s / l[i * n + i]!
  }
  return x
}

/**
 * Solves the symmetric positive (semi-)definite system A·x = b. A singular
 * system (players that never vary) gets a growing diagonal jitter, which
 * picks the small-norm solution instead of failing.
 */
export function solveSpd(a: Float64Array, n: number, b: Float64Array): Float64Array {
  if (n === 0) return new Float64Array(0)
  let trace = 0
  for (let i = 0; i < n; i++) trace += Math.abs(a[i * n + i]!)
  const scale = trace > 0 ? trace / n : 1
  for (let jitter = 0; ; jitter = jitter === 0 ? scale * 1e-12 : jitter * 100) {
    const l = Float64Array.from(a)
    for (let i = 0; i < n; i++) l[i * n + i]! += jitter
    if (cholesky(l, n)) return choleskySolve(l, n, b)
    if (jitter > scale) throw new Error('Linear system is not positive semi-definite')
  }
}

/**
 * Accumulates the weighted normal equations Xᵀ·W·X and Xᵀ·W·y over `rows`
 * rows of X (rows × cols), skipping zero weights and zero entries: KernelSHAP
 * rows are mostly zeros, so this is O(nnz²) per row rather than O(cols²).
 */
export function normalEquations(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  rows: number,
  cols: number
): { xtx: Float64Array; xty: Float64Array } {
  const xtx = new Float64Array(cols * cols)
  const xty = new Float64Array(cols)
  const nz = new Int32Array(cols)
  for (let r = 0; r < rows; r++) {
    const wr = w[r]!
    if (wr === 0) continue
    const base = r * cols
    let count = 0
    for (let i = 0; i < cols; i++) if (x[base + i] !== 0) nz[count++] = i
    const wy = wr * y[r]!
    for (let a = 0; a < count; a++) {
      const i = nz[a]!
      const wxi = wr * x[base + i]!
      xty[i]! += x[base + i]! * wy
      for (let b = 0; b <= a; b++) {
        const j = nz[b]!
        xtx[i * cols + j]! += wxi * x[base + j]!
      }
    }
  }
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < i; j++) xtx[j * cols + i] = xtx[i * cols + j]!
  }
  return { xtx, xty }
}
