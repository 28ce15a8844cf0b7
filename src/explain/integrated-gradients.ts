import { buildAttribution } from './attribution'
import type { Game } from './coalition-game'
import { anchorValues, anchorWindows } from './coalition-game'
import { ExplainInputError } from './errors'
import { gaussLegendre, trapezoid } from './gauss-legendre'
import { sumCells } from './grouping'
import type { MethodContext } from './method-context'
import { createContext, plan } from './method-context'
import type {
  Attribution,
  GradFn,
  ModelCallPlan,
  PredictFn,
  QuadratureRule,
  RunOptions
} from './types'

/**
 * Integrated Gradients from each background row b to x:
 * (x − b) ⊙ ∫₀¹ ∇f(b + α(x − b)) dα, averaged over rows, per cell; groups sum their cells.
 */
export interface IgOptions {
  /** Gradient points on the path per background row (default 50, as Captum). */
  readonly steps?: number
  /** Default 'gauss-legendre' (as Captum). */
  readonly rule?: QuadratureRule
}

function settings(options: IgOptions): { steps: number; rule: QuadratureRule } {
  const steps = options.steps ?? 50
  const rule = options.rule ?? 'gauss-legendre'
  const least = rule === 'trapezoid' ? 2 : 1
  if (!Number.isInteger(steps) || steps < least) {
    throw new ExplainInputError(`IG with ${rule} needs an integer steps ≥ ${least}, got ${steps}`)
  }
  return { steps, rule }
}

export function planIntegratedGradients(game: Game, options: IgOptions = {}): ModelCallPlan {
  const { steps } = settings(options)
  return plan([
    { name: 'f(x), f(baseline)', model: 'predict', windows: anchorWindows(game) },
    { name: 'path gradients', model: 'gradient', windows: steps * game.baseline.count }
  ])
}

export async function runIntegratedGradients(
  game: Game,
  ctx: MethodContext,
  options: IgOptions = {}
): Promise<Attribution> {
  const startedAt = Date.now()
  const before = ctx.meter.done
  const gradient = ctx.gradient
  if (gradient === undefined) {
    throw new ExplainInputError('Integrated Gradients needs a gradient function from the model')
  }
  const { steps, rule } = settings(options)
  const { nodes, weights } = rule === 'trapezoid' ? trapezoid(steps) : gaussLegendre(steps)
  const { x, baseline } = game
  const size = x.length
  const rows = baseline.count
  const { prediction, baselinePrediction } = await anchorValues(game, ctx.model)

  const cells = new Float64Array(size)
  const total = rows * steps
  const chunk = Math.min(gradient.maxBatch, total)
  const buffer = new Float32Array(chunk * size)
  for (let start = 0; start < total; start += chunk) {
    const count = Math.min(chunk, total - start)
    for (let i = 0; i < count; i++) {
      const row = Math.floor((start + i) / steps)
      const alpha = nodes[(start + i) % steps]!
      const b = baseline.windows.subarray(row * size, (row + 1) * size)
      for (let c = 0; c < size; c++) buffer[i * size + c] = b[c]! + alpha * (x[c]! - b[c]!)
    }
    const grads = await gradient.run(buffer.subarray(0, count * size), count)
    for (let i = 0; i < count; i++) {
      const row = Math.floor((start + i) / steps)
      const w = weights[(start + i) % steps]! / rows
      const b = baseline.windows.subarray(row * size, (row + 1) * size)
      for (let c = 0; c < size; c++) cells[c]! += w * (x[c]! - b[c]!) * grads[i * size + c]!
    }
  }
  let sum = 0
  for (const a of cells) sum += a
  return buildAttribution({
    method: 'ig',
    game,
    values: sumCells(game.grouping, cells),
    cellValues: cells,
    prediction,
    baselinePrediction,
    modelCalls: ctx.meter.done - before,
    seed: ctx.seed,
    extra: {
      integratedGradients: {
        completenessGap: sum - (prediction - baselinePrediction),
        rule,
        steps
      }
    },
    startedAt
  })
}

/** Integrated Gradients; the completeness gap says how well `steps` resolved the path. */
export async function integratedGradients(
  game: Game,
  predict: PredictFn,
  gradient: GradFn,
  options: IgOptions & RunOptions & { readonly seed?: number } = {}
): Promise<Attribution> {
  const ctx = createContext(
    game,
    predict,
    options,
    planIntegratedGradients(game, options),
    gradient
  )
  return runIntegratedGradients(game, ctx, options)
}
