import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Mock } from 'vitest'
import type { HindsightApi } from '../../src/shared/api'
import { flushPromises, mount } from '@vue/test-utils'
import { createAppI18n } from '../../src/renderer/src/i18n'
import { HOST_KEY } from '../../src/renderer/src/host'
import { createStore, STORE_KEY } from '../../src/renderer/src/state/store'
import ExplainView from '../../src/renderer/src/views/ExplainView.vue'
import { PLAN_DEBOUNCE_MS } from '../../src/renderer/src/explain/session'
import { MAX_EXACT_PLAYERS } from '../../src/shared/explain-limits'
import { GlobalJobSchema, type ExplanationRecord } from '../../src/shared/explanation'
import { fakeHost } from './fake-host'
import { record, RUN } from './explain-fixtures'

const CHARTS = {
  PickChart: true,
  WindowChart: true,
  HeatmapChart: true,
  BarsChart: true,
  DeletionChart: true,
  GlobalChart: true
}

async function settlePlan(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, PLAN_DEBOUNCE_MS + 30))
  await flushPromises()
}

/** The fake host's mocks, typed by the API they stand for. */
function typed(fake: ReturnType<typeof fakeHost>['host']) {
  return fake as unknown as {
    [K in Exclude<keyof HindsightApi, 'pathForFile' | 'on'>]: Mock<HindsightApi[K]>
  }
}

