/**
 * The what-if editor's requests: one in flight at a time, only the latest edits sent, the
 * forecast before the attributions, and answers for windows no longer on screen dropped. The
 * host answers when the test says so, with the forecast of a linear model computed from the
 * very edits it was sent (so a wrong or stale request shows as a wrong number).
 */
import { nextTick } from 'vue'
import { describe, expect, it } from 'vitest'
import type { HindsightApi } from '../../src/shared/api'
import type { WhatIfJob, WhatIfResult } from '../../src/shared/whatif'
import { DRAG_DEBOUNCE_MS, useWhatIf } from '../../src/renderer/src/explain/whatif/use-whatif'

const window = { time: ['t0', 't1', 't2'], values: [[1], [2], [3]], features: ['y'] }
/** The "model": the sum of the window. */
const forecastOf = (values: number[][]): number => values.flat().reduce((a, b) => a + b, 0)

function fakeHost() {
  const calls: { job: WhatIfJob; answer: () => void; fail: (e: unknown) => void }[] = []
  const cancels: string[] = []
  const host = {
    // The service cancels the request in flight: it fails with 'cancelled'.
    cancelExplanation: async ({ runId }: { runId: string }) => {
      cancels.push(runId)
      calls.at(-1)?.fail({ code: 'cancelled', message: 'Cancelled.' })
      return { cancelled: true }
    },
    whatIf: ({ job }: { runId: string; job: WhatIfJob }) =>
      new Promise<WhatIfResult>((resolve, reject) => {
        const edited = window.values.map((row) => [...row])
        for (const e of job.edits) edited[e.step]![0] = e.value
        const result: WhatIfResult = {
          index: job.index,
          columns: ['y'],
          time: window.time,
          original: { prediction: forecastOf(window.values), window: window.values },
          edited: { prediction: forecastOf(edited), window: edited },
          ...(job.method
            ? {
                attributions: {
                  method: job.method,
                  level: 'time' as const,
                  forEditedWindow: true as const,
                  players: window.time,
                  values: edited.map((row) => row[0]!),
                  prediction: forecastOf(edited),
                  baselinePrediction: 0,
                  additivityGap: { absolute: 0, relative: 0 },
                  modelCalls: 1,
                  seconds: 0
                }
              }
            : {})
        }
        calls.push({ job, answer: () => resolve(result), fail: reject })
      })
  } as unknown as HindsightApi
  return { host, calls, cancels }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await nextTick()
}

