/**
 * Training: start (only with valid settings), cancel, and the live events of
 * the run in progress, applied at most every FLUSH_MS so a fast tiny model
 * cannot flood the UI.
 */
import { watch } from 'vue'
import type { HindsightApi } from '@shared/api'
import type {
  DatasetSummary,
  EpochRecord,
  RunStatus,
  RunSummary,
  TrainEpoch,
  TrainProgress,
  UserError
} from '@shared/domain'
import { toUserError } from '../host/host-error'
import type { DataForm, ModelForm } from '../forms/forms'
import {
  hasErrors,
  toDataConfig,
  toModelConfig,
  validateDataForm,
  validateModelForm
} from '../forms/forms'

/** How often live training updates reach the UI (ms). */
export const FLUSH_MS = 100

export type TrainingStatus = 'idle' | 'starting' | 'running' | 'cancelling' | RunStatus

export interface TrainingState {
  runId: string | null
  status: TrainingStatus
  epochs: EpochRecord[]
  totalEpochs: number
  progress: TrainProgress | null
  summary: RunSummary | null
  startError: UserError | null
  cancelError: UserError | null
}

export function idleTraining(): TrainingState {
  return {
    runId: null,
    status: 'idle',
    epochs: [],
    totalEpochs: 0,
    progress: null,
    summary: null,
    startError: null,
    cancelError: null
  }
}

export function isActive(status: TrainingStatus): boolean {
  return status === 'starting' || status === 'running' || status === 'cancelling'
}

interface Slice {
  dataset: DatasetSummary | null
  dataForm: DataForm | null
  modelForm: ModelForm
  training: TrainingState
}

function settingsValid(state: Slice): boolean {
  return (
    state.dataForm !== null &&
    !hasErrors(validateDataForm(state.dataForm, state.dataset)) &&
    !hasErrors(validateModelForm(state.modelForm))
  )
}

export function useTraining(
  host: HindsightApi,
  state: Slice,
  after: {
    refreshRuns(): Promise<void>
    refreshEngine(): Promise<void>
    openRun(runId: string, view: null): Promise<void>
  }
) {
  const pending: { progress: TrainProgress | null; epochs: TrainEpoch[] } = {
    progress: null,
    epochs: []
  }
  let flushTimer: ReturnType<typeof setTimeout> | null = null

  function scheduleFlush(): void {
    if (flushTimer === null) flushTimer = setTimeout(flush, FLUSH_MS)
  }

  function flush(): void {
    if (flushTimer !== null) clearTimeout(flushTimer)
    flushTimer = null
    const t = state.training
    const { progress, epochs } = pending
    pending.progress = null
    pending.epochs = []
    if (epochs.length > 0) {
      const known = new Set(epochs.map((e) => e.epoch))
      const records = epochs.map(({ runId: _runId, epochs: _total, ...record }) => record)
      t.epochs = [...t.epochs.filter((e) => !known.has(e.epoch)), ...records]
      t.totalEpochs = epochs[epochs.length - 1]?.epochs ?? t.totalEpochs
    }
    if (progress) {
      t.progress = progress
      t.totalEpochs = progress.epochs
    }
    if ((progress || epochs.length > 0) && t.status === 'starting') t.status = 'running'
  }

  function acceptsRun(runId: string): boolean {
    const t = state.training
    if (t.runId === runId) return true
    if (t.status === 'starting' && t.runId === null) {
      t.runId = runId
      return true
    }
    return false
  }

  // "Fix the highlighted settings" stands only while something is still wrong.
  watch(
    () => state.training.startError?.code === 'invalid-settings' && settingsValid(state),
    (fixed) => {
      if (fixed) state.training.startError = null
    }
  )

  return {
    listen(): void {
      host.on('train:progress', (progress) => {
        if (!acceptsRun(progress.runId)) return
        pending.progress = progress
        scheduleFlush()
      })
      host.on('train:epoch', (epoch) => {
        if (!acceptsRun(epoch.runId)) return
        pending.epochs.push(epoch)
        scheduleFlush()
      })
      host.on('train:finished', (summary) => {
        void after.refreshRuns()
        if (!acceptsRun(summary.id)) return
        flush()
        state.training.summary = summary
        state.training.status = summary.status
        state.training.progress = null
        void after.openRun(summary.id, null)
        void after.refreshEngine()
      })
    },
    async startTraining(): Promise<void> {
      const { dataset, dataForm } = state
      if (isActive(state.training.status)) return
      pending.progress = null
      pending.epochs = []
      state.training = idleTraining()
      if (!dataset || !dataForm) {
        state.training.startError = { code: 'no-dataset', message: 'Open a dataset first.' }
        return
      }
      if (!settingsValid(state)) {
        state.training.startError = {
          code: 'invalid-settings',
          message: 'Fix the highlighted settings first.'
        }
        return
      }
      state.training.status = 'starting'
      state.training.totalEpochs = state.modelForm.epochs as number
      try {
        const { runId } = await host.startTraining({
          datasetId: dataset.id,
          timeColumn: dataForm.timeColumn,
          data: toDataConfig(dataForm),
          model: toModelConfig(state.modelForm)
        })
        // Stays 'starting' until the engine reports the first batch or epoch.
        if (state.training.runId === null) state.training.runId = runId
        void after.refreshEngine()
        void after.refreshRuns()
      } catch (error) {
        state.training.status = 'idle'
        state.training.startError = toUserError(error)
      }
    },
    /**
     * Follows a run started elsewhere (Resume in Runs), so the Train view shows
     * its progress and can cancel it as it does for a run started there.
     */
    followRun(runId: string, totalEpochs: number): boolean {
      if (isActive(state.training.status)) return false
      pending.progress = null
      pending.epochs = []
      state.training = { ...idleTraining(), runId, status: 'starting', totalEpochs }
      return true
    },
    async cancelTraining(): Promise<void> {
      const t = state.training
      if (t.runId === null || (t.status !== 'running' && t.status !== 'starting')) return
      const previous = t.status
      t.status = 'cancelling'
      t.cancelError = null
      try {
        const { cancelled } = await host.cancelTraining({ runId: t.runId })
        if (!cancelled && state.training.status === 'cancelling') state.training.status = previous
      } catch (error) {
        if (state.training.status === 'cancelling') state.training.status = previous
        state.training.cancelError = toUserError(error)
      }
    }
  }
}
