import { randomUUID } from 'node:crypto'
import {
  globalImportance,
  planGlobalImportance,
  type GlobalImportanceRequest,
  type ProgressFn
} from '../../../explain'
import {
  withQuantity,
  type GlobalImportanceRecord,
  type GlobalJob
} from '../../../shared/explanation'
import { ExplainJobSchema } from '../../../shared/explanation'
import { UserFacingError } from '../../errors'
import { explainedMap } from '../data/output-map'
import { requestFor, type LoadedRun } from './explain-run'
import { gradFnFor, predictFnFor } from './model-fns'
import { explainedStep } from './explained-step'

/** Test windows spread evenly over the test part (oldest to newest). */
export function spreadIndices(available: number, wanted: number): number[] {
  const n = Math.min(available, wanted)
  if (n === 1) return [available - 1]
  return Array.from({ length: n }, (_, i) => Math.round((i * (available - 1)) / (n - 1)))
}

function requestOf(
  job: GlobalJob,
  loaded: LoadedRun
): { request: GlobalImportanceRequest; indices: number[] } {
  const { data } = loaded
  if (data.test.n === 0)
    throw new UserFacingError('no-test-windows', 'This run has no test windows to explain.')
  const indices = spreadIndices(data.test.n, job.windows)
  const size = data.steps * data.features
  const windows = new Float32Array(indices.length * size)
  indices.forEach((w, i) => windows.set(data.test.x.subarray(w * size, (w + 1) * size), i * size))
  // Reuse the single-window request for baseline and method settings.
  const single = requestFor(
    ExplainJobSchema.parse({ ...job, level: 'time', index: indices[0] }),
    loaded
  )
  return {
    indices,
    request: {
      method: job.method,
      windows,
      count: indices.length,
      shape: single.shape,
      baseline: single.baseline,
      featureNames: data.columns,
      seed: job.seed,
      ...(single.params ? { params: single.params } : {})
    }
  }
}

export function planGlobal(job: GlobalJob, loaded: LoadedRun): { total: number; exact: boolean } {
  const plan = planGlobalImportance(requestOf(job, loaded).request)
  return { total: plan.total, exact: plan.exact }
}

export async function globalImportanceRun(
  loaded: LoadedRun,
  asked: GlobalJob,
  options: { signal?: { readonly aborted: boolean }; onProgress?: ProgressFn } = {}
): Promise<GlobalImportanceRecord> {
  const { data, model, run } = loaded
  const job = withQuantity(asked, run.data.targetMode)
  const { request, indices } = requestOf(job, loaded)
  const out = explainedStep(data, job.step).index
  const map = explainedMap(data.output, job.quantity, out)
  const w = map.lastValueWeight
  const result = await globalImportance(
    request,
    predictFnFor(model, data.steps, data.features, loaded.kernels, w, out),
    {
      gradient: gradFnFor(model, data.steps, data.features, w, out),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {})
    }
  )
  const scale = map.scale
  const time = result.levels.find((l) => l.level === 'time')!
  const feature = result.levels.find((l) => l.level === 'feature')!
  const createdAt = new Date().toISOString()
  return {
    id: `${createdAt.replace(/[:.]/g, '-')}-importance-${job.method}-${randomUUID().slice(0, 6)}`,
    createdAt,
    runId: run.id,
    method: job.method,
    settings: job,
    indices,
    lags: Array.from({ length: data.steps }, (_, t) => data.steps - 1 - t),
    byLag: time.meanAbs.map((v) => v * scale),
    byLagSigned: time.mean.map((v) => v * scale),
    features: [...data.columns],
    byFeature: feature.meanAbs.map((v) => v * scale),
    modelCalls: result.modelCalls,
    seconds: result.seconds
  }
}
