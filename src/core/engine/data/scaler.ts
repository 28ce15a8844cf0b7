import type { Scaling } from '../../../shared/data-config'

/** Per-column affine scaling, scaled = (x − shift) / scale; stored with the run. */
export interface ScalerParams {
  readonly kind: Scaling
  readonly columns: readonly {
    readonly name: string
    readonly shift: number
    readonly scale: number
  }[]
}

/**
 * Fit on rows [0, endRow) only — the training part — so nothing about the
 * validation or test values leaks into the inputs. Missing cells are ignored.
 */
export function fitScaler(
  kind: Scaling,
  columns: readonly { readonly name: string; readonly values: Float64Array }[],
  endRow: number
): ScalerParams {
  return {
    kind,
    columns: columns.map(({ name, values }) => {
      let n = 0
      let sum = 0
      let min = Infinity
      let max = -Infinity
      for (let i = 0; i < endRow; i++) {
        const v = values[i]!
        if (Number.isNaN(v)) continue
        n += 1
        sum += v
        if (v < min) min = v
        if (v > max) max = v
      }
      if (n === 0) return { name, shift: 0, scale: 1 }
      if (kind === 'minmax') return { name, shift: min, scale: max > min ? max - min : 1 }
      const mean = sum / n
      let ss = 0
      for (let i = 0; i < endRow; i++) {
        const v = values[i]!
        if (!Number.isNaN(v)) ss += (v - mean) ** 2
      }
      const std = Math.sqrt(ss / n)
      // A constant column scales by 1 so it maps to 0 instead of dividing by zero.
      return { name, shift: mean, scale: std > 0 ? std : 1 }
    })
  }
}

export function scaleValue(params: ScalerParams, column: number, x: number): number {
  const c = params.columns[column]!
  return (x - c.shift) / c.scale
}
