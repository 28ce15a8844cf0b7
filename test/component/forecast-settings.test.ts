import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { DataConfigSchema } from '@shared/data-config'
import { createAppI18n } from '../../src/renderer/src/i18n'
import { createStore, STORE_KEY } from '../../src/renderer/src/state/store'
import ForecastSettings from '../../src/renderer/src/forecast/ForecastSettings.vue'
import TrainView from '../../src/renderer/src/views/TrainView.vue'
import type { DataForm } from '../../src/renderer/src/forms/forms'
import { defaultDataForm, toDataConfig, validateDataForm } from '../../src/renderer/src/forms/forms'
import { fakeHost, SUMMARY } from './fake-host'

function form(intervalPcts: (number | string)[]): DataForm {
  return { ...defaultDataForm(SUMMARY), window: 10, intervalPcts }
}

describe('interval levels in the Train form', () => {
  it('refuses exactly what the schema refuses, at each bound (percent in the form, share in the schema)', () => {
    for (const pct of [0, 100, -5, 120, 0.00001, 99.99, 50]) {
      const accepts = DataConfigSchema.safeParse({
        target: 'sales',
        intervalLevels: [pct / 100]
      }).success
      const error = validateDataForm(form([pct]), SUMMARY).intervalPct0
      expect(error === undefined, `${pct} %`).toBe(accepts)
    }
  })

  it('asks for the outer level to be wider, leaves an empty level out, and gives the schema its shares', () => {
    expect(validateDataForm(form([95, 80]), SUMMARY).intervalPct1).toEqual({
      key: 'forecast.settings.intervalsOrder'
    })
    const config = toDataConfig(form([80, '']))
    expect(DataConfigSchema.parse(config).intervalLevels).toEqual([0.8])
    expect(DataConfigSchema.parse(toDataConfig(form([80, 95]))).intervalLevels).toEqual([0.8, 0.95])
  })

  it('defaults to auto, one step, 80 and 95 %; multi-step and the mode reach the config', async () => {
    const { host } = fakeHost()
    const store = createStore(host)
    await store.actions.init()
    await flushPromises()
    const wrapper = mount(ForecastSettings, {
      global: { plugins: [createAppI18n('en')], provide: { [STORE_KEY as symbol]: store } }
    })
    const mode = wrapper.get<HTMLSelectElement>('[data-testid="train-target-mode"]')
    expect(mode.element.value).toBe('auto')
    expect(wrapper.text()).toContain('KPSS')
    expect(wrapper.get<HTMLInputElement>('[data-testid="multi-step"]').element.checked).toBe(false)
    expect(wrapper.get<HTMLInputElement>('[data-testid="interval-level-0"]').element.value).toBe(
      '80'
    )
    await wrapper.get('[data-testid="multi-step"]').setValue(true)
    await mode.setValue('level')
    expect(wrapper.text()).toContain('Fits the value itself')
    const dataForm = store.state.dataForm
    if (!dataForm) throw new Error('no data form')
    expect(toDataConfig(dataForm)).toMatchObject({
      multiStep: true,
      targetMode: 'level',
      intervalLevels: [0.8, 0.95]
    })
  })

  it('an interval level out of range stops training and is named with the Train settings', async () => {
    const { host } = fakeHost()
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
    await wrapper.get('[data-testid="interval-level-1"]').setValue('100')
    await wrapper.get('[data-testid="start-training"]').trigger('click')
    await flushPromises()
    expect(host.startTraining).not.toHaveBeenCalled()
    const problem = wrapper.get('[data-testid="start-error"]').text()
    expect(problem).toContain('Model settings to fix: Outer level %.')
    expect(problem).not.toContain('Data settings to fix')
    expect(wrapper.text()).toContain('Enter a number above 0 and below 100.')
  })
})
