import { join } from 'node:path'
import type {
  BackendReport,
  CodedMessage,
  RunSummary,
  TrainEpoch,
  TrainProgress
} from '../../shared/domain'
import type { DatasetFile, TrainJob } from '../../shared/engine-protocol'
import {
  appendHistory,
  MODEL_DIR,
  toRunSummary,
  writePredictions,
  writeRunFile,
  type RunFile
} from '../runs/run-store'
import { saveModel } from '../runs/model-io'
import { toUserError } from '../errors'
import { readCsv } from './data/csv-reader'
import { prepareData } from './data/prepare'
import { timeLabel, type Table } from './data/table'
import { evaluateTest } from './evaluate'
import { kernelPathFor } from './init-backend'
import { buildModel } from './model/build-model'
import { withSeededMathRandom } from './seeded-random'
import { fitModel, predictWindows } from './train/fit'

export interface TrainingContext {
  backend: BackendReport
  signal?: { readonly aborted: boolean }
  onProgress?(progress: TrainProgress): void
  onEpoch?(epoch: TrainEpoch): void
  progressIntervalMs?: number
  /** Where tables come from: the engine's cache, so a dataset opened for the Data view is not parsed again. */
  readTable?: (file: DatasetFile) => Promise<Table>
}

/**
 * One training job from CSV to saved run: read → window → build → fit →
 * evaluate → save. The run folder is written as it goes (run.json first,
 * history per epoch, model and predictions at the end), so whatever happens,
 * what was done so far is on disk and run.json says how it ended.
 */
export async function runTraining(job: TrainJob, ctx: TrainingContext): Promise<RunSummary> {
  const base: RunFile = {
    id: job.runId,
    dir: job.runDir,
    createdAt: new Date().toISOString(),
    status: 'running',
    dataset: job.dataset,
    data: job.data,
    model: job.model,
    backend: ctx.backend,
    split: null,
    epochsRun: 0,
    evaluation: null,
    trainSeconds: null,
    windowsPerSecond: null,
    scaler: null,
    columns: []
  }
  let run = base
  await writeRunFile(job.runDir, run)
  try {
    const file: DatasetFile = {
      path: job.dataset.path,
      name: job.dataset.name,
      ...(job.data.timeColumn === undefined ? {} : { timeColumn: job.data.timeColumn }),
      ...(job.data.import === undefined ? {} : { import: job.data.import })
    }
    const table = ctx.readTable
      ? await ctx.readTable(file)
      : await readCsv(file.path, file.name, { ...file.import, timeColumn: file.timeColumn })
    const data = prepareData(table, job.data)
    run = {
      ...run,
      split: data.split,
      scaler: data.scaler,
      output: data.output,
      columns: [...data.columns]
    }
    await writeRunFile(job.runDir, run)

    const kernels = kernelPathFor(ctx.backend, job.model.kernels)
    run = { ...run, backend: { ...ctx.backend, kernels } }
    const summary = await withSeededMathRandom(job.model.seed, async () => {
      const model = buildModel(job.model, data, kernels.path)
      try {
        const fit = await fitModel(model, data, job.model, {
          ...(ctx.signal ? { signal: ctx.signal } : {}),
          ...(ctx.progressIntervalMs === undefined
            ? {}
            : { progressIntervalMs: ctx.progressIntervalMs }),
          onBatch: (p) => ctx.onProgress?.({ runId: job.runId, ...p }),
          onEpoch: async (record) => {
            await appendHistory(job.runDir, record)
            ctx.onEpoch?.({ runId: job.runId, epochs: job.model.epochs, ...record })
          }
        })
        run = {
          ...run,
          epochsRun: fit.history.length,
          trainSeconds: fit.seconds,
          windowsPerSecond: fit.windowsPerSecond
        }
        if (fit.history.length === 0) {
          return withNotice({ ...run, status: 'cancelled' }, cancelledBeforeEpoch())
        }
        const scaled = predictWindows(model, data.test.x, data.test.n, data.steps, data.features)
        const { evaluation, predictions } = evaluateTest(
          data,
          scaled,
          {
            horizon: job.data.horizon,
            window: job.data.window,
            seasonLength: job.data.seasonLength
          },
          (row) => timeLabel(table, row)
        )
        await saveModel(model, join(job.runDir, MODEL_DIR))
        await writePredictions(job.runDir, predictions)
        run = { ...run, evaluation, status: fit.cancelled ? 'cancelled' : 'done' }
        const notice = finishNotice(fit, data.validation.n > 0)
        return notice ? withNotice(run, notice) : run
      } finally {
        model.dispose()
      }
    })
    await writeRunFile(job.runDir, summary)
    return toRunSummary(summary)
  } catch (error) {
    const { file: _file, row: _row, column: _column, ...notice } = toUserError(error)
    run = withNotice({ ...run, status: 'failed' }, notice)
    await writeRunFile(job.runDir, run).catch(() => undefined)
    throw error
  }
}

/** A run's closing message, in English and as a code with its values. */
function withNotice(run: RunFile, notice: CodedMessage): RunFile {
  return { ...run, message: notice.message, notice }
}

function cancelledBeforeEpoch(): CodedMessage {
  return { code: 'cancelled-before-epoch', message: 'Cancelled before the first epoch ended.' }
}

/**
 * What to tell the user about how training ended, when it did not simply run
 * every epoch. Says which loss early stopping watched (the training loss when
 * there is no validation part) and whether weights were restored.
 */
export function finishNotice(
  fit: {
    history: readonly unknown[]
    cancelled: boolean
    stoppedEarly: boolean
    bestEpoch: number
  },
  hasValidation: boolean
): CodedMessage | null {
  const epochs = fit.history.length
  if (fit.cancelled) {
    return {
      code: 'cancelled-after-epochs',
      message: `Cancelled after ${epochs} epoch(s); the model as of that epoch was evaluated and saved.`,
      params: { epochs }
    }
  }
  if (!fit.stoppedEarly) return null
  const watched = hasValidation ? '' : ' (no validation part: it watched the training loss)'
  if (fit.bestEpoch !== epochs) {
    return {
      code: hasValidation ? 'stopped-early' : 'stopped-early-train-loss',
      message: `Stopped early after ${epochs} epochs${watched}; weights restored from epoch ${fit.bestEpoch}.`,
      params: { epochs, bestEpoch: fit.bestEpoch }
    }
  }
  return {
    code: hasValidation ? 'stopped-early-last' : 'stopped-early-last-train-loss',
    message: `Stopped early after ${epochs} epochs${watched}; the last epoch's weights were kept.`,
    params: { epochs }
  }
}
