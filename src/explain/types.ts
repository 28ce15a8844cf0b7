/**
 * A model as a batched function: `batch` holds `n` windows of shape [T, F]
 * laid out row-major (window, time step, feature). Returns `n` outputs.
 * Explainers call it with thousands of perturbed windows at once.
 */
export type PredictFn = (batch: Float32Array, n: number) => Promise<Float32Array>

/** Shape of one input window: T time steps × F features. */
export interface WindowShape {
  readonly steps: number
  readonly features: number
}
