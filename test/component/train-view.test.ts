import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createAppI18n } from '../../src/renderer/src/i18n'
import { createStore, FLUSH_MS, STORE_KEY } from '../../src/renderer/src/state/store'
import TrainView from '../../src/renderer/src/views/TrainView.vue'
import { fakeHost } from './fake-host'

/** Live training updates reach the UI in batches, every FLUSH_MS. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, FLUSH_MS + 20))
  await flushPromises()
}

async function setup() {
  const { host, emit } = fakeHost()
  const store = createStore(host)
  await store.actions.init()
  await flushPromises()
  const wrapper = mount(TrainView, {
    global: {
      plugins: [createAppI18n('en')],
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
})
