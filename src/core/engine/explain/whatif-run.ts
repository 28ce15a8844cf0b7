import {
  explain,
  meanBaseline,
  type AbortLike,
  type Attribution,
  type ExplainRequest
} from '../../../explain'
import type {
  CellEdit,
  WhatIfAttribution,
  WhatIfJob,
  WhatIfResult,
  WindowValues
} from '../../../shared/whatif'
import type { LoadedRun } from './explain-run'
import { checkStep, featureIndex, originalWindow, runModel, type RunModel } from './whatif-window'

/** Exact Shapley over at most this many segments: 2^8 coalitions, fast on any model. */
const EXACT_SEGMENTS = 8
/** KernelSHAP coalitions at time level: a small budget that still passes its additivity check. */
const KERNEL_SAMPLES = 256
/**
 * Windows per model call of that attribution. The model yields to the event loop
 * between calls and the explainer checks for a cancel before each, so newer edits stop
 * it within one such call instead of after all 256 coalitions (one call otherwise).
 */
const CANCEL_CHUNK = 32

/** Apply edits to a copy of the window; each names a step and a column and must fit the window. */
export function applyEdits(
  loaded: LoadedRun,
  window: WindowValues,
  edits: readonly CellEdit[]
): WindowValues {
  const edited = window.map((row) => [...row])
  for (const edit of edits) {
    checkStep(loaded, edit.step)
    edited[edit.step]![featureIndex(loaded, edit.feature)] = edit.value
  }
  return edited
}

/**
 * The forecast of a test window before and after editing some of its cells,
 * and optionally a fast attribution of the edited window. Both forecasts come
 * from the windows returned, so anyone can re-run the model on them.
 */
export async function whatIfRun(
  loaded: LoadedRun,
  job: WhatIfJob,
  options: { signal?: AbortLike } = {}
): Promise<WhatIfResult> {
  const { values, time } = originalWindow(loaded, job.index)
  const edited = applyEdits(loaded, values, job.edits)
  const model = runModel(loaded)
  const [original, changed] = await model.forecast([values, edited])
  return {
    index: job.index,
    columns: [...loaded.data.columns],
    time,
    original: { prediction: original!, window: values },
    edited: { prediction: changed!, window: edited },
    ...(job.method === undefined
      ? {}
      : { attributions: await attribute(loaded, model, edited, time, job, options) })
  }
}

async function attribute(
  loaded: LoadedRun,
  model: RunModel,
  window: WindowValues,
  time: string[],
  job: WhatIfJob,
  options: { signal?: AbortLike }
): Promise<WhatIfAttribution> {
  const { data } = loaded
  const { steps, features } = data
  const shape = { steps, features }
  const method = job.method ?? 'exact'
  const segmented = method === 'exact'
  const request: ExplainRequest = {
    method,
    level: segmented ? 'segment' : 'time',
    ...(segmented ? { segmentLength: Math.ceil(steps / EXACT_SEGMENTS) } : {}),
    window: model.scale([window]),
    shape,
    baseline: meanBaseline(data.train.x, data.train.n, shape),
    featureNames: data.columns,
    seed: job.seed,
    params: { kernelshap: { nsamples: KERNEL_SAMPLES } }
  }
  const started = performance.now()
  const a: Attribution = await explain(request, model.predict, {
    maxBatch: CANCEL_CHUNK,
    ...(options.signal ? { signal: options.signal } : {})
  })
  const perUnit = data.output.scale
  const label = (s: readonly number[]): string =>
    s.length === 1 ? time[s[0]!]! : `${time[s[0]!]!} – ${time[s[s.length - 1]!]!}`
  return {
    method,
    level: segmented ? 'segment' : 'time',
    forEditedWindow: true,
    players: a.players.map((p) => label(p.steps)),
    values: a.values.map((v) => v * perUnit),
    prediction: model.toForecast(a.prediction),
    baselinePrediction: model.toForecast(a.baselinePrediction),
    additivityGap: {
      absolute: a.additivityGap.absolute * perUnit,
      relative: a.additivityGap.relative
    },
    modelCalls: a.modelCalls,
    seconds: (performance.now() - started) / 1000
  }
}
