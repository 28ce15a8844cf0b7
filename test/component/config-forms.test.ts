import { describe, expect, it } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createAppI18n } from '../../src/renderer/src/i18n'
import { createStore, STORE_KEY } from '../../src/renderer/src/state/store'
import DataConfigForm from '../../src/renderer/src/components/DataConfigForm.vue'
import ModelConfigForm from '../../src/renderer/src/components/ModelConfigForm.vue'
import { ModelConfigSchema } from '../../src/shared/model-config'
import type { RunSummary } from '../../src/shared/domain'
import { defaultDataForm, validateDataForm } from '../../src/renderer/src/forms/forms'
import { fakeHost, SUMMARY } from './fake-host'

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
    expect(wrapper.get('#dc-window-error').text()).toBe('Enter a whole number from 1 to 10,000.')
  })

  it('says when window + horizon does not fit in the test part', async () => {
    const { global } = await setup()
    const wrapper = mount(DataConfigForm, { global })
    await wrapper.get('#dc-window').setValue('40')
    expect(wrapper.get('#dc-window-error').text()).toBe(
      'Window + horizon does not fit in the test part (30 rows).'
    )
  })

  it("counts a part's rows as the engine splits them (floor of the cumulative share)", () => {
    const dataset = { ...SUMMARY, rows: 2283 }
    const form = { ...defaultDataForm(dataset), window: 340, horizon: 4 }
    // Engine: test = 2283 − ⌊2283 × 0.85⌋ = 343 rows (⌊2283 × 0.15⌋ would say 342).
    expect(validateDataForm(form, dataset).window).toEqual({
      key: 'validation.windowTooLong',
      params: { rows: 343, part: 'test' }
    })
    expect(validateDataForm({ ...form, window: 339 }, dataset).window).toBeUndefined()
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

  it('flags pasted text in Train % and claims no test share from it', async () => {
    const { global, store } = await setup()
    const wrapper = mount(DataConfigForm, { global })
    await wrapper.get('#dc-train').setValue('7e')
    expect(store.state.dataForm?.trainPct).toBe('7e')
    expect(wrapper.get('#dc-trainPct-error').text()).toBe('Enter a number, like 12 or 0.5.')
    expect(wrapper.get('[data-testid="test-pct"]').text()).toBe('—')
    await wrapper.get('#dc-train').setValue('70,5')
    expect(store.state.dataForm?.trainPct).toBe(70.5)
    expect(wrapper.get('[data-testid="test-pct"]').text()).toBe('14.5%')
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
      'Enter a number above 0 and at most 1.'
    )
    expect(wrapper.get('#mc-layers-error').text()).toBe('Enter a whole number from 1 to 8.')
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

describe('numeric fields read what people type and never drop it silently', () => {
  it('takes "0,01" as 0.01 and shows what it understood', async () => {
    const { global, store } = await setup()
    const wrapper = mount(ModelConfigForm, { global })
    const input = wrapper.get('#mc-learningRate')
    await input.setValue('0,01')
    expect(store.state.modelForm.learningRate).toBe(0.01)
    expect(wrapper.find('#mc-learningRate-error').exists()).toBe(false)
    await input.trigger('blur')
    expect((input.element as HTMLInputElement).value).toBe('0.01')
  })

  it('refuses an ambiguous comma, text and pasted junk with a message', async () => {
    const { global, store } = await setup()
    const wrapper = mount(ModelConfigForm, { global })
    await wrapper.get('#mc-epochs').setValue('1,000')
    expect(wrapper.get('#mc-epochs-error').text()).toMatch(/point/)
    await wrapper.get('#mc-learningRate').setValue('1e')
    expect(store.state.modelForm.learningRate).toBe('1e')
    expect(wrapper.get('#mc-learningRate-error').text()).toBe('Enter a number, like 12 or 0.5.')
    expect(wrapper.get('#mc-learningRate').attributes('aria-invalid')).toBe('true')
  })

  it('states the range the contract schema allows, for negative epochs too', async () => {
    const { global } = await setup()
    const wrapper = mount(ModelConfigForm, { global })
    await wrapper.get('#mc-epochs').setValue('-5')
    const { maxValue } = ModelConfigSchema.shape.epochs.unwrap()
    expect(maxValue).toBe(100_000)
    expect(wrapper.get('#mc-epochs-error').text()).toBe('Enter a whole number from 1 to 100,000.')
  })

  it('steps with the arrow keys inside the limits', async () => {
    const { global, store } = await setup()
    const wrapper = mount(ModelConfigForm, { global })
    const layers = wrapper.get('#mc-layers')
    await layers.trigger('keydown', { key: 'ArrowUp' })
    expect(store.state.modelForm.layers).toBe(4)
    store.state.modelForm.layers = 8
    await flushPromises()
    await layers.trigger('keydown', { key: 'ArrowUp' })
    expect(store.state.modelForm.layers).toBe(8)
    expect((layers.element as HTMLInputElement).value).toBe('8')
  })

  it('drops the "fix the settings" banner once every field is fixed', async () => {
    const { global, store } = await setup()
    const wrapper = mount(ModelConfigForm, { global })
    await wrapper.get('#mc-units').setValue('abc')
    await wrapper.get('#mc-dropout').setValue('2')
    await store.actions.startTraining()
    expect(store.state.training.startError?.code).toBe('invalid-settings')
    await wrapper.get('#mc-units').setValue('8')
    await flushPromises()
    expect(store.state.training.startError?.code).toBe('invalid-settings')
    await wrapper.get('#mc-dropout').setValue('0,1')
    await flushPromises()
    expect(store.state.training.startError).toBeNull()
  })

  it('says when early stopping has no validation loss to watch', async () => {
    const { global, store } = await setup()
    const wrapper = mount(ModelConfigForm, { global })
    await wrapper.get('input[type="checkbox"]').setValue(true)
    expect(wrapper.find('[data-testid="no-validation-warning"]').exists()).toBe(false)
    store.state.dataForm!.validationPct = 0
    await flushPromises()
    expect(wrapper.get('[data-testid="no-validation-warning"]').text()).toMatch(
      /watches the training loss/
    )
  })
})

describe('runs carry their settings and their dataset', () => {
  const other = { ...SUMMARY, id: 'ds-2', name: 'gaps.csv', path: '/data/gaps.csv' }
  const run: RunSummary = {
    id: 'run-9',
    dir: '/tmp/ws/runs/run-9',
    createdAt: '2026-01-01T00:00:00.000Z',
    status: 'done',
    dataset: { name: other.name, path: other.path },
    data: {
      target: 'price',
      features: ['sales'],
      window: 12,
      horizon: 3,
      split: { train: 0.6, validation: 0.2, test: 0.2 },
      scaling: 'minmax',
      targetMode: 'change',
      missing: 'interpolate',
      seasonLength: 7,
      multiStep: false,
      intervalLevels: [0.8, 0.95]
    },
    model: { ...ModelConfigSchema.parse({}), epochs: 7, layers: 2 },
    backend: null,
    split: null,
    epochsRun: 7,
    evaluation: null,
    trainSeconds: 1,
    windowsPerSecond: 100
  }

  it('"Train again" reopens the run\'s dataset and restores every setting, target mode included', async () => {
    const { store, host } = await setup()
    host.openPath.mockResolvedValueOnce(other)
    await store.actions.reuseSettings(run)
    expect(host.openPath).toHaveBeenCalledWith({ path: '/data/gaps.csv' })
    expect(store.state.dataset?.name).toBe('gaps.csv')
    expect(store.state.view).toBe('train')
    expect(store.state.dataForm).toMatchObject({
      target: 'price',
      features: ['sales'],
      window: 12,
      horizon: 3,
      trainPct: 60,
      validationPct: 20,
      scaling: 'minmax',
      targetMode: 'change',
      missing: 'interpolate',
      seasonLength: 7
    })
    expect(store.state.modelForm).toMatchObject({ epochs: 7, layers: 2 })
  })

  it('opening a run from Runs opens its dataset, and the first dataset keeps its edits', async () => {
    const { store, host } = await setup()
    store.state.dataForm!.window = 33
    host.getRun.mockResolvedValueOnce({ summary: run, history: [], predictions: null } as never)
    host.openPath.mockResolvedValueOnce(other)
    await store.actions.openRun('run-9')
    expect(store.state.dataset?.path).toBe('/data/gaps.csv')
    expect(store.state.view).toBe('results')
    expect(store.state.dataForm?.target).toBe('price')
    host.openSample.mockResolvedValueOnce(SUMMARY)
    await store.actions.openSample()
    expect(store.state.dataForm?.window).toBe(33)
  })

  it('a run finishing in the background does not swap out the dataset the user opened', async () => {
    const { store, host, emit } = await setup()
    await store.actions.startTraining()
    host.getRun.mockResolvedValueOnce({ summary: run, history: [], predictions: null } as never)
    emit('train:finished', { ...run, id: 'run-1' })
    await flushPromises()
    expect(store.state.result?.summary.id).toBe('run-9')
    expect(host.openPath).not.toHaveBeenCalled()
    expect(store.state.dataset?.path).toBe('/data/sales.csv')
  })
})