async function setup() {
  const { host: fake, emit } = fakeHost()
  const host = typed(fake)
  const store = createStore(fake)
  store.state.result = structuredClone(RUN)
  store.state.view = 'explain'
  const wrapper = mount(ExplainView, {
    attachTo: document.body,
    global: {
      plugins: [createAppI18n('en')],
      provide: { [STORE_KEY as symbol]: store, [HOST_KEY as symbol]: fake },
      stubs: CHARTS
    }
  })
  await settlePlan()
  return { host, emit, store, wrapper }
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('Explain view: plan, run, cancel', () => {
  it('shows the cost before running and re-plans, debounced, when settings change', async () => {
    const { host, wrapper } = await setup()
    expect(host.planExplanation).toHaveBeenCalledTimes(1)
    expect(host.planExplanation.mock.calls[0]?.[0]).toMatchObject({
      runId: 'run-1',
      job: { method: 'kernelshap', level: 'time', index: 0 }
    })
    expect(wrapper.get('[data-testid="plan-calls"]').text()).toBe('2,050 model calls')

    host.planExplanation.mockResolvedValue({ total: 4_194_304, exact: true })
    await wrapper.get('[data-testid="explain-method"]').setValue('exact')
    await wrapper.get('[data-testid="level-cell"]').setValue(true)
    await wrapper.get('[data-testid="explain-seed"]').setValue('7')
    // Three quick changes, one plan.
    await settlePlan()
    expect(host.planExplanation).toHaveBeenCalledTimes(2)
    expect(host.planExplanation.mock.calls[1]?.[0]?.job).toMatchObject({
      method: 'exact',
      level: 'cell',
      seed: 7
    })
    expect(wrapper.get('[data-testid="plan-calls"]').text()).toBe('4,194,304 model calls')
    // A big plan is flagged before running.
    expect(wrapper.get('[data-testid="cost-warning"]').text()).toContain('4,194,304 model calls')
  })

  it("refuses exact enumeration above the engine's player limit, and allows it up to the limit", async () => {
    const { host, store, wrapper } = await setup()
    host.planExplanation.mockResolvedValue({ total: 1_048_578, exact: true, values: 'exact' })
    store.state.result!.summary.data.window = MAX_EXACT_PLAYERS
    await wrapper.get('[data-testid="explain-method"]').setValue('exact')
    await settlePlan()
    // At the limit: allowed, with only the cost warning.
    expect(wrapper.get('[data-testid="cost-warning"]').text()).toContain('1,048,578 model calls')
    expect(wrapper.get('[data-testid="run-explanation"]').attributes('disabled')).toBeUndefined()
    store.state.result!.summary.data.window = MAX_EXACT_PLAYERS + 1
    await settlePlan()
    const warning = wrapper.get('[data-testid="cost-warning"]').text()
    expect(warning).toContain(`${MAX_EXACT_PLAYERS + 1}`)
    expect(warning).toContain(`at most ${MAX_EXACT_PLAYERS} players`)
    expect(wrapper.get('[data-testid="run-explanation"]').attributes('disabled')).toBeDefined()
  })

  it('says whether the values are exact or sampled, apart from whether the count is exact', async () => {
    const { host, wrapper } = await setup()
    host.planExplanation.mockResolvedValue({ total: 2190, exact: true, values: 'sampled' })
    await wrapper.get('[data-testid="explain-seed"]').setValue('8')
    await settlePlan()
    expect(wrapper.get('[data-testid="plan-calls"]').text()).toBe('2,190 model calls')
    expect(wrapper.get('[data-testid="plan-values"]').text()).toBe('sampled Shapley values')
    host.planExplanation.mockResolvedValue({ total: 3000, exact: false, values: 'sampled' })
    await wrapper.get('[data-testid="explain-method"]').setValue('timeshap')
    await settlePlan()
    expect(wrapper.get('[data-testid="plan-calls"]').text()).toBe('at most 3,000 model calls')
  })

  it('draws the window the plan carries before a run (the renderer never re-cuts it)', async () => {
    const { host, wrapper } = await setup()
    host.planExplanation.mockResolvedValue({
      total: 10,
      exact: true,
      values: 'exact',
      window: {
        time: ['2020-01-01', '2020-02-01'],
        values: [[1], [2]],
        targetTime: '2020-03-01',
        features: ['sales']
      }
    })
    await wrapper.get('[data-testid="explain-seed"]').setValue('9')
    await settlePlan()
    const chart = wrapper.findComponent({ name: 'WindowChart' })
    expect(chart.exists()).toBe(true)
    expect(chart.props('times')).toEqual(['2020-01-01', '2020-02-01'])
    expect(chart.props('values')).toEqual([1, 2])
    expect(chart.props('targetTime')).toBe('2020-03-01')
  })

  it('runs with progress, cancels, and then shows a finished run with its trust panel', async () => {
    const { host, emit, wrapper } = await setup()
    let reject: (error: unknown) => void = () => {}
    host.runExplanation.mockImplementationOnce(
      () => new Promise<ExplanationRecord>((_resolve, r) => (reject = r))
    )
    await wrapper.get('[data-testid="pick-index"]').setValue('2')
    await wrapper.get('[data-testid="pick-index"]').trigger('change')
    await wrapper.get('[data-testid="run-explanation"]').trigger('click')
    await flushPromises()
    expect(host.runExplanation.mock.calls[0]?.[0]).toMatchObject({
      runId: 'run-1',
      job: { method: 'kernelshap', index: 1, checks: true }
    })
    emit('explain:progress', { runId: 'run-1', done: 500, total: 2050 })
    emit('explain:progress', { runId: 'other-run', done: 1, total: 2 })
    await flushPromises()
    expect(wrapper.get('[data-testid="explain-progress"]').text()).toContain('500 of 2,050')
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('24')

    await wrapper.get('[data-testid="cancel-explanation"]').trigger('click')
    await flushPromises()
    expect(host.cancelExplanation).toHaveBeenCalledWith({ runId: 'run-1' })
    expect(wrapper.get('[data-testid="cancel-explanation"]').text()).toContain('Cancelling')
    reject({ code: 'cancelled', message: 'Explanation cancelled.' })
    await flushPromises()
    expect(wrapper.get('[data-testid="explain-cancelled"]').text()).toContain('Cancelled')
    expect(wrapper.find('[data-testid="trust-panel"]').exists()).toBe(false)
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)

    host.runExplanation.mockResolvedValueOnce(record())
    host.listExplanations.mockResolvedValue([record()])
    await wrapper.get('[data-testid="run-explanation"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="trust-panel"]').text()).toContain('Holds by construction')
    expect(wrapper.get('[data-testid="history-table"]').text()).toContain('KernelSHAP')
    expect(wrapper.find('[data-testid="explain-cancelled"]').exists()).toBe(false)
  })

  it('shows a run error next to the Run button', async () => {
    const { host, wrapper } = await setup()
    host.runExplanation.mockRejectedValueOnce({
      code: 'busy',
      message: 'An explanation is already running.'
    })
    await wrapper.get('[data-testid="run-explanation"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('already running')
    expect(wrapper.get('[data-testid="run-explanation"]').attributes('disabled')).toBeUndefined()
  })

  it('exports through renderExport and a download link', async () => {
    const { host, wrapper } = await setup()
    host.runExplanation.mockResolvedValueOnce(record())
    await wrapper.get('[data-testid="run-explanation"]').trigger('click')
    await flushPromises()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    host.renderExport.mockResolvedValueOnce({
      fileName: 'e-1.json',
      mime: 'application/json',
      base64: btoa('{}')
    })
    await wrapper.get('[data-testid="export-json"]').trigger('click')
    await flushPromises()
    expect(host.renderExport).toHaveBeenCalledWith({
      runId: 'run-1',
      explanationIds: ['e-1'],
      format: 'json'
    })
    expect(click).toHaveBeenCalledTimes(1)
    click.mockRestore()
  })
})

