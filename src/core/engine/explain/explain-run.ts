import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type * as tf from '@tensorflow/tfjs'
import {
  backgroundBaseline,
  cellGrouping,
  createRng,
  defaultKernelSamples,
  explain,
  gameFor,
  kernelSizePlan,
  lastValueBaseline,
  meanBaseline,
  medianBaseline,
  planExplain,
  projectToGrouping,
  timeGrouping,
  zerosBaseline,
  type Attribution,
  type BaselineSource,
  type ExplainParams,
  type ExplainRequest,
  type ProgressFn
} from '../../../explain'
import {
  EXPLANATION_SCHEMA_VERSION,
  withQuantity,
  type ExplainedQuantity,
  type ExplainedWindow,
  type ExplainJob,
  type ExplainPlan,
  type ExplanationRecord,
  type ValuesKind
} from '../../../shared/explanation'
import { MODEL_DIR, readRunFile, type RunFile } from '../../runs/run-store'
import { loadModel } from '../../runs/model-io'
import { convertModel, type KernelPath } from '../../kernels'
import { UserFacingError } from '../../errors'
import { readCsv } from '../data/csv-reader'
import { prepareData, type PreparedData } from '../data/prepare'
import { explainedMap } from '../data/output-map'
import { timeLabel, type Table } from '../data/table'
import { gradFnFor, predictFnFor, randomiseWeights } from './model-fns'
import { hasRelativeTarget, setRelativeTarget } from '../model/network-input'
import { explainedStep, intervalsAround, stepTargetRow, type ExplainedStep } from './explained-step'
import { planStability, runStability, type StabilityRaw } from './stability'

/** A trained run, ready to be explained: its model, its data re-windowed as at training time. */
export interface LoadedRun {
  run: RunFile
  model: tf.LayersModel
  data: PreparedData
  table: Table
  kernels: KernelPath
}

export async function loadRunForExplain(
  runDir: string,
  kernels: KernelPath = 'stock'
): Promise<LoadedRun> {
  const run = await readRunFile(runDir).catch(() => {
    throw new UserFacingError(
      'unknown-run',
      `${runDir} is not a Hindsight run folder (no readable run.json).`
    )
  })
  if (run.evaluation === null) {
    throw new UserFacingError(
      'run-not-trained',
      `Run ${run.id} has no trained model (status: ${run.status}).`
    )
  }
  const table = await readCsv(run.dataset.path, run.dataset.name, {
    ...run.data.import,
    timeColumn: run.data.timeColumn
  })
  const data = prepareData(table, run.data)
  // The data must be what the model was trained on; a changed file would explain nonsense.
  const changed =
    (run.scaler && JSON.stringify(run.scaler) !== JSON.stringify(data.scaler)) ||
    (run.output && JSON.stringify(run.output) !== JSON.stringify(data.output))
  if (changed) {
    throw new UserFacingError(
      'dataset-changed',
      `${run.dataset.name} changed since run ${run.id} was trained: its training part no longer matches. Retrain to explain it.`,
      { file: run.dataset.name }
    )
  }
  const stock = await loadModel(join(runDir, MODEL_DIR))
  // Saved models load with stock layers; on the fused path, gradients run in the kernels too.
  const model = kernels === 'fused' ? await convertModel(stock, 'fused') : stock
  if (model !== stock) stock.dispose()
  setRelativeTarget(model, run.relativeTarget === true)
  return { run, model, data, table, kernels }
}

function paramsFor(job: ExplainJob): ExplainParams {
  const n = job.samples
  return {
    kernelshap: n === undefined ? {} : { nsamples: n },
    timeshap: n === undefined ? {} : { nsamples: n },
    lime: n === undefined ? {} : { nsamples: n },
    ig: n === undefined ? {} : { steps: n },
    occlusion: {
      ...(job.occlusionWindow === undefined ? {} : { window: job.occlusionWindow }),
      ...(job.occlusionStride === undefined ? {} : { stride: job.occlusionStride })
    }
  }
}

function baselineFor(job: ExplainJob, data: PreparedData): BaselineSource {
  const shape = { steps: data.steps, features: data.features }
  const { x, n } = data.train
  switch (job.baseline) {
    case 'mean':
      return meanBaseline(x, n, shape)
    case 'median':
      return medianBaseline(x, n, shape)
    case 'zeros':
      return zerosBaseline(shape)
    case 'last':
      return (window: Float32Array) => lastValueBaseline(window, shape)
    case 'background':
      return backgroundBaseline(x, n, shape, job.backgroundSize, createRng(job.seed ^ 0xba5e))
    default:
      throw new Error(`Unknown baseline ${String(job.baseline satisfies never)}`)
  }
}

