/**
 * The what-if editor's state: the original window (from the plan or the
 * explanation, so opening the view asks the engine nothing), the stack of
 * edits, and the engine's answers for the edited window — its forecast first,
 * then a fast attribution with its additivity check.
 *
 * The engine runs one job at a time, so at most one request is in flight and
 * only the latest edits are ever sent: edits made meanwhile wait, and those
 * made during a drag are coalesced (DRAG_DEBOUNCE_MS). Attributions are asked
 * for only once the forecast of the same edits is back and nothing newer is
 * waiting, and cancelled when newer edits come, so a drag never queues expensive work
 * behind it. Other what-if work on the same window (a sensitivity sweep) takes
 * its turn through `exclusive`, since the engine refuses a second job.
 */
import { computed, reactive, watch } from 'vue'
import type { HindsightApi } from '@shared/api'
import type { UserError } from '@shared/domain'
import type { CellEdit, WhatIfAttribution, WindowValues } from '@shared/whatif'
import { toUserError } from '../../host/host-error'
import type { EditBatch, EditStack } from './edit-stack'
import {
  applyEdits,
  canUndo,
  effectiveEdits,
  EMPTY_STACK,
  pushBatch,
  replaceLast,
  undo as undoStack
} from './edit-stack'

/** Drag positions are sent at most this often (ms); the last one always is. */
export const DRAG_DEBOUNCE_MS = 30

/** The attribution method for edited windows: per-step values, 256 coalitions. */
export const WHATIF_METHOD = 'kernelshap' as const

export interface WhatIfWindow {
  time: string[]
  /** T × F, original units, columns in model order (target first). */
  values: WindowValues
  features: string[]
}

export interface WhatIfSource {
  runId: () => string | null
  index: () => number
  window: () => WhatIfWindow | null
  originalForecast: () => number | null
}

