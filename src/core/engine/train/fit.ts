import * as tf from '@tensorflow/tfjs'
import type { EpochRecord } from '../../../shared/domain'
import type { ModelConfig } from '../../../shared/model-config'
import { UserFacingError } from '../../errors'
import type { WindowSet } from '../data/prepare'
import { toNetworkInput } from '../model/network-input'
import { fusedTrainStep, kernelPathOf, type TrainStep } from '../../kernels'
import { predictAll } from '../model/predict-all'
import { createRng, permutation } from '../../../explain'
import { Throttle } from './throttle'

export interface BatchProgress {
  epoch: number
  epochs: number
  batch: number
  batches: number
  batchLoss: number
  windowsPerSecond: number
  etaSeconds: number | null
}

/** Where a resumed run continues: its epochs so far and its best epoch. */
export interface FitStart {
  history: EpochRecord[]
  /** The best epoch so far; `weights` (owned by fitModel from here on) for restoring it. */
  best: { epoch: number; loss: number; weights: tf.Tensor[] | null }
}

export type CheckpointKind = 'best' | 'last'

export interface FitHooks {
  /** Checked before every batch: cancel stops within one batch. */
  readonly signal?: { readonly aborted: boolean }
  onBatch?(progress: BatchProgress): void
  onEpoch?(record: EpochRecord): void | Promise<void>
  now?: () => number
  /** Minimum ms between onBatch calls (default 100: at most ~10 a second). */
  progressIntervalMs?: number
  /** Continue a run from its checkpoint instead of epoch 1. */
  start?: FitStart
  /**
   * Save the model's weights now: after every epoch ('last', where a resumed
   * run continues) and when the monitored loss improves ('best').
   */
  checkpoint?(kind: CheckpointKind, meta: { epoch: number; loss: number }): Promise<void>
}

export interface FitResult {
  history: EpochRecord[]
  cancelled: boolean
  stoppedEarly: boolean
  /** Epoch whose weights the model holds at the end (1-based). */
  bestEpoch: number
  windowsPerSecond: number
  seconds: number
}

/**
 * The training loop. Written out instead of model.fit so that shuffling is
 * seeded, cancel lands between batches, a NaN loss stops the run at once, and
 * early stopping can restore the best weights.
 */
export async function fitModel(
  model: tf.LayersModel,
  data: { train: WindowSet; validation: WindowSet; steps: number; features: number },
  config: ModelConfig,
  hooks: FitHooks = {}
): Promise<FitResult> {
  const now = hooks.now ?? (() => performance.now())
  const throttle = new Throttle(hooks.progressIntervalMs ?? 100, now)
  const { train, validation, steps, features } = data
  const batchSize = Math.min(config.batchSize, train.n)
  const batches = Math.ceil(train.n / batchSize)
  const rng = createRng(config.seed ^ 0x5eed)
  const history: EpochRecord[] = [...(hooks.start?.history ?? [])]
  const firstEpoch = history.length + 1
  // The same shuffles as an uninterrupted run: draw the orders of the epochs already done.
  for (let e = 1; e < firstEpoch; e++) permutation(rng, train.n)
  const started = now()
  let windowsSeen = 0
  let best = hooks.start?.best ?? { loss: Infinity, epoch: 0, weights: null as tf.Tensor[] | null }
  let sinceBest = history.length - best.epoch
  // Early stopping guards against overfitting. A model whose training loss has not yet left
  // the no-skill level (predicting the labels' mean, whose loss is their variance) has fit
  // nothing: recurrent stacks often sit there for some epochs before they learn, so early
  // stopping waits until the training loss has dropped below it.
  const learnedBelow = NO_SKILL_SHARE * labelVariance(train)
  let learned = history.some((h) => h.loss < learnedBelow)
  let cancelled = false
  let stoppedEarly = false
  // The whole step in the kernels where the model allows it; trainOnBatch otherwise.
  const fused = fusedTrainStep(model)
  const step = typeof fused === 'string' ? null : fused

  try {
    for (let epoch = firstEpoch; epoch <= config.epochs && !cancelled && !stoppedEarly; epoch++) {
      const epochStart = now()
      const order = permutation(rng, train.n)
      let lossSum = 0
      let lossCount = 0
      for (let b = 0; b < batches; b++) {
        // Let queued messages (cancel) in: trainOnBatch alone never yields to the event loop.
        await new Promise<void>((resolve) => setImmediate(resolve))
        if (hooks.signal?.aborted) {
          cancelled = true
          break
        }
        const idx = order.subarray(b * batchSize, Math.min((b + 1) * batchSize, train.n))
        const loss = await trainBatch(model, step, train, idx, steps, features)
        if (!Number.isFinite(loss)) {
          throw new UserFacingError(
            'non-finite-loss',
            `Training stopped: the loss became ${loss} at epoch ${epoch}, batch ${b + 1}. The learning rate (${config.learningRate}) is probably too high for this data; try 10× lower, or check the data for extreme values.`,
            {
              params: { loss: String(loss), epoch, batch: b + 1, learningRate: config.learningRate }
            }
          )
        }
        lossSum += loss * idx.length
        lossCount += idx.length
        windowsSeen += idx.length
        if (hooks.onBatch && (throttle.ready() || b === batches - 1)) {
          const elapsed = (now() - started) / 1000
          const rate = elapsed > 0 ? windowsSeen / elapsed : 0
          const remaining = (config.epochs - epoch) * train.n + (train.n - (b + 1) * batchSize)
          hooks.onBatch({
            epoch,
            epochs: config.epochs,
            batch: b + 1,
            batches,
            batchLoss: loss,
            windowsPerSecond: rate,
            etaSeconds: rate > 0 ? Math.max(0, remaining) / rate : null
          })
        }
      }
      if (cancelled && lossCount === 0) break
      if (cancelled) break // a partial epoch is not an epoch: keep the last complete one
      const valLoss =
        validation.n > 0 ? await evaluateLoss(model, validation, steps, features) : null
      const record: EpochRecord = {
        epoch,
        loss: lossSum / lossCount,
        valLoss,
        seconds: (now() - epochStart) / 1000
      }
      if (valLoss !== null && !Number.isFinite(valLoss)) {
        throw new UserFacingError(
          'non-finite-loss',
          `Training stopped: the validation loss became ${valLoss} at epoch ${epoch}.`
        )
      }
      history.push(record)
      await hooks.onEpoch?.(record)
      if (record.loss < learnedBelow) learned = true

      const monitored = valLoss ?? record.loss
      await hooks.checkpoint?.('last', { epoch, loss: monitored })
      if (monitored < best.loss) {
        await hooks.checkpoint?.('best', { epoch, loss: monitored })
        best.weights?.forEach((w) => w.dispose())
        best = {
          loss: monitored,
          epoch,
          weights:
            config.earlyStopping.enabled && config.earlyStopping.restoreBestWeights
              ? model.getWeights().map((w) => w.clone())
              : null
        }
        sinceBest = 0
      } else {
        sinceBest += 1
        if (config.earlyStopping.enabled && sinceBest >= config.earlyStopping.patience && learned) {
          stoppedEarly = true
        }
      }
    }
    let bestEpoch = history.length
    // Also when every epoch ran: an overfit run keeps its best epoch, not its last.
    const trainedNow = history.length >= firstEpoch
    if (best.weights && !cancelled && trainedNow && best.epoch !== history.length) {
      model.setWeights(best.weights)
      bestEpoch = best.epoch
    }
    const seconds = (now() - started) / 1000
    return {
      history,
      cancelled,
      stoppedEarly,
      bestEpoch,
      windowsPerSecond: seconds > 0 ? windowsSeen / seconds : 0,
      seconds
    }
  } finally {
    best.weights?.forEach((w) => w.dispose())
  }
}

