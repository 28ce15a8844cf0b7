import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createAppI18n } from '../../src/renderer/src/i18n'
import { createStore, FLUSH_MS, STORE_KEY } from '../../src/renderer/src/state/store'
import TrainView from '../../src/renderer/src/views/TrainView.vue'
import { ModelConfigSchema } from '../../src/shared/model-config'
import { fakeHost } from './fake-host'

/** Live training updates reach the UI in batches, every FLUSH_MS. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, FLUSH_MS + 20))
  await flushPromises()
}

async function setup(locale: 'en' | 'zh-CN' = 'en') {
  const { host, emit } = fakeHost()
  const store = createStore(host)
  await store.actions.init()
  await flushPromises()
  const wrapper = mount(TrainView, {
    global: {
      plugins: [createAppI18n(locale)],
      provide: { [STORE_KEY as symbol]: store },
      stubs: { LossChart: true }
    }
  })
  return { host, emit, store, wrapper }
}

const progress = {
  runId: 'run-1',
  epoch: 2,
  epochs: 3,
  batch: 5,
  batches: 10,
  batchLoss: 0.25,
  windowsPerSecond: 1234,
  etaSeconds: 75
}

describe('TrainView', () => {
  it('shows live progress and announces finished epochs politely', async () => {
    const { emit, wrapper } = await setup()
    await wrapper.get('[data-testid="start-training"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="training-status"]').text()).toBe('Starting the engine…')
    emit('train:epoch', {
      runId: 'run-1',
      epoch: 1,
      epochs: 3,
      loss: 0.5,
      valLoss: 0.6,
      seconds: 1
    })
    emit('train:progress', progress)
    await settle()
    expect(wrapper.get('[data-testid="training-status"]').text()).toBe('Training')
    expect(wrapper.text()).toContain('Batch 5 of 10')
    expect(wrapper.get('[data-testid="windows-per-second"]').text()).toBe('1,234')
    expect(wrapper.get('[data-testid="eta"]').text()).toBe('1:15')
    const live = wrapper.get('[aria-live="polite"]')
    expect(live.text()).toContain('Epoch 1 of 3')
    const bar = wrapper.get('[role="progressbar"]')
    expect(bar.attributes('aria-valuenow')).toBe('50')
  })

  it('draws a burst of epochs in one batch', async () => {
    const { emit, wrapper, store } = await setup()
    await wrapper.get('[data-testid="start-training"]').trigger('click')
    await flushPromises()
    for (let epoch = 1; epoch <= 50; epoch++) {
      emit('train:epoch', {
        runId: 'run-1',
        epoch,
        epochs: 50,
        loss: 1 / epoch,
        valLoss: null,
        seconds: 0.01
      })
    }
    expect(store.state.training.epochs).toHaveLength(0)
    await settle()
    expect(store.state.training.epochs.map((e) => e.epoch)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1)
    )
  })

  it('ignores events of other runs', async () => {
    const { emit, wrapper, store } = await setup()
    await wrapper.get('[data-testid="start-training"]').trigger('click')
    await flushPromises()
    emit('train:progress', { ...progress, runId: 'someone-else' })
    await settle()
    expect(store.state.training.progress).toBeNull()
  })

  it('cancels the run it started and shows a readable error when that fails', async () => {
    const { host, emit, wrapper } = await setup()
    await wrapper.get('[data-testid="start-training"]').trigger('click')
    emit('train:progress', progress)
    await settle()
    host.cancelTraining.mockRejectedValueOnce({
      code: 'engine-gone',
      message: 'The engine stopped.'
    })
    await wrapper.get('[data-testid="cancel-training"]').trigger('click')
    await flushPromises()
    expect(host.cancelTraining).toHaveBeenCalledWith({ runId: 'run-1' })
    expect(wrapper.get('[role="alert"]').text()).toContain('The engine stopped.')
    expect(wrapper.get('[data-testid="training-status"]').text()).toBe('Training')
  })

  it('puts a start error next to Start, with where it happened', async () => {
    const { host, wrapper } = await setup()
    host.startTraining.mockRejectedValueOnce({
      code: 'too-few-windows',
      message: 'Only 3 test windows remain.',
      column: 'sales'
    })
    await wrapper.get('[data-testid="start-training"]').trigger('click')
    await flushPromises()
    const alert = wrapper.get('[data-testid="start-error"]')
    expect(alert.text()).toContain('Only 3 test windows remain.')
    expect(alert.text()).toContain('column “sales”')
  })

  it('never counts epochs from settings it would refuse', async () => {
    const { store, wrapper } = await setup()
    store.state.modelForm.epochs = -5
    await flushPromises()
    expect(wrapper.get('[data-testid="epoch-of"]').text()).toBe('Epoch 0 of —')
    await wrapper.get('[data-testid="start-training"]').trigger('click')
    await flushPromises()
    const banner = wrapper.get('[data-testid="start-error"]')
    expect(banner.text()).toContain('Fix the highlighted settings first.')
    expect(banner.text()).toContain('Model settings to fix: Epochs.')
    store.state.modelForm.epochs = 3
    await flushPromises()
    expect(wrapper.find('[data-testid="start-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="epoch-of"]').text()).toBe('Epoch 0 of 3')
  })

  it('points at the Data view when a data setting is wrong', async () => {
    const { store, wrapper } = await setup()
    store.state.dataForm!.trainPct = 'e'
    await wrapper.get('[data-testid="start-training"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="start-error"]').text()).toContain(
      'Data settings to fix: Train %.'
    )
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Go to Data')!
      .trigger('click')
    expect(store.state.view).toBe('data')
  })

  it('says what "Check engine" found, or that the engine did not answer', async () => {
    const { host, wrapper } = await setup()
    const check = wrapper.get('[data-testid="check-engine"]')
    await check.trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="engine-check"]').text()).toMatch(
      /^The engine did not answer at /
    )
    const status = {
      backend: {
        name: 'wasm',
        tried: [{ name: 'wasm', ok: true, reason: 'loaded' }],
        kernels: { path: 'fused', reason: 'fused kernels' }
      },
      busy: false,
      pid: 4242
    }
    let answer: () => void = () => undefined
    host.engineStatus.mockImplementationOnce(
      () => new Promise((resolve) => (answer = () => resolve(status as never)))
    )
    await check.trigger('click')
    expect(wrapper.get('[data-testid="engine-check"]').text()).toBe('Asking the engine…')
    answer()
    await flushPromises()
    expect(wrapper.get('[data-testid="engine-check"]').text()).toMatch(
      /^The engine answered at .+: WebAssembly, idle · process 4242\.$/
    )
  })

  it('draws no validation loss when there is none, and says so', async () => {
    const { emit, store, wrapper } = await setup()
    store.state.dataForm!.validationPct = 0
    await wrapper.get('[data-testid="start-training"]').trigger('click')
    await flushPromises()
    emit('train:epoch', {
      runId: 'run-1',
      epoch: 1,
      epochs: 3,
      loss: 0.5,
      valLoss: null,
      seconds: 1
    })
    await settle()
    expect(wrapper.text()).not.toContain('Validation loss')
    expect(wrapper.get('[data-testid="no-validation-loss"]').text()).toBe(
      'No validation part: only the training loss is drawn.'
    )
  })

  it('says how a run failed in the UI language, from its code', async () => {
    const { emit, wrapper } = await setup('zh-CN')
    await wrapper.get('[data-testid="start-training"]').trigger('click')
    await flushPromises()
    emit('train:finished', {
      id: 'run-1',
      dir: '/tmp/ws/runs/run-1',
      createdAt: '2026-01-01T00:00:00.000Z',
      status: 'failed',
      message:
        'sales.csv has 20 rows, fewer than window (30) + horizon (1). Use a shorter window or horizon.',
      notice: {
        code: 'too-few-rows',
        message: 'sales.csv has 20 rows, fewer than window (30) + horizon (1).',
        params: { file: 'sales.csv', rows: 20, window: 30, horizon: 1 }
      },
      dataset: { name: 'sales.csv', path: '/data/sales.csv' },
      data: {
        target: 'sales',
        features: [],
        window: 30,
        horizon: 1,
        split: { train: 0.7, validation: 0.15, test: 0.15 },
        scaling: 'standard',
        targetMode: 'level',
        missing: 'skip',
        multiStep: false,
        intervalLevels: [0.8, 0.95]
      },
      model: ModelConfigSchema.parse({}),
      backend: null,
      split: null,
      epochsRun: 0,
      evaluation: null,
      trainSeconds: null,
      windowsPerSecond: null
    })
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('只有 20 行，少于窗口（30）')
  })
})