export function useWhatIf(host: HindsightApi, source: WhatIfSource) {
  const state = reactive({
    stack: EMPTY_STACK as EditStack,
    /** Forecast of the original window as the engine computed it (null until the first answer). */
    original: null as number | null,
    /** Forecast of the edits in `forecastFor` (null while none). */
    edited: null as number | null,
    forecastFor: -1,
    attributions: null as WhatIfAttribution | null,
    attributionsFor: -1,
    error: null as UserError | null,
    /** Edit → forecast shown, and edit → attributions shown, for the latest answers (ms). */
    forecastMs: null as number | null,
    attributionMs: null as number | null,
    /** A drag is in progress (the chart keeps its y axis still meanwhile). */
    dragging: false,
    /** Bumped by every change of the edits; answers for an older version are dropped. */
    version: 0
  })
  let editedAt = 0
  let running = false
  /** Settles when the pump running now stops (for `exclusive` to wait on). */
  let stopped: Promise<void> = Promise.resolve()
  /** The run whose attribution request is in flight (cancelled when newer edits come). */
  let attributing: string | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  const original = computed(() => source.window())
  const columns = computed(() => original.value?.features ?? [])
  const edits = computed<CellEdit[]>(() =>
    original.value ? effectiveEdits(state.stack, original.value.values, columns.value) : []
  )
  const window = computed<WindowValues>(() =>
    original.value ? applyEdits(original.value.values, columns.value, edits.value) : []
  )
  const originalForecast = computed(() => state.original ?? source.originalForecast())
  /** The latest forecast of edited cells (it may be for the previous edits while `pending`). */
  const editedForecast = computed(() =>
    edits.value.length === 0 ? originalForecast.value : state.edited
  )
  const forecastPending = computed(
    () => edits.value.length > 0 && state.forecastFor !== state.version
  )
  const attributionsPending = computed(
    () => edits.value.length > 0 && state.attributionsFor !== state.version
  )

  function changed(debounce: boolean): void {
    state.version += 1
    editedAt = performance.now()
    state.error = null
    // Attributions of an older window would hold the engine for hundreds of ms: stop them, so
    // the new forecast comes at once (the pump sees the cancel and moves on).
    if (attributing) void host.cancelExplanation({ runId: attributing }).catch(() => undefined)
    if (timer) clearTimeout(timer)
    timer = null
    if (debounce) timer = setTimeout(() => void pump(), DRAG_DEBOUNCE_MS)
    else void pump()
  }

  function pump(): Promise<void> {
    if (running) return stopped
    running = true
    stopped = drain()
    return stopped
  }

  async function drain(): Promise<void> {
    try {
      for (;;) {
        const id = source.runId()
        const wanted = state.version
        const cells = edits.value
        if (!id || cells.length === 0) {
          state.forecastFor = wanted
          state.attributionsFor = wanted
          state.attributions = null
          return
        }
        const withAttributions = state.forecastFor === wanted
        if (withAttributions && state.attributionsFor === wanted) return
        // Mid-drag, only forecasts: the drag's end asks for the attributions of where it landed.
        if (withAttributions && state.dragging) return
        const job = {
          index: source.index(),
          edits: cells,
          seed: 42,
          ...(withAttributions ? { method: WHATIF_METHOD } : {})
        }
        let result
        try {
          attributing = withAttributions ? id : null
          result = await host.whatIf({ runId: id, job })
        } catch (error) {
          // Cancelled because newer edits came: not a failure, go on with those.
          if (wanted !== state.version && isCancel(error)) continue
          throw error
        } finally {
          attributing = null
        }
        state.original = result.original.prediction
        // Newer edits arrived meanwhile: this answer is for a window no longer on screen.
        if (wanted !== state.version) continue
        const ms = performance.now() - editedAt
        if (withAttributions) {
          state.attributions = result.attributions ?? null
          state.attributionsFor = wanted
          state.attributionMs = ms
        } else {
          state.edited = result.edited.prediction
          state.forecastFor = wanted
          state.forecastMs = ms
        }
      }
    } catch (error) {
      state.error = toUserError(error)
      state.forecastFor = state.version
      state.attributionsFor = state.version
    } finally {
      running = false
    }
  }

  /**
   * Run other engine work on this window between the pump's requests: it waits
   * for the pump to stop, holds the engine meanwhile, then lets the pump send
   * the edits made in between.
   */
  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    while (running) await stopped
    running = true
    try {
      return await work()
    } finally {
      running = false
      void pump()
    }
  }

  function isCancel(error: unknown): boolean {
    return toUserError(error).code === 'cancelled'
  }

  /** One action that sets several cells (a typed value, a nudge, an applied counterfactual). */
  function apply(batch: EditBatch): void {
    state.stack = pushBatch(state.stack, batch)
    changed(false)
  }

  /** A drag: its first position starts an action, the next ones move it. */
  function drag(edit: CellEdit, phase: 'start' | 'move' | 'end'): void {
    state.dragging = phase !== 'end'
    state.stack =
      phase === 'start' ? pushBatch(state.stack, [edit]) : replaceLast(state.stack, [edit])
    changed(phase === 'move')
  }

  function undo(): void {
    state.stack = undoStack(state.stack)
    changed(false)
  }

  function reset(): void {
    state.stack = EMPTY_STACK
    changed(false)
  }

  // The window arrives after the edits (a scenario loaded before the plan came back): send them.
  watch(original, () => {
    if (canUndo(state.stack)) changed(false)
  })

  // Another forecast or another run: its own window, nothing edited.
  watch([source.runId, source.index], () => {
    state.original = null
    state.attributions = null
    reset()
  })

  return {
    state,
    columns,
    original,
    edits,
    window,
    originalForecast,
    editedForecast,
    forecastPending,
    attributionsPending,
    canUndo: computed(() => canUndo(state.stack)),
    apply,
    drag,
    undo,
    reset,
    exclusive
  }
}

export type WhatIf = ReturnType<typeof useWhatIf>
