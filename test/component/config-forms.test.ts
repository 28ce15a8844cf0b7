import { describe, expect, it } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createAppI18n } from '../../src/renderer/src/i18n'
import { createStore, STORE_KEY } from '../../src/renderer/src/state/store'
import DataConfigForm from '../../src/renderer/src/components/DataConfigForm.vue'
import ModelConfigForm from '../../src/renderer/src/components/ModelConfigForm.vue'
import { fakeHost } from './fake-host'

async function setup(locale: 'en' | 'zh-CN' = 'en') {
  const { host, emit } = fakeHost()
  const store = createStore(host)
  await store.actions.init()
  await flushPromises()
  const global = { plugins: [createAppI18n(locale)], provide: { [STORE_KEY as symbol]: store } }
  return { host, emit, store, global }
}

describe('DataConfigForm', () => {
  it('starts valid, with the detected time column and the first numeric target', async () => {
    const { global } = await setup()
    const wrapper = mount(DataConfigForm, { global })
    expect((wrapper.get('#dc-time').element as HTMLSelectElement).value).toBe('date')
    expect((wrapper.get('#dc-target').element as HTMLSelectElement).value).toBe('sales')
    expect(wrapper.findAll('.field-error')).toHaveLength(0)
    expect(wrapper.findAll('[aria-invalid="true"]')).toHaveLength(0)
  })

  it('marks a bad window, explains why, and points aria-describedby at the message', async () => {
    const { global } = await setup()
    const wrapper = mount(DataConfigForm, { global })
    await wrapper.get('#dc-window').setValue('0')
    const input = wrapper.get('#dc-window')
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(input.attributes('aria-describedby')).toContain('dc-window-error')
    expect(wrapper.get('#dc-window-error').text()).toBe('Enter a number from 1 to 10000.')
  })

  it('says when window + horizon does not fit in the test part', async () => {
    const { global } = await setup()
    const wrapper = mount(DataConfigForm, { global })
    await wrapper.get('#dc-window').setValue('40')
    expect(wrapper.get('#dc-window-error').text()).toBe(
      'Window + horizon does not fit in the test part (30 rows).'
    )
  })

  it('shows the test share and refuses a split that leaves nothing to test', async () => {
    const { global } = await setup()
    const wrapper = mount(DataConfigForm, { global })
    expect(wrapper.get('[data-testid="test-pct"]').text()).toBe('15%')
    await wrapper.get('#dc-train').setValue('85')
    expect(wrapper.get('[data-testid="test-pct"]').text()).toBe('0%')
    expect(wrapper.get('#dc-testPct-error').text()).toBe(
      'Train and validation leave nothing for the test part.'
    )
  })

  it('speaks Chinese when the UI does', async () => {
    const { global } = await setup('zh-CN')
    const wrapper = mount(DataConfigForm, { global })
    await wrapper.get('#dc-window').setValue('1.5')
    expect(wrapper.get('#dc-window-error').text()).toBe('请输入整数。')
    expect(wrapper.text()).toContain('时间列')
  })

  it('drops the target from the features when it becomes the target', async () => {
    const { global, store } = await setup()
    const wrapper = mount(DataConfigForm, { global })
    await wrapper.get('input[type="checkbox"][value="price"]').setValue(true)
    expect(store.state.dataForm?.features).toEqual(['price'])
    await wrapper.get('#dc-target').setValue('price')
    expect(store.state.dataForm?.features).toEqual([])
  })
})

describe('ModelConfigForm', () => {
  it('defaults to the reference model', async () => {
    const { global } = await setup()
    const wrapper = mount(ModelConfigForm, { global })
    expect((wrapper.get('#mc-layers').element as HTMLInputElement).value).toBe('3')
    expect((wrapper.get('#mc-units').element as HTMLInputElement).value).toBe('50')
    expect((wrapper.get('#mc-dropout').element as HTMLInputElement).value).toBe('0.2')
    expect((wrapper.get('#mc-batchSize').element as HTMLInputElement).value).toBe('32')
  })

  it('flags out-of-range settings and resets to the reference model', async () => {
    const { global } = await setup()
    const wrapper = mount(ModelConfigForm, { global })
    await wrapper.get('#mc-learningRate').setValue('0')
    await wrapper.get('#mc-layers').setValue('9')
    expect(wrapper.get('#mc-learningRate-error').text()).toBe(
      'Enter a learning rate above 0 and at most 1.'
    )
    expect(wrapper.get('#mc-layers-error').text()).toBe('Enter a number from 1 to 8.')
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Reset to reference')
      ?.trigger('click')
    expect(wrapper.findAll('.field-error')).toHaveLength(0)
  })

  it('invalid settings never reach the host', async () => {
    const { global, store, host } = await setup()
    const wrapper = mount(ModelConfigForm, { global })
    await wrapper.get('#mc-units').setValue('')
    await store.actions.startTraining()
    expect(host.startTraining).not.toHaveBeenCalled()
    expect(store.state.training.startError?.code).toBe('invalid-settings')
  })

  it('valid settings go to the host as contract configs', async () => {
    const { store, host } = await setup()
    store.state.modelForm.layers = 1
    store.state.modelForm.units = 4
    store.state.modelForm.epochs = 2
    await store.actions.startTraining()
    expect(host.startTraining).toHaveBeenCalledWith(
      expect.objectContaining({
        datasetId: 'ds-1',
        timeColumn: 'date',
        data: expect.objectContaining({
          target: 'sales',
          split: { train: 0.7, validation: 0.15, test: 0.15 }
        }),
        model: expect.objectContaining({ layers: 1, units: 4, epochs: 2, cell: 'lstm' })
      })
    )
    expect(store.state.training.runId).toBe('run-1')
  })
})
