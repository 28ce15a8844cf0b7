import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { HOST_KEY } from '../../src/renderer/src/host'
import { createAppI18n } from '../../src/renderer/src/i18n'
import { restoreAndPersist, SAVE_DELAY_MS } from '../../src/renderer/src/runs/app-state'
import { runListFor } from '../../src/renderer/src/runs/use-run-list'
import { createStore, STORE_KEY } from '../../src/renderer/src/state/store'
import RunsView from '../../src/renderer/src/views/RunsView.vue'
import { DataConfigSchema } from '../../src/shared/data-config'
import type { RunDetail, RunStatus } from '../../src/shared/domain'
import { ModelConfigSchema } from '../../src/shared/model-config'
import type { RunListItem } from '../../src/shared/run-admin'
import type { HindsightApi } from '../../src/shared/api'
import { fakeHost } from './fake-host'

function item(id: string, status: RunStatus, rmse: number | null, units: number): RunListItem {
  const m = (v: number) => ({ mse: v * v, rmse: v, mae: v })
  return {
    id,
    dir: `/ws/runs/${id}`,
    createdAt: `2026-01-0${id.slice(-1)}T10:00:00.000Z`,
    status,
    dataset: { name: 'sales.csv', path: '/data/sales.csv', hash: 'sha256:0123456789abcdef' },
    data: DataConfigSchema.parse({ target: 'sales', window: 12 }),
    model: ModelConfigSchema.parse({ layers: 1, units, epochs: 5 }),
    backend: {
      name: 'wasm',
      tried: [],
      kernels: { path: 'fused', reason: '' }
    },
    split: null,
    epochsRun: 5,
    evaluation:
      rmse === null ? null : { windows: 3, model: m(rmse), naive: m(2), seasonalNaive: null },
    trainSeconds: 10,
    windowsPerSecond: 100,
    best: rmse === null ? null : { epoch: 4, valLoss: rmse / 2 }
  }
}

const ITEMS = [
  item('r1', 'done', 1.5, 4),
  { ...item('r2', 'failed', null, 8), message: 'sales.csv, row 7: not a number' },
  item('r3', 'running', 0.5, 16)
]

async function setup() {
  const { host } = fakeHost()
  vi.mocked(host.listRuns as HindsightApi['listRuns']).mockResolvedValue(ITEMS)
  const store = createStore(host)
  const wrapper = mount(RunsView, {
    attachTo: document.body,
    global: {
      plugins: [createAppI18n('en')],
      provide: { [STORE_KEY as symbol]: store, [HOST_KEY as symbol]: host },
      stubs: { CompareLossChart: true, ComparePredictionChart: true }
    }
  })
  await flushPromises()
  const ids = () =>
    wrapper.findAll('tr[data-testid^="run-row-"]').map((r) => r.attributes('data-testid')?.slice(8))
  return { host, store, wrapper, ids }
}

