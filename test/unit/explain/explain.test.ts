import { describe, expect, it } from 'vitest'
import {
  ExplainAbortedError,
  ExplainInputError,
  compareAttributions,
  explain,
  isExplainAborted,
  lastValueBaseline,
  makeGrouping,
  meanBaseline,
  planExplain
} from '../../../src/explain'
import type { ExplainRequest, Level, MethodName, PredictFn } from '../../../src/explain'
import { counting, linearGradient, linearModel, linearShapley, randomArray } from './helpers/models'

const shape = { steps: 6, features: 2 }
const w = randomArray(91, 12)
const x = randomArray(92, 12)
const train = randomArray(93, 12 * 20)
const baseline = meanBaseline(train, 20, shape)

const bumpy: PredictFn = async (b, n) =>
  Float32Array.from({ length: n }, (_, i) => {
    let s = 0
    for (let c = 0; c < 12; c++) s += w[c]! * b[i * 12 + c]!
    return Math.tanh(s) + 0.5 * b[i * 12 + 10]! * b[i * 12 + 3]!
  })

const methods: MethodName[] = ['exact', 'kernelshap', 'timeshap', 'lime', 'occlusion', 'ig']
const levels: Level[] = ['time', 'feature', 'cell', 'segment']

function request(
  method: MethodName,
  level: Level,
  extra: Partial<ExplainRequest> = {}
): ExplainRequest {
  return {
    method,
    level,
    window: x,
    shape,
    baseline,
    segmentLength: 2,
    params: {
      kernelshap: { nsamples: 40, bootstrap: 5 },
      timeshap: { nsamples: 40, bootstrap: 5 },
      lime: { nsamples: 60 },
      ig: { steps: 4 }
    },
    ...extra
  }
}

describe('explain', () => {
  for (const method of methods) {
    for (const level of levels) {
      if (method === 'exact' && level === 'cell') continue // 12 cells is fine, but keep the suite quick
      it(`${method} at ${level} level: planned windows = windows evaluated, result is JSON`, async () => {
        const p = counting(linearModel(w, 0.2))
        const g = counting(linearGradient(w))
        const r = await explain(request(method, level), p.predict, {
          gradient: g.predict,
          maxBatch: 50
        })
        const plan = planExplain(request(method, level))
        const used = p.windows() + g.windows()
        if (plan.exact) expect(used).toBe(plan.total)
        else expect(used).toBeLessThanOrEqual(plan.total)
        expect(r.modelCalls).toBe(used)
        expect(r.method).toBe(method)
        expect(r.level).toBe(level)
        expect(JSON.parse(JSON.stringify(r))).toEqual(r)
        if (method !== 'lime' && method !== 'occlusion') {
          // Efficient methods on a linear model: the closed form at every level.
          const grouping = makeGrouping(shape, { level, segmentLength: 2 })
          const expected = linearShapley(w, x, baseline, grouping)
          if (method === 'timeshap') expect(r.additivityGap.relative).toBeLessThan(1e-5)
          else r.values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5))
        }
      })
    }
  }

  it('lays cell-level values out as T × F', async () => {
    const r = await explain(request('kernelshap', 'cell'), linearModel(w))
    expect(r.cells).toHaveLength(6)
    expect(r.cells![5]![1]).toBe(r.values[11])
  })

  it('uses a baseline computed from the window (last value carried back)', async () => {
    const r = await explain(
      request('exact', 'time', { baseline: (win) => lastValueBaseline(win, shape) }),
      linearModel(w)
    )
    expect(r.baseline.kind).toBe('last')
    expect(r.values[5]).toBeCloseTo(0, 6) // the last step equals its own baseline
  })

  it('reports progress up to the total and can be aborted between model calls', async () => {
    const seen: [number, number][] = []
    await explain(request('exact', 'time'), bumpy, {
      maxBatch: 10,
      onProgress: (d, t) => seen.push([d, t])
    })
    expect(seen.length).toBeGreaterThan(3)
    expect(seen.at(-1)).toEqual([64, 64]) // x, baseline, 2^6 − 2 coalitions
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThan(seen[i - 1]![0])

    const signal = { aborted: false }
    let calls = 0
    const stopping: PredictFn = async (b, n) => {
      if (++calls === 2) signal.aborted = true
      return bumpy(b, n)
    }
    const error = await explain(request('exact', 'time'), stopping, { maxBatch: 10, signal }).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ExplainAbortedError)
    expect(isExplainAborted(error)).toBe(true)
    expect(calls).toBe(2)
  })

  it('runs the deletion and randomisation checks under one progress total', async () => {
    const seen: [number, number][] = []
    const req = request('kernelshap', 'time', { checks: { deletion: true, randomisation: true } })
    const p = counting(bumpy)
    const q = counting(linearModel(randomArray(99, 12)))
    const r = await explain(req, p.predict, {
      randomisedPredict: q.predict,
      onProgress: (d, t) => seen.push([d, t])
    })
    expect(planExplain(req).total).toBe(p.windows() + q.windows())
    expect(seen.at(-1)).toEqual([p.windows() + q.windows(), p.windows() + q.windows()])
    expect(r.checks!.deletion!.deletion).toHaveLength(7)
    expect(r.checks!.randomisation!.randomisedValues).toHaveLength(6)
    // The same model as its own "randomised" twin, same seed: identical ranking.
    const same = await explain(req, bumpy, { randomisedPredict: bumpy })
    expect(same.checks!.randomisation!.spearman).toBeCloseTo(1, 12)
  })

  it('compares two methods on the same players', async () => {
    const a = await explain(request('exact', 'time'), bumpy)
    const b = await explain(request('kernelshap', 'time'), bumpy)
    const c = compareAttributions(a, b)
    expect(c.spearman).toBeCloseTo(1, 12)
    expect(c.topOverlap).toBe(1)
    const f = await explain(request('exact', 'feature'), bumpy)
    expect(() => compareAttributions(a, f)).toThrow(ExplainInputError)
  })

  it('says what is missing or wrong', async () => {
    await expect(explain(request('ig', 'time'), bumpy)).rejects.toThrow(/gradient/)
    await expect(
      explain(request('exact', 'time', { checks: { randomisation: true } }), bumpy)
    ).rejects.toThrow(/randomisedPredict/)
    await expect(explain(request('nope' as MethodName, 'time'), bumpy)).rejects.toThrow(
      /Unknown method "nope"/
    )
    await expect(explain(request('exact', 'year' as Level), bumpy)).rejects.toThrow(
      /Unknown level "year"/
    )
    await expect(explain(request('exact', 'time', { window: [1, 2, 3] }), bumpy)).rejects.toThrow(
      ExplainInputError
    )
    const wrong: PredictFn = async (_b, n) => new Float32Array(n + 1)
    await expect(explain(request('exact', 'time'), wrong)).rejects.toThrow(/Model returned/)
  })
})
