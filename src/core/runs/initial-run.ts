import type { BackendReport } from '../../shared/domain'
import type { TrainJob } from '../../shared/engine-protocol'
import type { RunFile } from './run-store'

/**
 * run.json as a training job starts: the engine writes it first, and the
 * services fall back on it when the engine died before writing anything.
 */
export function initialRunFile(job: TrainJob, backend: BackendReport | null): RunFile {
  return {
    id: job.runId,
    dir: job.runDir,
    createdAt: new Date().toISOString(),
    status: 'running',
    dataset: job.dataset,
    data: job.data,
    model: job.model,
    backend,
    split: null,
    epochsRun: 0,
    evaluation: null,
    trainSeconds: null,
    windowsPerSecond: null,
    scaler: null,
    columns: []
  }
}
