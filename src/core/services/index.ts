import { isAbsolute, join, relative, resolve } from 'node:path'
import type { EventChannel, EventPayload } from '../../shared/ipc-contract'
import { readRunDetail, runsDir } from '../runs/run-store'
import { markInterruptedRuns, scanRuns } from '../runs/run-scan'
import { removeLeftoverTempFiles } from '../runs/temp-files'
import { DatasetService } from './datasets'
import { EngineClient } from './engine-client'
import { ExplanationService } from './explanations'
import { runHandlers } from './runs'
import { ScenarioService } from './scenarios'
import { TrainingService } from './training'
import type { EventListener, Handlers, Services, ServicesOptions } from './types'
import { UserFacingError } from '../errors'

export type { Services, ServicesOptions } from './types'

const RUN_ID = /^[\w-]{1,80}$/

/**
 * The app's backend, shared by the Electron IPC handlers, the browser-mode
 * bridge and tests: one handler per contract channel, plus events.
 */
export function createServices(options: ServicesOptions): Services {
  const listeners = new Set<EventListener>()
  const emit = <E extends EventChannel>(event: E, payload: EventPayload<E>): void => {
    for (const l of listeners) l(event, payload)
  }
  const engine = new EngineClient(options.spawnEngine)
  engine.onStatus((status) => emit('engine:status', status))
  const datasets = new DatasetService(options.workspaceDir, options.samplesDir, engine, (p) =>
    emit('dataset:progress', p)
  )
  const runDir =
    options.runDirOf ??
    ((runId: string): string => {
      if (!RUN_ID.test(runId)) throw new UserFacingError('bad-run-id', `Not a run id: ${runId}`)
      return join(runsDir(options.workspaceDir), runId)
    })
  const training = new TrainingService(runDir, engine, emit)
  const explanations = new ExplanationService(engine, emit)
  const scenarios = new ScenarioService(explanations)
  // What a crash left: temp files of writes that never landed, and runs still
  // marked 'running' that are not. The caller holds the workspace lock.
  const recovered = removeLeftoverTempFiles(options.workspaceDir)
    .then(() => markInterruptedRuns(options.workspaceDir))
    .catch((error: unknown) => console.error('[workspace] recovery at start failed:', error))

  const isUpload = (path: string): boolean => {
    const rel = relative(join(options.workspaceDir, 'datasets'), resolve(path))
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
  }

  const handlers: Handlers = {
    'app:info': async () => ({
      version: options.version,
      host: options.host,
      workspace: options.workspaceDir,
      canOpenPaths: options.host !== 'browser'
    }),
    'engine:status': () => engine.status(),
    'dataset:openSample': () => datasets.openSample(),
    'dataset:openPath': async ({ path }) => {
      // Browser mode opens only files it was given: uploads kept in the workspace (a run's dataset).
      if (options.host === 'browser' && !isUpload(path)) {
        throw new UserFacingError('unsupported', 'In browser mode, open a file by uploading it.')
      }
      return datasets.openPath(path)
    },
    'dataset:openDialog': async () => {
      if (!options.showOpenDialog) {
        throw new UserFacingError('unsupported', 'In browser mode, open a file by uploading it.')
      }
      const path = await options.showOpenDialog()
      return path === null ? null : datasets.openPath(path)
    },
    'dataset:upload': ({ name, text }) => datasets.upload(name, text),
    'dataset:uploadStart': ({ name, size }) => datasets.uploadStart(name, size),
    'dataset:uploadChunk': ({ uploadId, offset, data }) =>
      datasets.uploadChunk(uploadId, offset, data),
    'dataset:uploadFinish': ({ uploadId }) => datasets.uploadFinish(uploadId),
    'dataset:recent': () => datasets.recent(),
    'dataset:series': ({ datasetId, columns, maxPoints, timeColumn, from, to }) =>
      datasets.series(datasetId, columns, maxPoints, timeColumn, { from, to }),
    'dataset:rows': ({ datasetId, timeColumn, start, count }) =>
      datasets.rows(datasetId, { start, count }, timeColumn),
    'dataset:inspect': ({ datasetId, timeColumn, ...request }) =>
      datasets.inspect(datasetId, request, timeColumn),
    'dataset:reread': ({ datasetId, import: options }) => datasets.reread(datasetId, options),
    'dataset:cancelOpen': () => datasets.cancelOpen(),
    'train:start': async ({ datasetId, data, model, timeColumn }) => {
      // A run started before the start-up scan could be taken for an abandoned one.
      await recovered
      // The run reads the file as the Data view did: its import options travel with the data settings.
      const options = datasets.importOf(datasetId)
      const withImport = options === undefined ? data : { ...data, import: options }
      return training.start(
        datasets.get(datasetId),
        timeColumn === undefined ? withImport : { ...withImport, timeColumn },
        model
      )
    },
    'train:cancel': ({ runId }) => training.cancel(runId),
    ...runHandlers(options.workspaceDir, recovered),
    'runs:forecast': async ({ runId }) => engine.forecast(runDir(runId)),
    'explain:plan': async ({ runId, job }) => explanations.plan(runDir(runId), job),
    'explain:run': async ({ runId, job }) => explanations.run(runId, runDir(runId), job),
    'explain:cancel': async ({ runId }) => explanations.cancel(runId),
    'explain:list': async ({ runId }) => explanations.list(runDir(runId)),
    'export:render': async ({ runId, explanationIds, format, chart }) =>
      engine.renderExport(runDir(runId), explanationIds, format, chart),
    'explain:globalPlan': async ({ runId, job }) => engine.planGlobal(runDir(runId), job),
    'explain:global': async ({ runId, job }) => explanations.global(runId, runDir(runId), job),
    'explain:globalList': async ({ runId }) => explanations.listGlobal(runDir(runId)),
    'runs:damaged': async () => {
      await recovered
      return (await scanRuns(options.workspaceDir)).damaged
    },
    'runs:resume': async ({ runId }) => {
      await recovered
      await training.resume(runId, 'last')
      return { runId }
    },
    'runs:useBest': async ({ runId }) => {
      await recovered
      return training.resume(runId, 'best')
    },
    'explain:whatif': async ({ runId, job }) => explanations.whatIf(runId, runDir(runId), job),
    'explain:counterfactual': async ({ runId, job }) =>
      explanations.counterfactual(runId, runDir(runId), job),
    'explain:sensitivity': async ({ runId, job }) => engine.sensitivity(runDir(runId), job),
    'scenario:save': async ({ runId, scenario }) => scenarios.save(runId, runDir(runId), scenario),
    'scenario:list': async ({ runId }) => scenarios.list(runDir(runId)),
    'scenario:export': async ({ runId, scenarioId, format }) =>
      engine.renderScenarioExport(runDir(runId), scenarioId, format),
    'scenario:delete': async ({ runId, scenarioId }) => scenarios.delete(runDir(runId), scenarioId),
    'runs:get': async ({ runId }) => {
      const dir = runDir(runId)
      try {
        return await readRunDetail(dir)
      } catch (error) {
        // A damaged run.json says what is wrong with it; anything else is a missing run.
        if (error instanceof UserFacingError) throw error
        throw new UserFacingError('unknown-run', `Run ${runId} was not found or cannot be read.`)
      }
    }
  }

  return {
    handlers: afterRecovery(handlers, recovered),
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispose: () => engine.dispose()
  }
}

/**
 * Every request waits for start-up recovery to end: it removes temp files
 * left by a crash, and a write the request starts (an upload, say) must not
 * have its temp file taken for one of them.
 */
function afterRecovery(handlers: Handlers, recovered: Promise<unknown>): Handlers {
  const wrapped: Record<string, (req: never) => Promise<unknown>> = {}
  for (const [channel, handler] of Object.entries(handlers)) {
    wrapped[channel] = async (req: never) => {
      await recovered
      return (handler as (req: never) => Promise<unknown>)(req)
    }
  }
  return wrapped as Handlers
}
