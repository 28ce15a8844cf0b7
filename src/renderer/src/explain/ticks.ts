import type { FontSpec, Scale } from 'chart.js'
import { toFont } from 'chart.js/helpers'
import { evenTicks } from '@shared/ticks'

/** The one tick rule, shared with the exported charts so both label the same steps. */
export { evenTicks } from '@shared/ticks'

/** Minimum free space between two tick labels, in CSS pixels. */
const LABEL_GAP = 14

/**
 * How many labels of these widths fit side by side along `length` pixels with
 * a gap between them: the widest label sets the pitch, so evenly spaced ticks
 * (each label centred on its tick) can never overlap.
 */
export function fittingTicks(length: number, labelWidths: readonly number[]): number {
  const widest = Math.max(0, ...labelWidths)
  if (!(length > 0) || widest === 0) return 2
  return Math.max(2, Math.floor(length / (widest + LABEL_GAP)))
}

/**
 * Evenly spaced tick positions over n slots for a horizontal axis, as many as
 * the axis can show without labels touching (and at most `max`).
 */
export function fittingEvenTicks(scale: Scale, labels: readonly string[], max: number): number[] {
  const { ctx } = scale
  ctx.save()
  ctx.font = toFont((scale.options as { ticks?: { font?: FontSpec } }).ticks?.font ?? {}).string
  const widths = labels.map((label) => ctx.measureText(label).width)
  ctx.restore()
  return evenTicks(labels.length, Math.min(max, fittingTicks(scale.width, widths)))
}
