/**
 * One chart.js chart bound to a canvas ref for the life of a component: built
 * on mount, rebuilt when its inputs change, updated in place where a cheaper
 * refresh is given, destroyed on unmount.
 *
 * Rebuilds run after Vue has patched the DOM (`flush: 'post'`) and also follow
 * the canvas ref itself, so a canvas that appears later — rendered by a `v-if`
 * that turns true together with the data it draws — is drawn. Building in the
 * pre-flush watcher, before that canvas existed, left the Explain view's
 * per-step bars blank (issue #15, defect 1).
 */
import type { Chart } from 'chart.js'
import { onBeforeUnmount, onMounted, shallowRef, watch } from 'vue'
import type { Ref, ShallowRef, WatchSource } from 'vue'

export interface ChartBinding<C extends Chart> {
  /** The live chart, or null while there is no canvas (or nothing to draw). */
  chart: ShallowRef<C | null>
  /** Destroys and builds again (for changes the watched sources do not see). */
  rebuild: () => void
}

export interface UseChartOptions<C extends Chart> {
  /** Inputs whose change rebuilds the chart. */
  rebuildOn?: WatchSource[]
  /** Inputs whose change updates the live chart in place with `refresh` instead. */
  refreshOn?: WatchSource[]
  /** Applies new data or labels to the live chart; call `chart.update` there. */
  refresh?: (chart: C) => void
  /** Watch `refreshOn` deeply (arrays mutated in place). */
  deepRefresh?: boolean
}

export function useChart<C extends Chart>(
  canvas: Ref<HTMLCanvasElement | null>,
  build: (canvas: HTMLCanvasElement) => C | null,
  options: UseChartOptions<C>
): ChartBinding<C> {
  const chart = shallowRef(null) as ShallowRef<C | null>
  /** The canvas the current chart was built on: mount and the canvas watcher build once. */
  let builtOn: HTMLCanvasElement | null = null

  function destroy(): void {
    chart.value?.destroy()
    chart.value = null
    builtOn = null
  }

  function rebuild(): void {
    destroy()
    builtOn = canvas.value
    if (canvas.value) chart.value = build(canvas.value)
  }

  onMounted(() => {
    if (builtOn !== canvas.value || !builtOn) rebuild()
  })
  onBeforeUnmount(destroy)
  watch(
    canvas,
    (element) => {
      if (element !== builtOn) rebuild()
    },
    { flush: 'post' }
  )
  if (options.rebuildOn && options.rebuildOn.length > 0) {
    watch(options.rebuildOn, rebuild, { flush: 'post' })
  }
  const { refresh, refreshOn } = options
  if (refresh && refreshOn && refreshOn.length > 0) {
    watch(
      refreshOn,
      () => {
        if (chart.value) refresh(chart.value)
        else rebuild()
      },
      { flush: 'post', deep: options.deepRefresh ?? false }
    )
  }
  return { chart, rebuild }
}
