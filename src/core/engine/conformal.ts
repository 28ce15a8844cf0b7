import type { CodedMessage, IntervalEvaluation } from '../../shared/domain'

/**
 * Split-conformal prediction intervals (Vovk et al. 2005; Lei et al. 2018).
 * The absolute residuals of n calibration windows, sorted; the interval at
 * level L is prediction ± the residual of rank ⌈(n + 1) L⌉. With exchangeable
 * residuals it covers a new actual with probability at least L (and below
 * L + 1/(n + 1) without ties). Past rank n the interval would be infinite:
 * that level is left out, and a note says why.
 */
export function conformalHalfWidth(residuals: readonly number[], level: number): number | null {
  const n = residuals.length
  // The tolerance keeps (n + 1)·L that is an integer in exact arithmetic from rounding up.
  const rank = Math.ceil((n + 1) * level - 1e-9)
  if (rank > n || n === 0) return null
  const sorted = residuals.map(Math.abs).sort((a, b) => a - b)
  return sorted[rank - 1]!
}

/** The fewest calibration windows a level needs: ⌈(n + 1) L⌉ ≤ n. */
export function windowsNeeded(level: number): number {
  return Math.ceil(level / (1 - level) - 1e-9)
}

/** Per-step absolute errors: errors[k][i] for output k of window i. */
export type StepErrors = readonly (readonly number[])[]

/**
 * Calibrate every level on the validation errors of each step, and measure
 * on the test errors how often the interval held the actual.
 */
export function calibrateIntervals(
  levels: readonly number[],
  validation: StepErrors,
  test: StepErrors
): { intervals: IntervalEvaluation[]; notes: CodedMessage[] } {
  const n = validation[0]?.length ?? 0
  if (n === 0) {
    return {
      intervals: [],
      notes: levels.length
        ? [
            {
              code: 'intervals-no-validation',
              message:
                'No prediction intervals: there is no validation part to calibrate them on. Give validation a share of the data.'
            }
          ]
        : []
    }
  }
  const intervals: IntervalEvaluation[] = []
  const notes: CodedMessage[] = []
  for (const level of levels) {
    const halfWidth = validation.map((errors) => conformalHalfWidth(errors, level))
    if (halfWidth.some((w) => w === null)) {
      const percent = Math.round(level * 1000) / 10
      const needed = windowsNeeded(level)
      notes.push({
        code: 'intervals-too-few',
        message: `No ${percent}% interval: ${n} validation windows are too few to calibrate it (it needs at least ${needed}).`,
        params: { percent, n, needed }
      })
      continue
    }
    const widths = halfWidth as number[]
    let inside = 0
    let total = 0
    const coverageByStep = test.map((errors, k) => {
      const hits = errors.filter((e) => e <= widths[k]!).length
      inside += hits
      total += errors.length
      return errors.length ? hits / errors.length : 0
    })
    intervals.push({
      level,
      coverage: total ? inside / total : 0,
      coverageByStep,
      halfWidth: widths
    })
  }
  return { intervals, notes }
}