async function trainBatch(
  model: tf.LayersModel,
  step: TrainStep | null,
  set: WindowSet,
  idx: Int32Array,
  steps: number,
  features: number
): Promise<number> {
  if (step) {
    const { x, y } = gatherHost(model, set, idx, steps, features)
    return step.run(x, y, idx.length)
  }
  const { xs, ys } = gather(model, set, idx, steps, features)
  try {
    const out = await model.trainOnBatch(xs, ys)
    return Array.isArray(out) ? out[0]! : out
  } finally {
    xs.dispose()
    ys.dispose()
  }
}

function gather(
  model: tf.LayersModel,
  set: WindowSet,
  idx: Int32Array,
  steps: number,
  features: number
): { xs: tf.Tensor3D; ys: tf.Tensor2D } {
  const { x, y } = gatherHost(model, set, idx, steps, features)
  return {
    xs: tf.tensor3d(x, [idx.length, steps, features]),
    ys: tf.tensor2d(y, [idx.length, set.outputs])
  }
}

/** The batch's windows (as the network sees them) and labels, on the host. */
function gatherHost(
  model: tf.LayersModel,
  set: WindowSet,
  idx: Int32Array,
  steps: number,
  features: number
): { x: Float32Array; y: Float32Array } {
  const size = steps * features
  const outputs = set.outputs
  const x = new Float32Array(idx.length * size)
  const y = new Float32Array(idx.length * outputs)
  for (let i = 0; i < idx.length; i++) {
    const w = idx[i]!
    x.set(set.x.subarray(w * size, (w + 1) * size), i * size)
    y.set(set.y.subarray(w * outputs, (w + 1) * outputs), i * outputs)
  }
  return { x: toNetworkInput(model, x, idx.length, steps, features), y }
}

/** A training loss below this share of the no-skill loss counts as having learned something. */
export const NO_SKILL_SHARE = 0.99

/** The no-skill MSE: each output's label variance (the loss of predicting its mean), averaged. */
export function labelVariance(set: WindowSet): number {
  if (set.n === 0) return 0
  let total = 0
  for (let k = 0; k < set.outputs; k++) {
    let sum = 0
    let squares = 0
    for (let i = 0; i < set.n; i++) {
      const y = set.y[i * set.outputs + k]!
      sum += y
      squares += y * y
    }
    const mean = sum / set.n
    total += squares / set.n - mean * mean
  }
  return total / set.outputs
}

/** Mean squared error over a window set (every output of every window). */
export async function evaluateLoss(
  model: tf.LayersModel,
  set: WindowSet,
  steps: number,
  features: number
): Promise<number> {
  const predictions = await predictWindows(model, set.x, set.n, steps, features)
  const total = set.n * set.outputs
  let sum = 0
  for (let i = 0; i < total; i++) sum += (predictions[i]! - set.y[i]!) ** 2
  return sum / total
}

/** Model outputs (scaled, n × outputs) for n windows, on the model's kernel path. */
export function predictWindows(
  model: tf.LayersModel,
  x: Float32Array,
  n: number,
  steps: number,
  features: number
): Promise<Float32Array> {
  return predictAll(model, steps, features, kernelPathOf(model))(x, n)
}
