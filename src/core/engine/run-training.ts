import { join } from 'node:path'
import type { BackendReport, RunSummary, TrainEpoch, TrainProgress } from '../../shared/domain'
import type { DatasetFile, TrainJob } from '../../shared/engine-protocol'
import {
  appendHistory,
  MODEL_DIR,
  toRunSummary,
  writePredictions,
  writeRunFile,
  type RunFile
} from '../runs/run-store'
import { initialRunFile } from '../runs/initial-run'
import { saveModel } from '../runs/model-io'
import { hashFile } from '../runs/file-hash'
import { saveCheckpoint } from '../runs/checkpoint'
import { toUserError } from '../errors'
import { readCsv } from './data/csv-reader'
import { prepareData } from './data/prepare'
import { timeLabel, type Table } from './data/table'
import { evaluateTest } from './evaluate'
import { kernelPathFor } from './init-backend'
import { disposeModel } from '../kernels'
import { buildModel } from './model/build-model'
import { setRelativeTarget } from './model/network-input'
import { withSeededMathRandom } from './seeded-random'
import { fitModel, predictWindows } from './train/fit'
import { cancelledBeforeEpoch, finishNotice, noticeOf, withNotice } from './run-notice'
import { resumedNotice, type ResumePoint } from './train/resume'

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
export async function runTraining(
  job: TrainJob,
  ctx: TrainingContext,
  resume?: ResumePoint
): Promise<RunSummary> {
  // Which bytes the model was trained on (a resumed run keeps what it recorded at its start);
  // a missing file fails below with the reader's message.
  const hash = resume ? null : await hashFile(job.dataset.path).catch(() => null)
  const dataset = hash ? { ...job.dataset, hash } : job.dataset
  let run: RunFile = resume
    ? resumedRunFile(resume.run, ctx)
    : initialRunFile({ ...job, dataset }, ctx.backend)
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
      // The mode trained on, never 'auto': what explains, forecasts and resumes use.
      data: { ...run.data, targetMode: data.targetModeChoice.mode },
      // A resumed run keeps the choice (and reason) it made at its start.
      targetModeChoice: run.targetModeChoice ?? data.targetModeChoice,
      // A resumed run keeps the input convention its weights were trained with.
      relativeTarget: resume
        ? resume.run.relativeTarget === true
        : data.targetModeChoice.mode === 'change',
      split: data.split,
      scaler: data.scaler,
      output: data.output,
      columns: [...data.columns]
    }
    await writeRunFile(job.runDir, run)

    const kernels = kernelPathFor(ctx.backend, job.model.kernels)
    run = { ...run, backend: { ...ctx.backend, kernels } }
    const summary = await withSeededMathRandom(job.model.seed, async () => {
      const model = setRelativeTarget(
        buildModel(job.model, data, kernels.path),
        run.relativeTarget === true
      )
      try {
        if (resume) {
          model.setWeights(resume.weights)
          resume.weights.forEach((w) => w.dispose())
        }
        // Keeping the best weights trains no further epochs.
        const config = resume?.mode === 'best' ? { ...job.model, epochs: 0 } : job.model
        const fit = await fitModel(model, data, config, {
          ...(resume
            ? {
                start: {
                  history: resume.history,
                  best: { ...resume.best, weights: resume.bestWeights }
                }
              }
            : {}),
          checkpoint: (kind, meta) => saveCheckpoint(model, job.runDir, kind, meta),
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
          // Resumed: the time of every epoch, before the interruption too.
          trainSeconds: resume ? fit.history.reduce((t, h) => t + h.seconds, 0) : fit.seconds,
          windowsPerSecond: fit.windowsPerSecond || run.windowsPerSecond
        }
        if (fit.history.length === 0) {
          return withNotice({ ...run, status: 'cancelled' }, cancelledBeforeEpoch())
        }
        const scaled = await predictWindows(
          model,
          data.test.x,
          data.test.n,
          data.steps,
          data.features
        )
        const scaledValidation = await predictWindows(
          model,
          data.validation.x,
          data.validation.n,
          data.steps,
          data.features
        )
        const { evaluation, predictions } = evaluateTest(
          data,
          scaled,
          { seasonLength: job.data.seasonLength, intervalLevels: job.data.intervalLevels },
          (row) => timeLabel(table, row),
          scaledValidation
        )
        await saveModel(model, join(job.runDir, MODEL_DIR))
        await writePredictions(job.runDir, predictions, evaluation.intervals)
        run = { ...run, evaluation, status: fit.cancelled ? 'cancelled' : 'done' }
        const notice =
          finishNotice(fit, data.validation.n > 0) ??
          (resume ? resumedNotice(resume, fit.history.length) : null)
        return notice ? withNotice(run, notice) : run
      } finally {
        disposeModel(model)
      }
    })
    await writeRunFile(job.runDir, summary)
    return toRunSummary(summary)
  } catch (error) {
    run = withNotice({ ...run, status: 'failed' }, noticeOf(toUserError(error)))
    await writeRunFile(job.runDir, run).catch(() => undefined)
    throw error
  }
}

/** A resumed run keeps its identity and settings; it is running again, on this backend. */
function resumedRunFile(previous: RunFile, ctx: TrainingContext): RunFile {
  const { message: _message, ...run } = previous
  return { ...run, status: 'running', backend: ctx.backend }
}
