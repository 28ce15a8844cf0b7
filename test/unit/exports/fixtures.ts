import {
  EXPLANATION_SCHEMA_VERSION,
  ExplainJobSchema,
  ExplanationRecordSchema,
  type ExplainLevel,
  type ExplainMethod,
  type ExplanationRecord
} from '../../../src/shared/explanation'

/**
 * Hand-built explanation records shaped like the engine's (see explain-run.ts
 * toRecord): a daily weather window, target first among the features, values
 * in original units, Σφ = f(x) − f(baseline) up to a small gap. Each goes
 * through ExplanationRecordSchema.parse so a schema change breaks here first.
 */

export const STEPS = 12
export const FEATURES = ['temp_max', 'temp_min', 'precipitation', 'wind']

/** Cell with the largest positive φ and the one with the most negative φ (cell level). */
export const HOT_CELL = { t: 9, f: 1 }
export const COLD_CELL = { t: 3, f: 2 }

export interface FixtureOptions {
  method?: ExplainMethod
  level?: ExplainLevel
  features?: string[]
  target?: string
  dataset?: string
  withStderr?: boolean
  withDeletion?: boolean
  limeR2?: number | null
  spearman?: number | null
  /** Added to prediction so Σφ misses f(x) − f(baseline) by this much. */
  gap?: number
}

function dates(n: number): string[] {
  const start = Date.UTC(2015, 2, 1)
  return Array.from({ length: n }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10)
  )
}

/** Deterministic, smooth-ish weather values per step and feature. */
function windowValues(features: number): number[][] {
  return Array.from({ length: STEPS }, (_, t) =>
    Array.from({ length: features }, (_, f) => {
      if (f === 0) return 11 + 3 * Math.sin(t / 2)
      if (f === 1) return 4 + 2 * Math.cos(t / 3)
      if (f === 2) return t % 4 === 0 ? 6.2 : 0.3 * (t % 3)
      return 2.5 + 0.4 * f + 0.1 * t
    })
  )
}

/** A T × F grid with one clear maximum and one clear minimum, small values elsewhere. */
function cellAttributions(features: number): number[][] {
  return Array.from({ length: STEPS }, (_, t) =>
    Array.from({ length: features }, (_, f) => {
      if (t === HOT_CELL.t && f === HOT_CELL.f) return 1.8
      if (t === COLD_CELL.t && f === COLD_CELL.f) return -1.2
      return 0.05 * Math.sin(1.3 * t + 2.1 * f) + (t === STEPS - 1 && f === 0 ? 0.6 : 0)
    })
  )
}

export function fixtureRecord(options: FixtureOptions = {}): ExplanationRecord {
  const level = options.level ?? 'cell'
  const method = options.method ?? (level === 'cell' ? 'kernelshap' : 'kernelshap')
  const features = options.features ?? FEATURES
  const target = options.target ?? features[0]!
  const time = dates(STEPS + 1)
  const windowTime = time.slice(0, STEPS)
  const grid = cellAttributions(features.length)

  let attributions: number[] | number[][]
  let stderr: number[] | number[][] | null = null
  let players: string[]
  if (level === 'cell') {
    attributions = grid
    players = windowTime.flatMap((t) => features.map((f) => `${t} × ${f}`))
    if (options.withStderr) stderr = grid.map((row) => row.map((v) => 0.02 + 0.05 * Math.abs(v)))
  } else if (level === 'time') {
    attributions = grid.map((row) => row.reduce((a, b) => a + b, 0))
    players = windowTime
    if (options.withStderr) stderr = attributions.map((v) => 0.03 + 0.1 * Math.abs(v))
  } else {
    attributions = features.map((_, f) => grid.reduce((a, row) => a + row[f]!, 0))
    players = [...features]
    if (options.withStderr) stderr = attributions.map((v) => 0.04 + 0.1 * Math.abs(v))
  }
  const total = (attributions as (number | number[])[])
    .flat()
    .reduce((a: number, b: number) => a + b, 0)
  const baselinePrediction = 10.4
  const gap = options.gap ?? 3e-6
  const prediction = baselinePrediction + total + gap
  const m = (level === 'cell' ? STEPS * features.length : players.length) + 1
  const x = Array.from({ length: m }, (_, k) => k / (m - 1))
  const deletion = x.map((k) => prediction - (prediction - baselinePrediction) * Math.sqrt(k))
  const deletionRandom = x.map((k) => prediction - (prediction - baselinePrediction) * k)
  const insertion = x.map(
    (k) => baselinePrediction + (prediction - baselinePrediction) * Math.sqrt(k)
  )
  const insertionRandom = x.map((k) => baselinePrediction + (prediction - baselinePrediction) * k)

  return ExplanationRecordSchema.parse({
    schema: EXPLANATION_SCHEMA_VERSION,
    id: `2025-01-02T03-04-05-678Z-${method}-${level}-7-abc123`,
    createdAt: '2025-01-02T03:04:05.678Z',
    runId: 'run-2025-01-01-lstm',
    dataset: options.dataset ?? 'seattle_weather_daily.csv',
    target,
    features,
    method,
    level,
    settings: ExplainJobSchema.parse({
      method,
      level,
      index: 7,
      baseline: 'mean',
      samples: 2048,
      seed: 42,
      checks: options.withDeletion ?? false
    }),
    index: 7,
    window: { time: windowTime, values: windowValues(features.length) },
    targetTime: time[STEPS]!,
    actual: 13.9,
    prediction,
    baselinePrediction,
    baseline: { kind: 'mean', count: 1 },
    players,
    attributions,
    stderr,
    additivityGap: {
      absolute: gap,
      relative: Math.abs(gap) / Math.abs(prediction - baselinePrediction)
    },
    modelCalls: 4096,
    seconds: 0.73,
    seed: 42,
    fidelity: {
      limeR2: method === 'lime' ? (options.limeR2 ?? 0.82) : null,
      limeIntercept: method === 'lime' ? 10.1 : null,
      timeshapPruneIndex: method === 'timeshap' ? 4 : null,
      igCompletenessGap: method === 'ig' ? 2e-4 : null,
      kernelMode: method === 'kernelshap' ? 'sampled' : null
    },
    checks: {
      deletion: options.withDeletion
        ? {
            x,
            deletion,
            insertion,
            deletionRandom,
            insertionRandom,
            deletionArea: 0.21,
            insertionArea: 0.19,
            order: 'signed',
            randomOrders: 4
          }
        : null,
      randomisationSpearman: options.spearman ?? null
    },
    kernels: 'stock'
  })
}
