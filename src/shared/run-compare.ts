/**
 * Facts for comparing runs side by side, computed once here for the runs
 * list and the Compare view: settings as comparable rows with differences
 * marked, test predictions aligned on one time axis, skill against naive.
 */
import type { Evaluation, Predictions, RunSummary } from './domain'

export type SettingValue = string | number | null

/** The settings a comparison shows, in order, grouped as data, model, training and compute. */
export const SETTING_KEYS = [
  'dataset',
  'datasetHash',
  'target',
  'features',
  'window',
  'horizon',
  'multiStep',
  'split',
  'targetMode',
  'intervalLevels',
  'scaling',
  'missing',
  'seasonLength',
  'cell',
  'layers',
  'units',
  'dropout',
  'learningRate',
  'batchSize',
  'epochs',
  'earlyStopping',
  'seed',
  'backend',
  'kernels'
] as const
export type SettingKey = (typeof SETTING_KEYS)[number]

/** The short form of a content hash shown to users ("sha256:ab12…" → "ab12cd34"). */
export function shortHash(hash: string | undefined): string | null {
  if (!hash) return null
  const hex = hash.includes(':') ? hash.slice(hash.indexOf(':') + 1) : hash
  return hex.slice(0, 8)
}

const pct = (fraction: number): number => Math.round(fraction * 1000) / 10

export function settingValues(run: RunSummary): Record<SettingKey, SettingValue> {
  const { data, model } = run
  return {
    dataset: run.dataset.name,
    datasetHash: shortHash(run.dataset.hash),
    target: data.target,
    features: data.features.length > 0 ? data.features.join(', ') : null,
    window: data.window,
    horizon: data.horizon,
    multiStep: data.multiStep ? 'multi' : 'single',
    split: `${pct(data.split.train)} / ${pct(data.split.validation)} / ${pct(data.split.test)}`,
    targetMode: data.targetMode,
    // The levels calibrated, not asked for: older runs have none.
    intervalLevels: run.evaluation?.intervals?.length
      ? run.evaluation.intervals.map((i) => pct(i.level)).join(' / ')
      : null,
    scaling: data.scaling,
    missing: data.missing,
    seasonLength: data.seasonLength ?? null,
    cell: model.cell,
    layers: model.layers,
    units: model.units,
    dropout: model.dropout,
    learningRate: model.learningRate,
    batchSize: model.batchSize,
    epochs: model.epochs,
    earlyStopping: model.earlyStopping.enabled ? model.earlyStopping.patience : null,
    seed: model.seed,
    backend: run.backend?.name ?? null,
    kernels: run.backend?.kernels.path ?? null
  }
}

export interface SettingRow {
  key: SettingKey
  /** One value per run, in the order given. */
  values: SettingValue[]
  differs: boolean
}

export function compareSettings(runs: readonly RunSummary[]): SettingRow[] {
  const all = runs.map(settingValues)
  return SETTING_KEYS.map((key) => {
    const values = all.map((v) => v[key])
    return { key, values, differs: new Set(values).size > 1 }
  })
}

/** How much lower the model's test RMSE is than the naive forecast's, as a fraction (negative: worse). */
export function skillVsNaive(evaluation: Evaluation | null): number | null {
  if (!evaluation) return null
  const { model, naive } = evaluation
  if (!Number.isFinite(model.rmse) || !Number.isFinite(naive.rmse) || naive.rmse === 0) return null
  return (naive.rmse - model.rmse) / naive.rmse
}

export interface AlignedPredictions {
  /** Every test time of any run, in time order. */
  labels: string[]
  /** The actual value at each label (from the first run that has it). */
  actual: (number | null)[]
  /** One series per run: its prediction at each label, null where it made none. */
  predicted: (number | null)[][]
}

/**
 * Test predictions of several runs on one axis. Runs with other windows or
 * horizons forecast different times; each keeps its own, and the gaps stay
 * empty. Labels are row numbers or ISO-like dates; both sort as they should.
 */
export function alignPredictions(runs: readonly Predictions[]): AlignedPredictions {
  const labels = [...new Set(runs.flatMap((p) => p.time))]
  const numeric = labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)))
  labels.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const index = new Map(labels.map((l, i) => [l, i]))
  const actual: (number | null)[] = labels.map(() => null)
  const predicted = runs.map((p) => {
    const series: (number | null)[] = labels.map(() => null)
    p.time.forEach((time, i) => {
      const at = index.get(time) as number
      series[at] = p.predicted[i] ?? null
      if (actual[at] === null) actual[at] = p.actual[i] ?? null
    })
    return series
  })
  return { labels, actual, predicted }
}