describe('RunsView', () => {
  it('lists runs newest first, filters by text and status, and sorts by a column with missing values last', async () => {
    const { wrapper, ids } = await setup()
    expect(ids()).toEqual(['r3', 'r2', 'r1'])
    expect(wrapper.text()).toContain('#01234567')
    expect(wrapper.text()).toContain('25% better')
    expect(wrapper.get('[data-testid="run-row-r2"] [data-testid="run-message"]').text()).toBe(
      'sales.csv, row 7: not a number'
    )
    expect(wrapper.find('[data-testid="run-row-r1"] [data-testid="run-message"]').exists()).toBe(
      false
    )
    await wrapper.get('[data-testid="runs-filter"]').setValue('1×8')
    expect(ids()).toEqual(['r2'])
    await wrapper.get('[data-testid="runs-filter"]').setValue('')
    await wrapper.get('[data-testid="runs-status-filter"]').setValue('done')
    expect(ids()).toEqual(['r1'])
    await wrapper.get('[data-testid="runs-status-filter"]').setValue('all')
    await wrapper.get('[data-testid="sort-rmse"]').trigger('click')
    expect(ids()).toEqual(['r3', 'r1', 'r2'])
    expect(wrapper.get('th[aria-sort="ascending"]').text()).toContain('Test RMSE')
    await wrapper.get('[data-testid="sort-rmse"]').trigger('click')
    expect(ids()).toEqual(['r1', 'r3', 'r2'])
    wrapper.unmount()
  })

  it('renames a run and keeps its notes', async () => {
    const { host, wrapper } = await setup()
    host.updateRun.mockImplementation(async (req) => ({
      ...ITEMS[0]!,
      name: req.name,
      notes: req.notes
    }))
    await wrapper.get('[data-testid="run-row-r1"] [data-testid="run-name"]').trigger('click')
    await wrapper.get('[data-testid="run-name-input"]').setValue('  Baseline  ')
    await wrapper.get('[data-testid="run-notes-input"]').setValue('first try')
    await wrapper.get('[data-testid="run-details"] form').trigger('submit')
    await flushPromises()
    expect(host.updateRun).toHaveBeenCalledWith({
      runId: 'r1',
      name: 'Baseline',
      notes: 'first try'
    })
    expect(wrapper.get('[data-testid="run-row-r1"] [data-testid="run-name"]').text()).toBe(
      'Baseline'
    )
    expect(wrapper.get('[data-testid="run-details"]').text()).toContain('Saved.')
    wrapper.unmount()
  })

  it('deletes only after confirmation, with the safe choice focused', async () => {
    const { host, wrapper, ids } = await setup()
    await wrapper.get('[data-testid="run-row-r1"] [data-testid="run-name"]').trigger('click')
    await wrapper.get('[data-testid="run-delete"]').trigger('click')
    await flushPromises()
    const confirm = wrapper.get('[data-testid="run-delete-confirm"]')
    expect(confirm.attributes('role')).toBe('alertdialog')
    expect(document.activeElement?.textContent?.trim()).toBe('Keep it')
    await confirm.trigger('keydown', { key: 'Escape' })
    expect(wrapper.find('[data-testid="run-delete-confirm"]').exists()).toBe(false)
    expect(host.deleteRun).not.toHaveBeenCalled()
    await wrapper.get('[data-testid="run-delete"]').trigger('click')
    await wrapper.get('[data-testid="run-delete-confirm-button"]').trigger('click')
    await flushPromises()
    expect(host.deleteRun).toHaveBeenCalledWith({ runId: 'r1' })
    expect(ids()).toEqual(['r3', 'r2'])
    // Focus moves to the run now in the deleted one's place, not to the page body.
    expect(document.activeElement?.getAttribute('data-testid')).toBe('run-name')
    expect(document.activeElement?.textContent?.trim()).toBe(
      wrapper.get('[data-testid="run-row-r2"] [data-testid="run-name"]').text()
    )
    wrapper.unmount()
  })

  it('does not offer to edit or delete a run that is still training', async () => {
    const { wrapper } = await setup()
    await wrapper.get('[data-testid="run-row-r3"] [data-testid="run-name"]').trigger('click')
    expect(wrapper.get('[data-testid="run-name-input"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="run-delete"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="run-export"]').attributes('disabled')).toBeDefined()
    wrapper.unmount()
  })

  it('compares two ticked runs: metrics side by side, differing settings marked', async () => {
    const { host, wrapper } = await setup()
    vi.mocked(host.getRun as HindsightApi['getRun']).mockImplementation(
      async ({ runId }): Promise<RunDetail> => ({
        summary: ITEMS.find((r) => r.id === runId)!,
        history: [{ epoch: 1, loss: 1, valLoss: 1, seconds: 1 }],
        predictions: { time: ['1', '2'], actual: [1, 2], predicted: [1, 2], naive: [1, 1] }
      })
    )
    const compare = wrapper.get('[data-testid="runs-compare"]')
    expect(compare.attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="run-row-r1"] [data-testid="run-select"]').setValue(true)
    await wrapper.get('[data-testid="run-row-r3"] [data-testid="run-select"]').setValue(true)
    expect(compare.attributes('disabled')).toBeUndefined()
    await compare.trigger('click')
    await flushPromises()
    expect(host.getRun).toHaveBeenCalledTimes(2)
    const rmse = wrapper.get('[data-testid="compare-metric-rmse"]')
    expect(rmse.findAll('td').map((td) => td.text())).toEqual(['1.5', '0.5 (best)'])
    expect(wrapper.get('[data-testid="compare-setting-units"]').attributes('data-differs')).toBe(
      'true'
    )
    expect(wrapper.get('[data-testid="compare-setting-window"]').attributes('data-differs')).toBe(
      'false'
    )
    expect(wrapper.get('[data-testid="compare-setting-cell"]').text()).toContain('LSTM')
    wrapper.unmount()
  })
})

describe('import', () => {
  it('refuses an archive over the limit before reading it, in the UI language', async () => {
    const { host, wrapper } = await setup()
    const file = new File(['x'], 'big run.zip', { type: 'application/zip' })
    Object.defineProperty(file, 'size', { value: 50_000_000 })
    await runListFor(host as unknown as HindsightApi).importFile(file)
    await flushPromises()
    expect(host.importRun).not.toHaveBeenCalled()
    expect(wrapper.get('[data-code="archive-too-large"]').text()).toContain(
      'big run.zip is 50 MB; run archives may be up to 48 MB.'
    )
    wrapper.unmount()
  })
})

