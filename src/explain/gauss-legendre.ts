/**
 * Gauss–Legendre nodes and weights on [0, 1], by Newton's method on the
 * Legendre polynomial (exact for polynomials of degree < 2n).
 */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n)
  const weights = new Float64Array(n)
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5))
    let derivative = 0
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1
      let p1 = x
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k
        p0 = p1
        p1 = p2
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1)
      const dx = p1 / derivative
      x -= dx
      if (Math.abs(dx) < 1e-15) break
    }
    const w = 2 / ((1 - x * x) * derivative * derivative)
    // Map [−1, 1] to [0, 1]: node (1 ± x)/2, weight w/2.
    nodes[i] = (1 - x) / 2
    nodes[n - 1 - i] = (1 + x) / 2
    weights[i] = w / 2
    weights[n - 1 - i] = w / 2
  }
  return { nodes, weights }
}

/** Trapezoid rule with n ≥ 2 equally spaced points on [0, 1], ends included. */
export function trapezoid(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n)
  const weights = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    nodes[i] = i / (n - 1)
    weights[i] = (i === 0 || i === n - 1 ? 0.5 : 1) / (n - 1)
  }
  return { nodes, weights }
}
