/**
 * useChart binds a chart to a canvas for a component's life. The case that
 * left the Explain view's per-step bars blank (#15 defect 1): the canvas is
 * rendered by a v-if that turns true together with the data it draws, so the
 * chart must be built after Vue has patched the DOM, on the new canvas.
 */
import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'
import type { Chart } from 'chart.js'
import { useChart } from '../../src/renderer/src/charts/use-chart'

function fakeChart(canvas: HTMLCanvasElement, data: number[]) {
  return { canvas, data, destroy: vi.fn(), update: vi.fn() } as unknown as Chart & {
    data: number[]
    destroy: ReturnType<typeof vi.fn>
  }
}

function harness() {
  const built: { canvas: HTMLCanvasElement; data: number[] }[] = []
  const charts: ReturnType<typeof fakeChart>[] = []
  const data = ref<number[] | null>(null)
  const Comp = defineComponent({
    setup() {
      const canvas = ref<HTMLCanvasElement | null>(null)
      useChart(
        canvas,
        (el) => {
          if (!data.value) return null
          built.push({ canvas: el, data: [...data.value] })
          const chart = fakeChart(el, data.value)
          charts.push(chart)
          return chart
        },
        { rebuildOn: [() => data.value] }
      )
      return () => h('div', data.value ? [h('canvas', { ref: canvas })] : [])
    }
  })
  return { Comp, data, built, charts }
}

describe('useChart', () => {
  it('draws on a canvas that appears with its data, once, after the DOM patch', async () => {
    const { Comp, data, built } = harness()
    const wrapper = mount(Comp)
    expect(built).toHaveLength(0)
    data.value = [1, 2, 3]
    await nextTick()
    await nextTick()
    expect(built).toHaveLength(1)
    expect(built[0]!.canvas).toBe(wrapper.find('canvas').element)
    expect(built[0]!.data).toEqual([1, 2, 3])
  })

  it('rebuilds on new data, destroys the old chart, and destroys on unmount', async () => {
    const { Comp, data, built, charts } = harness()
    data.value = [1]
    const wrapper = mount(Comp)
    await nextTick()
    expect(built).toHaveLength(1)
    data.value = [4, 5]
    await nextTick()
    await nextTick()
    expect(built).toHaveLength(2)
    expect(charts[0]!.destroy).toHaveBeenCalledTimes(1)
    expect(built[1]!.data).toEqual([4, 5])
    wrapper.unmount()
    expect(charts[1]!.destroy).toHaveBeenCalledTimes(1)
  })

  it('lets go of the chart when its canvas goes away', async () => {
    const { Comp, data, charts } = harness()
    data.value = [1]
    mount(Comp)
    await nextTick()
    data.value = null
    await nextTick()
    await nextTick()
    expect(charts[0]!.destroy).toHaveBeenCalled()
  })
})
