/**
 * The counterfactual panel's state: the job it sends (target, locks, last k steps), progress
 * from the run's explain:progress events only, cancel through the explanations' cancel, and a
 * cancelled search said as such rather than as an error.
 */
import { effectScope, nextTick } from 'vue'
import { describe, expect, it } from 'vitest'
import type { HindsightApi } from '../../src/shared/api'
import type { CounterfactualJob, CounterfactualResult } from '../../src/shared/whatif'
import { useCounterfactual } from '../../src/renderer/src/explain/whatif/use-counterfactual'

function fakeHost() {
  const progress = new Set<(p: { runId: string; done: number; total: number }) => void>()
  const runs: {
    job: CounterfactualJob
    resolve: (r: CounterfactualResult) => void
    reject: (e: unknown) => void
  }[] = []
  const cancels: string[] = []
  const host = {
    counterfactual: ({ job }: { runId: string; job: CounterfactualJob }) =>
      new Promise<CounterfactualResult>((resolve, reject) => runs.push({ job, resolve, reject })),
    cancelExplanation: async ({ runId }: { runId: string }) => {
      cancels.push(runId)
      runs.at(-1)?.reject({ code: 'cancelled', message: 'Cancelled.' })
      return { cancelled: true }
    },
    on: (_event: string, listener: (p: { runId: string; done: number; total: number }) => void) => {
      progress.add(listener)
      return () => progress.delete(listener)
    }
  } as unknown as HindsightApi
  const emit = (p: { runId: string; done: number; total: number }) => progress.forEach((l) => l(p))
  return { host, runs, cancels, emit, listeners: progress }
}

const result: CounterfactualResult = {
  index: 2,
  columns: ['co2'],
  target: 400,
  reached: true,
  tolerance: 0.3,
  prediction: 400.1,
  originalPrediction: 398,
  window: [[1], [2]],
  changed: [{ step: 1, feature: 'co2', from: 2, to: 3 }],
  distance: 0.01,
  iterations: 3,
  modelCalls: 7,
  seconds: 0.2
}

describe('counterfactual state', () => {
  it('sends the target, the locks and the last k steps; shows progress of its own run', async () => {
    const { host, runs, emit } = fakeHost()
    const scope = effectScope()
    const cf = scope.run(() => useCounterfactual(host, { runId: () => 'run', index: () => 2 }))!
    cf.state.target = 400
    cf.state.lockedFeatures = ['temp']
    cf.state.lastSteps = 3
    cf.state.lockedSteps = [0, 4]
    const done = cf.run()
    expect(runs[0]!.job).toEqual({
      index: 2,
      target: 400,
      lockedFeatures: ['temp'],
      lockedSteps: [0, 4],
      lastSteps: 3,
      maxIterations: 25
    })
    expect(cf.state.running).toBe(true)
    // A second click while it runs sends nothing.
    void cf.run()
    expect(runs).toHaveLength(1)
    emit({ runId: 'other', done: 9, total: 10 })
    expect(cf.state.progress).toBeNull()
    emit({ runId: 'run', done: 3, total: 25 })
    expect(cf.state.progress).toEqual({ done: 3, total: 25 })
    runs[0]!.resolve(result)
    await done
    expect(cf.state.result).toEqual(result)
    expect(cf.state.running).toBe(false)
    scope.stop()
  })

  it('cancels through the explanations cancel and says it was cancelled, not failed', async () => {
    const { host, cancels, listeners } = fakeHost()
    const scope = effectScope()
    const cf = scope.run(() => useCounterfactual(host, { runId: () => 'run', index: () => 0 }))!
    cf.state.target = 1
    const done = cf.run()
    await cf.cancel()
    await done
    expect(cancels).toEqual(['run'])
    expect(cf.state.cancelled).toBe(true)
    expect(cf.state.error).toBeNull()
    expect(cf.state.running).toBe(false)
    // Leaving the view stops listening for progress.
    scope.stop()
    expect(listeners.size).toBe(0)
  })

  it('waits for its turn with the what-if editor before sending the search', async () => {
    const { host, runs } = fakeHost()
    const scope = effectScope()
    let open = (): void => {}
    const gate = new Promise<void>((resolve) => (open = resolve))
    const turns: string[] = []
    const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
      turns.push('waiting')
      await gate
      turns.push('running')
      return work()
    }
    const cf = scope.run(() =>
      useCounterfactual(host, { runId: () => 'run', index: () => 0, exclusive })
    )!
    cf.state.target = 5
    const done = cf.run()
    await nextTick()
    // The editor still holds the engine: nothing sent yet, but the panel shows it is running.
    expect(runs).toHaveLength(0)
    expect(cf.state.running).toBe(true)
    open()
    await expect.poll(() => runs.length).toBe(1)
    runs[0]!.resolve(result)
    await done
    expect(turns).toEqual(['waiting', 'running'])
    expect(cf.state.result).toEqual(result)
    scope.stop()
  })

  it('sends nothing without a finite target', async () => {
    const { host, runs } = fakeHost()
    const scope = effectScope()
    const cf = scope.run(() => useCounterfactual(host, { runId: () => 'run', index: () => 0 }))!
    await cf.run()
    cf.state.target = Number.NaN
    await cf.run()
    await nextTick()
    expect(runs).toHaveLength(0)
    scope.stop()
  })
})
