/**
 * Trust checks that can fail for the sampling Shapley estimators (KernelSHAP,
 * TimeSHAP). Their additivity holds by construction — the efficiency
 * constraint hands the last player whatever remains — so it proves nothing.
 * What can be checked instead:
 * - agreement with exact Shapley values over the same players, when
 *   enumerating them is affordable (players ≤ MAX_EXACT_PLAYERS);
 * - the spread of the estimate across seeds against the standard errors the
 *   estimator reports, from a small re-run (SPREAD_SEEDS seeds, at most
 *   SPREAD_BUDGET coalitions each).
 * Values stay in the model's scaled units here; the record converts them.
 */
import {
  defaultKernelSamples,
  explain,
  gameFor,
  groupingFromPlayers,
  kernelSizePlan,
  planExplain,
  planShapleyExact,
  shapleyExact,
  type Attribution,
  type ExplainRequest,
  type PredictFn,
  type ProgressFn,
  type RunOptions
} from '../../../explain'
import { exactAffordable } from '../../../shared/explain-limits'
import { ERROR_BAR_Z } from '../../../shared/explanation-views'

/** Seeds of the spread re-run, and its budget of coalitions per run. */
export const SPREAD_SEEDS = 3
export const SPREAD_BUDGET = 256

export interface ExactAgreementRaw {
  players: number
  /** max |φ − φ_exact| and that over max |φ_exact| (scaled units for the first). */
  maxAbsDiff: number
  relative: number
  /** Share of players whose exact value lies within ±1.96 reported s.e. of the estimate. */
  withinErrors: number | null
}

export interface SeedSpreadRaw {
  seeds: number[]
  budget: number
  /** Pooled standard deviation of φ across the seeds. */
  spread: number
  /** Root mean square of the standard errors the runs reported. */
  reported: number
  /** spread / reported: about 1 when the standard errors are honest. */
  ratio: number
}

export interface StabilityRaw {
  exactAgreement: ExactAgreementRaw | null
  seedSpread: SeedSpreadRaw | null
}

function sampling(request: ExplainRequest): boolean {
  return request.method === 'kernelshap' || request.method === 'timeshap'
}

function budgetOf(request: ExplainRequest, players: number): number {
  const params =
    request.method === 'timeshap' ? request.params?.timeshap : request.params?.kernelshap
  return params?.nsamples ?? defaultKernelSamples(players)
}

/** The main run enumerates every coalition (KernelSHAP's exact mode): nothing to check. */
function enumerated(request: ExplainRequest, players: number): boolean {
  return (
    request.method === 'kernelshap' &&
    kernelSizePlan(players, budgetOf(request, players)).mode === 'exact'
  )
}

function spreadRequest(request: ExplainRequest, seed: number, players: number): ExplainRequest {
  const budget = Math.min(SPREAD_BUDGET, budgetOf(request, players))
  const key = request.method === 'timeshap' ? 'timeshap' : 'kernelshap'
  const { checks: _checks, ...rest } = request
  return { ...rest, seed, params: { ...request.params, [key]: { nsamples: budget } } }
}

function spreadSeeds(request: ExplainRequest): number[] {
  const base = request.seed ?? 42
  return Array.from({ length: SPREAD_SEEDS }, (_, i) => (base + 7919 * (i + 1)) % 2 ** 31)
}

/** Windows the stability checks will evaluate (an upper bound for TimeSHAP). */
export function planStability(request: ExplainRequest): number {
  if (!sampling(request)) return 0
  const game = gameFor(request)
  const players = game.grouping.players.length
  if (enumerated(request, players)) return 0
  let total = 0
  if (exactAffordable(players)) total += planShapleyExact(game).total
  for (const seed of spreadSeeds(request)) {
    total += planExplain(spreadRequest(request, seed, players)).total
  }
  return total
}

function rms(values: readonly number[]): number {
  if (values.length === 0) return 0
  return Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length)
}

/** Agreement of an estimate with the exact values over the same players. */
export function agreement(
  estimate: Attribution,
  exact: readonly number[]
): Omit<ExactAgreementRaw, 'players'> {
  let maxAbsDiff = 0
  let top = 0
  let within = 0
  estimate.values.forEach((v, i) => {
    const e = exact[i] ?? 0
    const d = Math.abs(v - e)
    maxAbsDiff = Math.max(maxAbsDiff, d)
    top = Math.max(top, Math.abs(e))
    const se = estimate.stderr?.[i] ?? 0
    if (d <= ERROR_BAR_Z * se + 1e-12 * Math.max(1, Math.abs(e))) within++
  })
  return {
    maxAbsDiff,
    relative: top > 0 ? maxAbsDiff / top : maxAbsDiff,
    withinErrors: estimate.stderr ? within / Math.max(1, estimate.values.length) : null
  }
}

/** Pooled spread across runs (same players) against their reported standard errors. */
export function seedSpread(
  runs: readonly Attribution[],
  seeds: number[],
  budget: number
): SeedSpreadRaw {
  const players = runs[0]?.values.length ?? 0
  const variances: number[] = []
  const errors: number[] = []
  for (let i = 0; i < players; i++) {
    const xs = runs.map((r) => r.values[i] ?? 0)
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    variances.push(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1))
    for (const r of runs) errors.push(r.stderr?.[i] ?? 0)
  }
  const spread = Math.sqrt(variances.reduce((s, v) => s + v, 0) / Math.max(1, players))
  const reported = rms(errors)
  return {
    seeds,
    budget,
    spread,
    reported,
    // JSON has no Infinity: errors of 0 with a spread read as the largest ratio.
    ratio: reported > 0 ? spread / reported : spread > 0 ? Number.MAX_VALUE : 1
  }
}

/**
 * Runs the checks for a finished estimate. Progress continues from `offset`
 * against `total` (the whole job's plan), so one bar covers everything.
 */
export async function runStability(
  request: ExplainRequest,
  result: Attribution,
  predict: PredictFn,
  options: RunOptions & { offset: number; total: number }
): Promise<StabilityRaw> {
  if (!sampling(request)) return { exactAgreement: null, seedSpread: null }
  const full = gameFor(request)
  const players = full.grouping.players.length
  if (enumerated(request, players)) return { exactAgreement: null, seedSpread: null }
  let done = options.offset
  const progress = (): ProgressFn => {
    const start = done
    return (d) => {
      done = start + d
      options.onProgress?.(Math.min(done, options.total), options.total)
    }
  }
  const base = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxBatch ? { maxBatch: options.maxBatch } : {})
  }
  let exactAgreement: ExactAgreementRaw | null = null
  // Decided on the full grouping, as the plan was; TimeSHAP's pruned players are compared as they are.
  if (exactAffordable(players)) {
    const game = {
      ...full,
      grouping: groupingFromPlayers(result.level, result.shape, result.players)
    }
    const exact = await shapleyExact(game, predict, { ...base, onProgress: progress() })
    exactAgreement = { players: result.players.length, ...agreement(result, exact.values) }
  }
  const seeds = spreadSeeds(request)
  const runs: Attribution[] = []
  for (const seed of seeds) {
    runs.push(
      await explain(spreadRequest(request, seed, players), predict, {
        ...base,
        onProgress: progress()
      })
    )
  }
  // TimeSHAP may prune differently per seed; only runs with the same players compare.
  const comparable = runs.filter((r) => r.values.length === runs[0]?.values.length)
  const budget = Math.min(SPREAD_BUDGET, budgetOf(request, players))
  return {
    exactAgreement,
    seedSpread: comparable.length >= 2 ? seedSpread(comparable, seeds, budget) : null
  }
}
