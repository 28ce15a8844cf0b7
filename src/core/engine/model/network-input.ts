import * as tf from '@tensorflow/tfjs'

/**
 * How the network sees a window. A change model's network sees the target
 * column relative to the window's last value (scaled x_t − x_last, so the
 * last step reads 0), never the level itself: a trending series' later levels
 * lie beyond anything in training, where recurrent cells saturate and the
 * predicted change degrades (monthly CO2, window 48, h = 1: test RMSE 0.80
 * with levels in, 0.44 with relative inputs; naive 1.39). Everything outside
 * the network — explanations, what-ifs, counterfactuals, baselines — keeps
 * working on the absolute scaled window: the model is f(x) = net(R x) with R
 * linear, so attributions still add up and gradients flow through R.
 *
 * The convention travels with the model object: marked where a run's model
 * is built or loaded (runs record it as `relativeTarget` in run.json; runs
 * from before have absolute inputs), read wherever the network runs.
 */
const RELATIVE = new WeakSet<tf.LayersModel>()

export function setRelativeTarget<M extends tf.LayersModel>(model: M, relative: boolean): M {
  if (relative) RELATIVE.add(model)
  else RELATIVE.delete(model)
  return model
}

export function hasRelativeTarget(model: tf.LayersModel): boolean {
  return RELATIVE.has(model)
}

/** The network's input for n windows (n × steps × features, row-major): `batch` itself, or a relative copy. */
export function toNetworkInput(
  model: tf.LayersModel,
  batch: Float32Array,
  n: number,
  steps: number,
  features: number
): Float32Array {
  if (!RELATIVE.has(model)) return batch
  const out = batch.slice(0, n * steps * features)
  for (let w = 0; w < n; w++) {
    const base = w * steps * features
    const last = out[base + (steps - 1) * features]!
    for (let t = 0; t < steps; t++) out[base + t * features]! -= last
  }
  return out
}

/** The same as a tensor op, so gradients with respect to the absolute window pass through it. */
export function networkInputTensor(model: tf.LayersModel, x: tf.Tensor3D): tf.Tensor3D {
  if (!RELATIVE.has(model)) return x
  const [, steps = 0, features = 0] = x.shape
  const last = x.slice([0, steps - 1, 0], [-1, 1, 1])
  const mask = tf.tensor3d(
    Array.from({ length: features }, (_, f) => (f === 0 ? 1 : 0)),
    [1, 1, features]
  )
  return x.sub(last.mul(mask))
}