describe('what-if requests', () => {
  it('sends nothing while nothing is edited', () => {
    const { host, calls } = fakeHost()
    const w = useWhatIf(host, {
      runId: () => 'run',
      index: () => 0,
      window: () => window,
      originalForecast: () => 6
    })
    expect(w.editedForecast.value).toBe(6)
    expect(calls).toHaveLength(0)
  })

  it('keeps one request in flight and sends only the latest edits, then their attributions', async () => {
    const { host, calls } = fakeHost()
    const w = useWhatIf(host, {
      runId: () => 'run',
      index: () => 0,
      window: () => window,
      originalForecast: () => 6
    })
    w.apply([{ step: 0, feature: 'y', value: 10 }])
    expect(calls).toHaveLength(1)
    expect(calls[0]!.job.method).toBeUndefined()
    // Three more actions while the first is in flight: nothing more is sent yet.
    w.apply([{ step: 1, feature: 'y', value: 20 }])
    w.apply([{ step: 2, feature: 'y', value: 30 }])
    w.undo()
    expect(calls).toHaveLength(1)
    expect(w.forecastPending.value).toBe(true)
    // The first answer is for edits no longer on screen: dropped, and the latest edits go.
    calls[0]!.answer()
    await settle()
    expect(w.state.edited).toBeNull()
    expect(calls).toHaveLength(2)
    expect(calls[1]!.job.edits).toEqual([
      { step: 0, feature: 'y', value: 10 },
      { step: 1, feature: 'y', value: 20 }
    ])
    calls[1]!.answer()
    await settle()
    expect(w.editedForecast.value).toBe(33)
    expect(w.forecastPending.value).toBe(false)
    // Then the attributions of that same window.
    expect(calls).toHaveLength(3)
    expect(calls[2]!.job.method).toBe('kernelshap')
    expect(calls[2]!.job.edits).toEqual(calls[1]!.job.edits)
    calls[2]!.answer()
    await settle()
    expect(w.state.attributions?.values).toEqual([10, 20, 3])
    expect(w.attributionsPending.value).toBe(false)
    expect(calls).toHaveLength(3)

    // Reset: the original forecast, no attributions, nothing sent.
    w.reset()
    await settle()
    expect(w.editedForecast.value).toBe(6)
    expect(w.state.attributions).toBeNull()
    expect(calls).toHaveLength(3)
  })

  it('newer edits cancel attributions in flight, and the new forecast goes at once', async () => {
    const { host, calls, cancels } = fakeHost()
    const w = useWhatIf(host, {
      runId: () => 'run',
      index: () => 0,
      window: () => window,
      originalForecast: () => 6
    })
    w.apply([{ step: 0, feature: 'y', value: 10 }])
    calls[0]!.answer()
    await settle()
    expect(calls[1]!.job.method).toBe('kernelshap')
    w.apply([{ step: 1, feature: 'y', value: 20 }])
    expect(cancels).toEqual(['run'])
    await settle()
    // No error shown; the next request is the forecast of the new edits.
    expect(w.state.error).toBeNull()
    expect(calls[2]!.job.method).toBeUndefined()
    expect(calls[2]!.job.edits).toHaveLength(2)
    calls[2]!.answer()
    await settle()
    expect(w.editedForecast.value).toBe(33)
    // Its attributions went next, and the next edit cancels them too; a forecast in flight,
    // though, is never cancelled (it is quick).
    expect(calls[3]!.job.method).toBe('kernelshap')
    w.apply([{ step: 2, feature: 'y', value: 30 }])
    expect(cancels).toEqual(['run', 'run'])
    await settle()
    expect(calls[4]!.job.method).toBeUndefined()
    w.apply([{ step: 2, feature: 'y', value: 31 }])
    expect(cancels).toHaveLength(2)
  })

  it('asks for no attributions mid-drag, and for those of where the drag ended', async () => {
    const { host, calls } = fakeHost()
    const w = useWhatIf(host, {
      runId: () => 'run',
      index: () => 0,
      window: () => window,
      originalForecast: () => 6
    })
    w.drag({ step: 2, feature: 'y', value: 4 }, 'start')
    calls[0]!.answer()
    await settle()
    expect(calls).toHaveLength(1)
    w.drag({ step: 2, feature: 'y', value: 5 }, 'move')
    await new Promise((resolve) => setTimeout(resolve, DRAG_DEBOUNCE_MS + 20))
    expect(calls).toHaveLength(2)
    calls[1]!.answer()
    await settle()
    expect(w.editedForecast.value).toBe(8)
    expect(calls).toHaveLength(2)
    w.drag({ step: 2, feature: 'y', value: 7 }, 'end')
    expect(calls[2]!.job.method).toBeUndefined()
    calls[2]!.answer()
    await settle()
    expect(calls[3]!.job).toMatchObject({ method: 'kernelshap', edits: [{ step: 2, value: 7 }] })
    // The whole drag is one action.
    w.undo()
    expect(w.edits.value).toEqual([])
  })

  it('a failed request shows its message and does not retry by itself', async () => {
    const { host, calls } = fakeHost()
    const w = useWhatIf(host, {
      runId: () => 'run',
      index: () => 0,
      window: () => window,
      originalForecast: () => 6
    })
    w.apply([{ step: 0, feature: 'y', value: 10 }])
    calls[0]!.fail({ code: 'busy', message: 'An explanation is already running' })
    await settle()
    expect(w.state.error?.code).toBe('busy')
    expect(w.forecastPending.value).toBe(false)
    expect(calls).toHaveLength(1)
  })
  it('other work waits for the pump and holds the engine; edits made meanwhile go after it', async () => {
    const { host, calls } = fakeHost()
    const w = useWhatIf(host, {
      runId: () => 'run',
      index: () => 0,
      window: () => window,
      originalForecast: () => 6
    })
    w.apply([{ step: 0, feature: 'y', value: 10 }])
    const order: string[] = []
    let finish = (): void => undefined
    const sweep = w.exclusive(async () => {
      // Its turn comes with the engine free: the forecast and attributions answered.
      order.push(`sweep after ${calls.length} calls, ${w.edits.value.length} edits`)
      await new Promise<void>((resolve) => (finish = resolve))
      return 'swept'
    })
    await settle()
    expect(order).toEqual([])
    calls[0]!.answer()
    await settle()
    expect(order).toEqual([])
    expect(calls[1]!.job.method).toBe('kernelshap')
    calls[1]!.answer()
    await settle()
    expect(order).toEqual(['sweep after 2 calls, 1 edits'])
    // An edit while the sweep holds the engine: nothing is sent until it is done.
    w.apply([{ step: 1, feature: 'y', value: 20 }])
    await settle()
    expect(calls).toHaveLength(2)
    finish()
    expect(await sweep).toBe('swept')
    await settle()
    expect(calls).toHaveLength(3)
    expect(calls[2]!.job.edits).toHaveLength(2)
    calls[2]!.answer()
    await settle()
    expect(w.editedForecast.value).toBe(33)
  })
})
