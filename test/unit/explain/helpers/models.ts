import type { Baseline, GradFn, Grouping, PredictFn } from '../../../../src/explain'
import { createRng } from '../../../../src/explain'

/** f(x) = Σ w·x + c, evaluated in Float64 before the Float32 output. */
export function linearModel(weights: ArrayLike<number>, bias = 0): PredictFn {
  const size = weights.length
  return async (batch, n) => {
    const out = new Float32Array(n)
    for (let i = 0; i < n; i++) {
      let s = bias
      for (let c = 0; c < size; c++) s += weights[c]! * batch[i * size + c]!
      out[i] = s
    }
    return out
  }
}

/** The gradient of the linear model: w for every window. */
export function linearGradient(weights: ArrayLike<number>): GradFn {
  const size = weights.length
  return async (_batch, n) => {
    const out = new Float32Array(n * size)
    for (let i = 0; i < n; i++) for (let c = 0; c < size; c++) out[i * size + c] = weights[c]!
    return out
  }
}

/** The closed form: a linear model's Shapley value of a group is Σ w·(x − mean baseline) over its cells. */
export function linearShapley(
  weights: ArrayLike<number>,
  x: Float32Array,
  baseline: Baseline,
  grouping: Grouping
): number[] {
  const size = x.length
  return grouping.cells.map((cells) => {
    let s = 0
    for (const c of cells) {
      let b = 0
      for (let r = 0; r < baseline.count; r++) b += baseline.windows[r * size + c]!
      s += weights[c]! * (x[c]! - b / baseline.count)
    }
    return s
  })
}

/** Wraps a model and counts the windows it is given. */
export function counting(predict: PredictFn): {
  predict: PredictFn
  windows: () => number
  calls: () => number
} {
  let windows = 0
  let calls = 0
  return {
    predict: async (batch, n) => {
      windows += n
      calls++
      return predict(batch, n)
    },
    windows: () => windows,
    calls: () => calls
  }
}

export function randomArray(seed: number, length: number, scale = 1): Float32Array {
  const rng = createRng(seed)
  return Float32Array.from({ length }, () => scale * rng.normal())
}
