/** A HindsightApi for component tests: every method is a vi.fn, events are emitted by hand. */
import { vi } from 'vitest'
import type { HindsightApi } from '../../src/shared/api'
import type { DatasetSummary } from '../../src/shared/domain'
import type { EventChannel, EventPayload, Req } from '../../src/shared/ipc-contract'
import { AppStateSchema } from '../../src/shared/run-admin'

export const SUMMARY: DatasetSummary = {
  id: 'ds-1',
  name: 'sales.csv',
  path: '/data/sales.csv',
  rows: 200,
  timeColumn: 'date',
  firstTime: '2000-01-01',
  lastTime: '2016-08-01',
  columns: [
    { name: 'sales', numeric: true, missing: 0, min: 1, max: 9, mean: 5 },
    { name: 'price', numeric: true, missing: 2, min: 0.5, max: 2, mean: 1 },
    {
      name: 'region',
      numeric: false,
      missing: 0,
      min: null,
      max: null,
      mean: null,
      problem: 'north'
    }
  ],
  irregularSteps: 0,
  warnings: []
}

export function fakeHost() {
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>()
  const host = {
    appInfo: vi.fn(async () => ({
      version: '0.1.0',
      host: 'browser' as const,
      workspace: '/tmp/ws',
      canOpenPaths: false
    })),
    engineStatus: vi.fn(async () => {
      throw { code: 'engine-down', message: 'not started' }
    }),
    openSample: vi.fn(async () => SUMMARY),
    openPath: vi.fn(async () => SUMMARY),
    openDialog: vi.fn(async () => null),
    uploadDataset: vi.fn(async () => SUMMARY),
    recentFiles: vi.fn(async () => []),
    datasetSeries: vi.fn(async () => ({
      time: ['a', 'b'],
      columns: { sales: [1, 2] },
      rows: [0, 1]
    })),
    datasetRows: vi.fn(async () => {
      throw { code: 'unknown-dataset', message: 'not in component tests' }
    }),
    uploadStart: vi.fn(async () => ({ uploadId: '0123456789abcdef' })),
    uploadChunk: vi.fn(async (req: Req<'dataset:uploadChunk'>) => ({ received: req.offset })),
    uploadFinish: vi.fn(async () => SUMMARY),
    inspectDataset: vi.fn(async () => {
      throw { code: 'unknown-dataset', message: 'not in component tests' }
    }),
    rereadDataset: vi.fn(async () => SUMMARY),
    cancelOpen: vi.fn(async () => ({ cancelled: false })),
    startTraining: vi.fn(async () => ({ runId: 'run-1' })),
    cancelTraining: vi.fn(async () => ({ cancelled: true })),
    listRuns: vi.fn(async () => []),
    getRun: vi.fn(async () => {
      throw { code: 'unknown-run', message: 'no such run' }
    }),
    listDamagedRuns: vi.fn(async () => []),
    resumeRun: vi.fn(async () => ({ runId: 'run-1' })),
    useBestWeights: vi.fn(async () => {
      throw { code: 'no-checkpoint', message: 'no checkpoint' }
    }),
    forecast: vi.fn(async () => ({
      runId: 'run-1',
      windowStart: '2019-05-01',
      windowEnd: '2020-04-01',
      horizon: 12,
      targetTime: '2021-04-01',
      value: 417.5
    })),
    updateRun: vi.fn<HindsightApi['updateRun']>(async () => {
      throw { code: 'unknown-run', message: 'no such run' }
    }),
    deleteRun: vi.fn(async () => ({ deleted: true })),
    exportRun: vi.fn(async () => ({ fileName: 'r.zip', mime: 'application/zip', base64: '' })),
    importRun: vi.fn(async () => {
      throw { code: 'bad-archive', message: 'not an archive' }
    }),
    getAppState: vi.fn<HindsightApi['getAppState']>(async () => AppStateSchema.parse({})),
    setAppState: vi.fn<HindsightApi['setAppState']>(async (state) => AppStateSchema.parse(state)),
    planExplanation: vi.fn(async () => ({ total: 2050, exact: true })),
    runExplanation: vi.fn(async () => {
      throw { code: 'unknown-run', message: 'no such run' }
    }),
    cancelExplanation: vi.fn(async () => ({ cancelled: true })),
    listExplanations: vi.fn(async () => []),
    listGlobalImportance: vi.fn(async () => []),
    planGlobalImportance: vi.fn(async () => ({ total: 100, exact: true })),
    globalImportance: vi.fn(async () => {
      throw { code: 'unknown-run', message: 'no such run' }
    }),
    renderExport: vi.fn(async () => ({ fileName: 'x.json', mime: 'application/json', base64: '' })),
    whatIf: vi.fn(async () => {
      throw { code: 'unknown-run', message: 'no such run' }
    }),
    counterfactual: vi.fn(async () => {
      throw { code: 'unknown-run', message: 'no such run' }
    }),
    sensitivity: vi.fn(async () => {
      throw { code: 'unknown-run', message: 'no such run' }
    }),
    saveScenario: vi.fn(async () => {
      throw { code: 'unknown-run', message: 'no such run' }
    }),
    listScenarios: vi.fn(async () => []),
    exportScenario: vi.fn(async () => {
      throw { code: 'unknown-scenario', message: 'no such scenario' }
    }),
    deleteScenario: vi.fn(async () => {
      throw { code: 'unknown-scenario', message: 'no such scenario' }
    }),
    on: vi.fn(<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) => {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener as (payload: never) => void)
      return () => set.delete(listener as (payload: never) => void)
    })
  } satisfies HindsightApi
  function emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const listener of listeners.get(event) ?? []) listener(payload as never)
  }
  return { host, emit }
}
