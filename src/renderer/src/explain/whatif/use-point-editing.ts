/**
 * Editing a line chart's points in place: drag a point up or down with the
 * pointer (mouse, pen or touch), or focus the chart and move between points
 * with ← → Home End and nudge the focused one with ↑ ↓ (Shift: ten times
 * more); Enter hands the focused point to `type` (the table's cell, to type a value). The chart's scales give value ↔ pixel; while a drag lasts the y
 * range it started with is held (`frozen`) so the axis does not move under it.
 * The canvas carries its scales as `data-scales` (CSS pixels) for tests.
 */
import type { Chart } from 'chart.js'
import { ref, watch } from 'vue'
import type { Ref } from 'vue'
import type { AxisMap } from './pixel-map'
import { clampedValue, hitPoint, nudgeSize } from './pixel-map'

/** How near (CSS px) the pointer must be to a point to grab it. */
const GRAB_RADIUS = 12

export interface PointEditing {
  /** The values drawn, x = their index. */
  values: () => readonly number[]
  drag: (step: number, value: number, phase: 'start' | 'move' | 'end') => void
  set: (step: number, value: number) => void
  /** Enter on a focused point: type its value elsewhere. */
  type?: (step: number) => void
}

function axisOf(chart: Chart, id: 'x' | 'y'): AxisMap | null {
  const scale = chart.scales[id]
  if (!scale) return null
  return {
    min: scale.min,
    max: scale.max,
    start: scale.getPixelForValue(scale.min),
    end: scale.getPixelForValue(scale.max)
  }
}

export function usePointEditing(chart: Readonly<Ref<Chart | null>>, editing: PointEditing) {
  /** The focused step (keyboard), or null. */
  const focused = ref<number | null>(null)
  /** The y range held during a drag. */
  const frozen = ref<[number, number] | null>(null)
  let dragStep: number | null = null
  let dragAxis: AxisMap | null = null
  const bound = new WeakSet<HTMLCanvasElement>()

  function axes(): { x: AxisMap; y: AxisMap } | null {
    const c = chart.value
    const x = c && axisOf(c, 'x')
    const y = c && axisOf(c, 'y')
    return x && y ? { x, y } : null
  }

  function onDown(event: PointerEvent): void {
    const a = axes()
    const canvas = event.currentTarget as HTMLCanvasElement
    if (!a || event.button !== 0) return
    const step = hitPoint(event.offsetX, event.offsetY, editing.values(), a.x, a.y, GRAB_RADIUS)
    if (step === null) return
    event.preventDefault()
    canvas.setPointerCapture(event.pointerId)
    canvas.focus()
    dragStep = step
    dragAxis = a.y
    focused.value = step
    frozen.value = [a.y.min, a.y.max]
    editing.drag(step, clampedValue(event.offsetY, a.y), 'start')
  }

  function onMove(event: PointerEvent): void {
    const canvas = event.currentTarget as HTMLCanvasElement
    if (dragStep === null || !dragAxis) {
      const a = axes()
      const over =
        a && hitPoint(event.offsetX, event.offsetY, editing.values(), a.x, a.y, GRAB_RADIUS)
      canvas.style.cursor = over === null || over === undefined ? '' : 'ns-resize'
      return
    }
    editing.drag(dragStep, clampedValue(event.offsetY, dragAxis), 'move')
  }

  function onUp(event: PointerEvent): void {
    if (dragStep === null || !dragAxis) return
    editing.drag(dragStep, clampedValue(event.offsetY, dragAxis), 'end')
    dragStep = null
    dragAxis = null
    frozen.value = null
  }

  function onKey(event: KeyboardEvent): void {
    const values = editing.values()
    const last = values.length - 1
    if (last < 0) return
    const at = focused.value ?? last
    const moves: Record<string, number> = {
      ArrowLeft: at - 1,
      ArrowRight: at + 1,
      Home: 0,
      End: last
    }
    if (event.key in moves) {
      focused.value = Math.min(last, Math.max(0, moves[event.key]!))
    } else if (event.key === 'Enter' && editing.type) {
      focused.value = at
      editing.type(at)
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      const sign = event.key === 'ArrowUp' ? 1 : -1
      focused.value = at
      editing.set(at, (values[at] ?? 0) + sign * nudgeSize(values, event.shiftKey))
    } else {
      return
    }
    event.preventDefault()
  }

  function bind(canvas: HTMLCanvasElement): void {
    if (bound.has(canvas)) return
    bound.add(canvas)
    canvas.tabIndex = 0
    canvas.style.touchAction = 'none'
    canvas.addEventListener('pointerdown', onDown)
    canvas.addEventListener('pointermove', onMove)
    canvas.addEventListener('pointerup', onUp)
    canvas.addEventListener('pointercancel', onUp)
    canvas.addEventListener('keydown', onKey)
  }

  watch(
    chart,
    (c) => {
      if (!c) return
      bind(c.canvas)
      const a = axes()
      if (a) c.canvas.dataset['scales'] = JSON.stringify(a)
    },
    { flush: 'post' }
  )

  return { focused, frozen }
}
