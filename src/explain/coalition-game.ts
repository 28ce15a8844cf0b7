import type { Baseline } from './baselines'
import { ExplainInputError } from './errors'
import type { Grouping } from './grouping'
import { writeMaskedWindow } from './masking'
import type { BatchedModel } from './model-runner'

/** The window to explain, what "absent" means, and who the players are. */
export interface Game {
  readonly x: Float32Array
  readonly baseline: Baseline
  readonly grouping: Grouping
}

export function checkGame(game: Game): void {
  const { steps, features } = game.grouping.shape
  const size = steps * features
  if (game.x.length !== size) {
    throw new ExplainInputError(
      `Window has ${game.x.length} values; shape ${steps}×${features} needs ${size}`
    )
  }
  const b = game.baseline.shape
  if (b.steps !== steps || b.features !== features) {
    throw new ExplainInputError(
      `Baseline shape ${b.steps}×${b.features} does not match the window's ${steps}×${features}`
    )
  }
}

/** Windows evaluated for `coalitions` coalitions: one per background row each. */
export function gameWindows(game: Game, coalitions: number): number {
  return coalitions * game.baseline.count
}

/**
 * v(S) for `k` coalitions given as a k × M 0/1 mask: the model's mean output
 * over background rows with absent players' cells taken from each row.
 * Windows are built one model call at a time, so memory stays at maxBatch windows.
 */
export async function coalitionValues(
  game: Game,
  model: BatchedModel,
  masks: Uint8Array,
  k: number
): Promise<Float64Array> {
  const m = game.grouping.cells.length
  const rows = game.baseline.count
  const size = game.x.length
  const total = k * rows
  const sums = new Float64Array(k)
  const chunk = Math.min(model.maxBatch, Math.max(total, 1))
  const buffer = new Float32Array(chunk * size)
  for (let start = 0; start < total; start += chunk) {
    const count = Math.min(chunk, total - start)
    for (let i = 0; i < count; i++) {
      const w = start + i
      const coalition = Math.floor(w / rows)
      const row = w - coalition * rows
      writeMaskedWindow(
        buffer,
        i * size,
        game.x,
        game.baseline,
        row,
        game.grouping,
        masks,
        coalition * m
      )
    }
    const out = await model.run(buffer.subarray(0, count * size), count)
    for (let i = 0; i < count; i++) sums[Math.floor((start + i) / rows)]! += out[i]!
  }
  for (let c = 0; c < k; c++) sums[c]! /= rows
  return sums
}

/** Windows `anchorValues` evaluates: x once, then every background row. */
export function anchorWindows(game: Game): number {
  return 1 + game.baseline.count
}

/** f(x) and f(baseline), the two ends of every attribution. */
export async function anchorValues(
  game: Game,
  model: BatchedModel
): Promise<{ prediction: number; baselinePrediction: number }> {
  const { x, baseline } = game
  const batch = new Float32Array(x.length * (1 + baseline.count))
  batch.set(x, 0)
  batch.set(baseline.windows, x.length)
  const out = await model.run(batch, 1 + baseline.count)
  let sum = 0
  for (let r = 1; r <= baseline.count; r++) sum += out[r]!
  return { prediction: out[0]!, baselinePrediction: sum / baseline.count }
}