export function requestFor(job: ExplainJob, loaded: LoadedRun): ExplainRequest {
  const { data } = loaded
  if (job.index >= data.test.n) {
    throw new UserFacingError(
      'bad-index',
      `Test window ${job.index} does not exist: this run has ${data.test.n} test windows (0–${data.test.n - 1}).`
    )
  }
  const size = data.steps * data.features
  return {
    method: job.method,
    level: job.level,
    window: data.test.x.slice(job.index * size, (job.index + 1) * size),
    shape: { steps: data.steps, features: data.features },
    baseline: baselineFor(job, data),
    featureNames: data.columns,
    seed: job.seed,
    params: paramsFor(job),
    ...(job.checks || job.randomisation
      ? { checks: { deletion: job.checks, randomisation: job.randomisation } }
      : {})
  }
}

function valuesKind(request: ExplainRequest): ValuesKind {
  switch (request.method) {
    case 'exact':
      return 'exact'
    case 'kernelshap': {
      const players = gameFor(request).grouping.players.length
      const budget = request.params?.kernelshap?.nsamples ?? defaultKernelSamples(players)
      return kernelSizePlan(players, budget).mode === 'exact' ? 'exact' : 'sampled'
    }
    case 'timeshap':
      return 'sampled'
    default:
      return 'approximate'
  }
}

/**
 * Windows the explanation will evaluate, known before it runs (`exact`: false
 * when the count is an upper bound), and what kind of values it gives.
 */
export function planRunExplanation(job: ExplainJob, loaded: LoadedRun): ExplainPlan {
  const request = requestFor(job, loaded)
  const { step } = explainedStep(loaded.data, job.step)
  const plan = planExplain(request)
  const extra = job.checks ? planStability(request) : 0
  return {
    total: plan.total + extra,
    exact: plan.exact,
    values: valuesKind(request),
    window: {
      ...windowRows(loaded, job.index),
      targetTime: targetTimeOf(loaded, job.index, step),
      features: [...loaded.data.columns]
    }
  }
}

/** The rows of test window `index` with their dates, in original units: what the record and the plan show. */
export function windowRows({ data, run, table }: LoadedRun, index: number): ExplainedWindow {
  const targetRow = data.test.targetRows[index]!
  const firstRow = targetRow - run.data.horizon - data.steps + 1
  const time = Array.from({ length: data.steps }, (_, t) => timeLabel(table, firstRow + t))
  const values = time.map((_, t) => data.inputs.map((column) => column[firstRow + t]!))
  return { time, values }
}

function targetTimeOf({ data, table }: LoadedRun, index: number, step: number): string {
  return timeLabel(table, stepTargetRow(data, data.test.targetRows[index]!, step))
}

/** Counts every window a model function evaluates, so the record's cost includes the checks. */
function counted<F extends (batch: Float32Array, n: number) => Promise<Float32Array>>(
  fn: F,
  count: { windows: number }
): F {
  return (async (batch: Float32Array, n: number) => {
    count.windows += n
    return fn(batch, n)
  }) as F
}

/**
 * Explain one test window of a trained run with the chosen method, in the
 * target's original units, with the trust numbers the method produces.
 */
