import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createAppI18n } from '../../src/renderer/src/i18n'
import { HOST_KEY } from '../../src/renderer/src/host'
import { createStore, STORE_KEY } from '../../src/renderer/src/state/store'
import BaselineNotice from '../../src/renderer/src/forecast/BaselineNotice.vue'
import type { Evaluation, Metrics, RunSummary } from '../../src/shared/domain'
import { ModelConfigSchema } from '../../src/shared/model-config'
import { fakeHost, SUMMARY } from './fake-host'

const m = (rmse: number): Metrics => ({ mse: rmse * rmse, rmse, mae: rmse })

/** Multi-step, horizon 3: the model wins at the horizon, the naive forecast at steps 1 and 2. */
const LOSES: Evaluation = {
  windows: 30,
  model: m(1.0),
  naive: m(1.2),
  seasonalNaive: null,
  byStep: [
    { step: 1, model: { ...m(0.5), mase: 0.9 }, naive: m(0.4), seasonalNaive: null },
    { step: 2, model: { ...m(0.8), mase: 1.1 }, naive: m(0.7), seasonalNaive: null },
    { step: 3, model: { ...m(1.0), mase: 1.3 }, naive: m(1.2), seasonalNaive: null }
  ]
}

function run(evaluation: Evaluation): RunSummary {
  return {
    id: 'run-7',
    dir: '/tmp/ws/runs/run-7',
    createdAt: '2026-01-01T00:00:00.000Z',
    status: 'done',
    dataset: { name: SUMMARY.name, path: SUMMARY.path },
    data: {
      target: 'sales',
      features: [],
      window: 10,
      horizon: 3,
      split: { train: 0.7, validation: 0.15, test: 0.15 },
      scaling: 'standard',
      targetMode: 'change',
      missing: 'skip',
      seasonLength: 12,
      multiStep: true,
      intervalLevels: [0.8, 0.95]
    },
    model: {
      ...ModelConfigSchema.parse({}),
      epochs: 40,
      earlyStopping: { enabled: false, patience: 5, restoreBestWeights: true }
    },
    backend: null,
    split: null,
    epochsRun: 40,
    evaluation,
    trainSeconds: 1,
    windowsPerSecond: 100,
    targetModeChoice: { mode: 'change', requested: 'auto', reason: 'Auto: a trend.' }
  }
}

/** The inspection the engine gives for the open dataset: a window of 24 and a season of 7. */
function inspection(window: number, season: number) {
  return {
    columns: [
      {
        name: 'sales',
        suggestedWindow: { steps: window, reason: 'r', code: 'c', params: {} },
        suggestedSeason: { lag: season, reason: 'r', code: 'c', params: {} }
      }
    ]
  }
}

async function setup(summary: RunSummary, suggested = inspection(24, 7)) {
  const { host } = fakeHost()
  host.inspectDataset.mockResolvedValue(suggested as never)
  const store = createStore(host)
  await store.actions.init()
  await flushPromises()
  const wrapper = mount(BaselineNotice, {
    props: { summary, evaluation: summary.evaluation as Evaluation },
    global: {
      plugins: [createAppI18n('en')],
      provide: { [STORE_KEY as symbol]: store, [HOST_KEY as symbol]: host }
    }
  })
  await flushPromises()
  return { host, store, wrapper }
}

describe('when a naive forecast beats the model', () => {
  it('says where, plainly, and offers the three next steps', async () => {
    const { wrapper, host } = await setup(run(LOSES))
    const text = wrapper.get('[data-testid="baseline-notice"]').text()
    expect(text).toContain('At steps 1–2, the naive forecast beats the model on test.')
    expect(text).not.toContain('at the horizon')
    // The suggestions come from the engine's inspection of the run's own dataset and settings.
    expect(host.inspectDataset).toHaveBeenCalledWith(
      expect.objectContaining({ datasetId: SUMMARY.id, target: 'sales', window: 10, horizon: 3 })
    )
    expect(wrapper.get('[data-testid="next-switch-mode"]').text()).toBe(
      'Learn the value itself instead'
    )
    expect(wrapper.get('[data-testid="next-suggested"]').text()).toBe(
      'Use the suggested window 24, season 7'
    )
    expect(wrapper.get('[data-testid="next-longer"]').text()).toBe(
      'Train longer (80 epochs, early stopping on)'
    )
  })

  it('each next step is one click: the run’s settings, one thing changed, in Train', async () => {
    const { wrapper, store } = await setup(run(LOSES))
    await wrapper.get('[data-testid="next-suggested"]').trigger('click')
    await flushPromises()
    expect(store.state.view).toBe('train')
    expect(store.state.dataForm).toMatchObject({
      window: 24,
      seasonLength: 7,
      multiStep: true,
      targetMode: 'auto'
    })

    await wrapper.get('[data-testid="next-switch-mode"]').trigger('click')
    await flushPromises()
    expect(store.state.dataForm).toMatchObject({ window: 10, targetMode: 'level' })

    await wrapper.get('[data-testid="next-longer"]').trigger('click')
    await flushPromises()
    expect(store.state.dataForm).toMatchObject({ window: 10, targetMode: 'auto' })
    expect(store.state.modelForm).toMatchObject({ epochs: 80, earlyStopping: true, patience: 5 })
  })

  it('says a loss on validation at the horizon too, with both RMSEs', async () => {
    const onValidation: Evaluation = {
      ...LOSES,
      byStep: [],
      validation: { windows: 20, model: m(1.1), naive: m(0.9), seasonalNaive: null }
    }
    const { wrapper } = await setup(run(onValidation))
    expect(wrapper.get('[data-testid="baseline-notice"]').text()).toContain(
      'On validation at the horizon (step 3), the naive forecast has a lower RMSE (0.9) than the model (1.1).'
    )
  })

  it('says when the run already uses what the data suggests, instead of offering it', async () => {
    const { wrapper } = await setup(run(LOSES), inspection(10, 12))
    expect(wrapper.find('[data-testid="next-suggested"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="suggested-used"]').text()).toBe(
      'This run already uses what the data suggests: window 10, season 12.'
    )
  })

  it('shows nothing when the model is at least as good everywhere', async () => {
    const wins: Evaluation = {
      ...LOSES,
      byStep: LOSES.byStep?.map((s) => ({ ...s, naive: m(s.model.rmse) }))
    }
    const { wrapper } = await setup(run(wins))
    expect(wrapper.find('[data-testid="baseline-notice"]').exists()).toBe(false)
  })
})