describe('Explain view: state across visits', () => {
  it('keeps the picked forecast, the shown explanation and importance by lag after leaving and coming back', async () => {
    const { host, store, wrapper } = await setup()
    await wrapper.get('[data-testid="pick-index"]').setValue('2')
    await wrapper.get('[data-testid="pick-index"]').trigger('change')
    host.runExplanation.mockResolvedValueOnce(record())
    await wrapper.get('[data-testid="run-explanation"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="trust-panel"]').exists()).toBe(true)
    host.globalImportance.mockResolvedValueOnce({
      runId: 'run-1',
      method: 'kernelshap',
      settings: GlobalJobSchema.parse({ windows: 2 }),
      indices: [0, 3],
      lags: [2, 1, 0],
      byLag: [0.1, 0.2, 0.7],
      byLagSigned: [0.1, -0.2, 0.7],
      features: ['sales'],
      byFeature: [1],
      modelCalls: 20,
      seconds: 0.1
    })
    await wrapper.get('[data-testid="run-global"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="global-reach"]').text()).toMatch(/\d/)
    wrapper.unmount()

    const again = mount(ExplainView, {
      attachTo: document.body,
      global: {
        plugins: [createAppI18n('en')],
        provide: { [STORE_KEY as symbol]: store, [HOST_KEY as symbol]: host },
        stubs: CHARTS
      }
    })
    await flushPromises()
    expect((again.get('[data-testid="pick-index"]').element as HTMLInputElement).value).toBe('2')
    expect(again.find('[data-testid="trust-panel"]').exists()).toBe(true)
    expect(again.findComponent({ name: 'HeatmapChart' }).exists()).toBe(true)
    expect(again.get('[data-testid="global-reach"]').text()).toMatch(/\d/)
  })

  it('runs the sanity check without ticking the settings checkbox', async () => {
    const { host, wrapper } = await setup()
    host.runExplanation.mockResolvedValueOnce(record())
    await wrapper.get('[data-testid="run-explanation"]').trigger('click')
    await flushPromises()
    host.runExplanation.mockResolvedValueOnce(record({ id: 'e-2' }))
    await wrapper.get('[data-testid="run-randomisation"]').trigger('click')
    await flushPromises()
    expect(host.runExplanation.mock.calls[1]?.[0]?.job).toMatchObject({ randomisation: true })
    const box = wrapper.get('[data-testid="explain-randomisation"]').element as HTMLInputElement
    expect(box.checked).toBe(false)
  })

  it('lists saved importance-by-lag results of the run and reopens one', async () => {
    const { host, wrapper } = await (async () => {
      const ctx = await setup()
      ctx.host.listGlobalImportance.mockResolvedValue([
        {
          id: 'g-1',
          createdAt: '2024-05-02T10:00:00.000Z',
          runId: 'run-1',
          method: 'exact',
          settings: GlobalJobSchema.parse({ windows: 4 }),
          indices: [0, 1, 2, 3],
          lags: [2, 1, 0],
          byLag: [0.05, 0.15, 0.8],
          byLagSigned: [0.05, 0.15, 0.8],
          features: ['sales'],
          byFeature: [1],
          modelCalls: 40,
          seconds: 0.2
        }
      ])
      return ctx
    })()
    // The list is read with the explanations: when the run opens and after each run.
    host.runExplanation.mockResolvedValueOnce(record())
    await wrapper.get('[data-testid="run-explanation"]').trigger('click')
    await flushPromises()
    expect(host.listGlobalImportance).toHaveBeenCalledWith({ runId: 'run-1' })
    expect(wrapper.get('[data-testid="global-history"]').text()).toContain('4 windows')
    await wrapper.get('[data-testid="global-open"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="global-reach"]').text()).toContain('last step')
  })
})