export async function explainRun(
  loaded: LoadedRun,
  asked: ExplainJob,
  options: {
    signal?: { readonly aborted: boolean }
    onProgress?: ProgressFn
    kernels?: 'fused' | 'stock'
  } = {}
): Promise<ExplanationRecord> {
  const { data, model, run } = loaded
  const job = withQuantity(asked, run.data.targetMode)
  const request = requestFor(job, loaded)
  const explained = explainedStep(data, job.step)
  const out = explained.index
  const { steps, features } = data
  let randomised: tf.LayersModel | null = null
  if (job.randomisation) {
    const copy = await loadModel(join(run.dir, MODEL_DIR))
    randomised = loaded.kernels === 'fused' ? await convertModel(copy, 'fused') : copy
    if (randomised !== copy) copy.dispose()
    setRelativeTarget(randomised, hasRelativeTarget(model))
    randomiseWeights(randomised, job.seed)
  }
  const w = explainedMap(data.output, job.quantity, out).lastValueWeight
  const count = { windows: 0 }
  const predict = counted(predictFnFor(model, steps, features, loaded.kernels, w, out), count)
  const extra = job.checks ? planStability(request) : 0
  const report = options.onProgress
  const started = performance.now()
  try {
    const attribution = await explain(request, predict, {
      gradient: counted(gradFnFor(model, steps, features, w, out), count),
      ...(randomised
        ? {
            randomisedPredict: counted(
              predictFnFor(randomised, steps, features, loaded.kernels, w, out),
              count
            ),
            randomisedGradient: counted(gradFnFor(randomised, steps, features, w, out), count)
          }
        : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(report ? { onProgress: (done, total) => report(done, total + extra) } : {})
    })
    const stability: StabilityRaw = job.checks
      ? await runStability(request, attribution, predict, {
          offset: count.windows,
          total: count.windows + extra,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(report ? { onProgress: report } : {})
        })
      : { exactAgreement: null, seedSpread: null }
    return toRecord(
      { ...attribution, modelCalls: count.windows },
      stability,
      job,
      loaded,
      (performance.now() - started) / 1000,
      loaded.kernels,
      explained
    )
  } finally {
    randomised?.dispose()
  }
}

function toRecord(
  a: Attribution,
  stability: StabilityRaw,
  job: ExplainJob & { quantity: ExplainedQuantity },
  loaded: LoadedRun,
  seconds: number,
  kernels: 'fused' | 'stock',
  explained: ExplainedStep
): ExplanationRecord {
  const { data, run } = loaded
  const map = explainedMap(data.output, job.quantity, explained.index)
  const forecast = map.toUnits
  const toUnits = (v: number): number => v * map.scale
  const { steps, features } = data
  const { step } = explained
  const targetRow = stepTargetRow(data, data.test.targetRows[job.index]!, step)
  const { time, values } = windowRows(loaded, job.index)

  let attributions: number[] | number[][]
  let stderr: number[] | number[][] | null = null
  let players: string[]
  const cellLayout = (flat: readonly number[]): number[][] =>
    Array.from({ length: steps }, (_, t) =>
      Array.from({ length: features }, (_, f) => flat[t * features + f]!)
    )
  if (job.level === 'cell') {
    const flat = projectToGrouping(a, cellGrouping({ steps, features }))
    attributions = cellLayout(flat.map(toUnits))
    if (a.stderr && a.players.length === steps * features)
      stderr = cellLayout(a.stderr.map(toUnits))
    players = time.flatMap((t) => data.columns.map((f) => `${t} × ${f}`))
  } else if (job.level === 'time') {
    attributions = projectToGrouping(a, timeGrouping({ steps, features })).map(toUnits)
    if (a.stderr && a.players.length === steps) stderr = a.stderr.map(toUnits)
    players = time
  } else {
    attributions = a.values.map(toUnits)
    if (a.stderr) stderr = a.stderr.map(toUnits)
    players = [...data.columns]
  }
  const deletion = a.checks?.deletion
  return {
    schema: EXPLANATION_SCHEMA_VERSION,
    id: `${new Date().toISOString().replace(/[:.]/g, '-')}-${job.method}-${job.level}-${job.index}-${randomUUID().slice(0, 6)}`,
    createdAt: new Date().toISOString(),
    runId: run.id,
    dataset: run.dataset.name,
    target: run.data.target,
    features: [...data.columns],
    method: job.method,
    level: job.level,
    quantity: job.quantity,
    settings: job,
    index: job.index,
    step,
    window: { time, values },
    targetTime: targetTimeOf(loaded, job.index, step),
    actual:
      job.quantity === 'change'
        ? data.observedTarget[targetRow]! - data.target[targetRow - step]!
        : data.observedTarget[targetRow]!,
    prediction: forecast(a.prediction),
    ...intervalsAround(run.evaluation?.intervals, forecast(a.prediction), explained.output),
    baselinePrediction: forecast(a.baselinePrediction),
    baseline: { kind: job.baseline, count: a.baseline.count },
    players,
    attributions,
    stderr,
    additivityGap: {
      absolute: toUnits(a.additivityGap.absolute),
      relative: a.additivityGap.relative
    },
    modelCalls: a.modelCalls,
    seconds,
    seed: a.seed,
    fidelity: {
      limeR2: a.extra.lime?.r2 ?? null,
      limeIntercept: a.extra.lime ? forecast(a.extra.lime.intercept) : null,
      timeshapPruneIndex: a.extra.timeshap?.pruneIndex ?? null,
      igCompletenessGap: a.extra.integratedGradients
        ? toUnits(a.extra.integratedGradients.completenessGap)
        : null,
      kernelMode: a.extra.kernelMode ?? null
    },
    checks: {
      deletion: deletion
        ? {
            ...deletion,
            deletion: deletion.deletion.map((v) => forecast(v)),
            insertion: deletion.insertion.map((v) => forecast(v)),
            deletionRandom: deletion.deletionRandom.map((v) => forecast(v)),
            insertionRandom: deletion.insertionRandom.map((v) => forecast(v)),
            deletionArea: toUnits(deletion.deletionArea),
            insertionArea: toUnits(deletion.insertionArea)
          }
        : null,
      randomisationSpearman: a.checks?.randomisation?.spearman ?? null,
      exactAgreement: stability.exactAgreement
        ? { ...stability.exactAgreement, maxAbsDiff: toUnits(stability.exactAgreement.maxAbsDiff) }
        : null,
      seedSpread: stability.seedSpread
        ? {
            ...stability.seedSpread,
            spread: toUnits(stability.seedSpread.spread),
            reported: toUnits(stability.seedSpread.reported)
          }
        : null
    },
    kernels
  }
}