describe('damaged runs and checkpoints', () => {
  it('shows why a run is damaged, lists unreadable folders, deletes one after confirmation, resumes or keeps best weights', async () => {
    const { host } = fakeHost()
    const interrupted = {
      ...item('r1', 'interrupted', null, 4),
      damage: 'model/weights.bin is missing.',
      checkpoint: { bestEpoch: 2, bestLoss: 0.5, lastEpoch: 3 }
    }
    vi.mocked(host.listRuns as HindsightApi['listRuns']).mockResolvedValue([
      interrupted,
      item('r2', 'done', 1, 4)
    ])
    vi.mocked(host.listDamagedRuns as HindsightApi['listDamagedRuns']).mockResolvedValue([
      { id: 'broken', dir: '/ws/runs/broken', reason: 'run.json is not valid JSON (truncated?).' }
    ])
    vi.mocked(host.useBestWeights as HindsightApi['useBestWeights']).mockResolvedValue({
      ...interrupted,
      evaluation: {
        windows: 3,
        model: { mse: 1, rmse: 1, mae: 1 },
        naive: { mse: 4, rmse: 2, mae: 2 },
        seasonalNaive: null
      }
    })
    const store = createStore(host)
    const wrapper = mount(RunsView, {
      attachTo: document.body,
      global: {
        plugins: [createAppI18n('en')],
        provide: { [STORE_KEY as symbol]: store, [HOST_KEY as symbol]: host }
      }
    })
    await flushPromises()
    const row = wrapper.get('[data-testid="run-row-r1"]')
    expect(row.get('[data-testid="run-damaged"]').text()).toBe('Damaged')
    expect(row.get('[data-testid="run-damage"]').text()).toBe('model/weights.bin is missing.')
    await wrapper.get('[data-testid="runs-status-filter"]').setValue('damaged')
    expect(wrapper.findAll('tr[data-testid^="run-row-"]')).toHaveLength(1)
    await wrapper.get('[data-testid="runs-status-filter"]').setValue('all')

    const folders = wrapper.get('[data-testid="damaged-folders"]')
    expect(folders.text()).toContain('broken')
    expect(folders.text()).toContain('run.json is not valid JSON (truncated?).')
    await folders.get('[data-testid="damaged-delete"]').trigger('click')
    expect(host.deleteRun).not.toHaveBeenCalled()
    await wrapper.get('[data-testid="damaged-delete-confirm"]').trigger('click')
    await flushPromises()
    expect(host.deleteRun).toHaveBeenCalledWith({ runId: 'broken' })
    expect(wrapper.find('[data-testid="damaged-folders"]').exists()).toBe(false)

    await row.get('[data-testid="run-name"]').trigger('click')
    expect(wrapper.get('[data-testid="run-resume"]').text()).toBe('Resume from epoch 3')
    await wrapper.get('[data-testid="run-use-best"]').trigger('click')
    await flushPromises()
    expect(host.useBestWeights).toHaveBeenCalledWith({ runId: 'r1' })
    expect(wrapper.get('[data-testid="run-details"]').text()).toContain(
      'The best weights are now this run’s model.'
    )
    await wrapper.get('[data-testid="run-resume"]').trigger('click')
    await flushPromises()
    expect(host.resumeRun).toHaveBeenCalledWith({ runId: 'r1' })
    // The Train view follows the resumed run (its progress, its cancel) like one started there.
    expect(store.state.training).toMatchObject({ runId: 'run-1', status: 'starting' })
    wrapper.unmount()
  })
})

describe('app state', () => {
  it('restores the last view, run and comparison, then saves changes', async () => {
    const { host } = fakeHost()
    host.getAppState.mockResolvedValue({
      schema: 'hindsight.app-state/1',
      view: 'runs',
      runId: 'r1',
      compare: ['r1', 'r3']
    })
    vi.mocked(host.getRun as HindsightApi['getRun']).mockResolvedValue({
      summary: ITEMS[0]!,
      history: [],
      predictions: null
    })
    const store = createStore(host)
    const runs = runListFor(host)
    const stop = await restoreAndPersist(store, runs, host)
    expect(host.getRun).toHaveBeenCalledWith({ runId: 'r1' })
    expect(store.state.view).toBe('runs')
    expect(store.state.result?.summary.id).toBe('r1')
    expect(runs.state.comparing).toEqual(['r1', 'r3'])
    store.actions.navigate('data')
    runs.closeCompare()
    await vi.waitFor(() => expect(host.setAppState).toHaveBeenCalledTimes(1), {
      timeout: SAVE_DELAY_MS * 4
    })
    expect(host.setAppState).toHaveBeenCalledWith({
      schema: 'hindsight.app-state/1',
      view: 'data',
      runId: 'r1',
      compare: []
    })
    stop()
  })

  it('drops a saved run that no longer opens and ignores unknown views', async () => {
    const { host } = fakeHost()
    host.getAppState.mockResolvedValue({
      schema: 'hindsight.app-state/1',
      view: 'gone',
      runId: 'deleted',
      compare: []
    })
    const store = createStore(host)
    const stop = await restoreAndPersist(store, runListFor(host), host)
    expect(store.state.view).toBe('data')
    expect(store.state.result).toBeNull()
    expect(store.state.resultError).toBeNull()
    stop()
  })
})
