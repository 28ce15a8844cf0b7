/** A small explanation record and a finished run for the Explain component tests. */
import type { RunDetail } from '../../src/shared/domain'
import type { ExplanationRecord } from '../../src/shared/explanation'

export function record(overrides: Partial<ExplanationRecord> = {}): ExplanationRecord {
  return {
    schema: 'hindsight.explanation/1',
    id: 'e-1',
    createdAt: '2024-05-01T10:00:00.000Z',
    runId: 'run-1',
    dataset: 'sales.csv',
    target: 'sales',
    features: ['sales'],
    method: 'kernelshap',
    level: 'time',
    quantity: 'forecast',
    settings: {
      quantity: 'forecast',
      method: 'kernelshap',
      level: 'time',
      index: 1,
      baseline: 'mean',
      backgroundSize: 20,
      seed: 42,
      checks: false,
      randomisation: false
    },
    index: 1,
    window: { time: ['2020-01-01', '2020-02-01', '2020-03-01'], values: [[1], [2], [3]] },
    targetTime: '2020-04-01',
    actual: 4,
    prediction: 3.5,
    baselinePrediction: 2,
    baseline: { kind: 'mean', count: 1 },
    players: ['2020-01-01', '2020-02-01', '2020-03-01'],
    attributions: [0.25, 0.5, 0.75],
    stderr: [0.01, 0.02, 0.03],
    additivityGap: { absolute: 0, relative: 0 },
    modelCalls: 10,
    seconds: 0.1,
    seed: 42,
    fidelity: {
      limeR2: null,
      limeIntercept: null,
      timeshapPruneIndex: null,
      igCompletenessGap: null,
      kernelMode: 'exact'
    },
    checks: { deletion: null, randomisationSpearman: null, exactAgreement: null, seedSpread: null },
    kernels: 'fused',
    ...overrides
  }
}

export const RUN: RunDetail = {
  summary: {
    id: 'run-1',
    dir: '/ws/runs/run-1',
    createdAt: '2024-05-01T09:00:00.000Z',
    status: 'done',
    dataset: { name: 'sales.csv', path: '/data/sales.csv' },
    data: {
      target: 'sales',
      features: [],
      window: 3,
      horizon: 1,
      split: { train: 0.7, validation: 0.15, test: 0.15 },
      scaling: 'standard',
      missing: 'skip',
      targetMode: 'level'
    },
    model: {
      cell: 'lstm',
      layers: 1,
      units: 4,
      dropout: 0,
      learningRate: 0.001,
      epochs: 2,
      batchSize: 32,
      seed: 42
    },
    backend: null,
    split: null,
    epochsRun: 2,
    evaluation: null,
    trainSeconds: 1,
    windowsPerSecond: 100
  },
  history: [],
  predictions: {
    time: ['2020-03-01', '2020-04-01', '2020-05-01'],
    actual: [3, 4, 5],
    predicted: [3.1, 3.5, 4.9],
    naive: [2, 3, 4]
  }
} as unknown as RunDetail
