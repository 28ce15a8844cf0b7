import type { Evaluation, RunSummary } from '../shared/domain'
import { baselineLosses, coveragePercents } from '../shared/forecast-facts'
const num = (x: number | null): string => (x === null ? '—' : x.toPrecision(5))

/**
 * The evaluation as the CLI prints it: model against the naive forecasts at
 * step H, a per-step table (RMSE, MAE, MASE) for a multi-step run, each
 * interval's coverage against its nominal level, and how the target mode was chosen.
 */
export function evaluationLines(summary: RunSummary): string[] {
  const lines: string[] = []
  const choice = summary.targetModeChoice
  if (choice) lines.push(`target mode: ${choice.mode} — ${choice.reason}`)
  const ev = summary.evaluation
  if (!ev) return lines
  lines.push(`test windows: ${ev.windows}`)
  lines.push(`model  RMSE ${ev.model.rmse.toPrecision(5)}  MAE ${ev.model.mae.toPrecision(5)}`)
  lines.push(`naive  RMSE ${ev.naive.rmse.toPrecision(5)}  MAE ${ev.naive.mae.toPrecision(5)}`)
  if (ev.seasonalNaive) {
    lines.push(
      `season RMSE ${ev.seasonalNaive.rmse.toPrecision(5)}  MAE ${ev.seasonalNaive.mae.toPrecision(5)}`
    )
  }
  const steps = ev.byStep ?? []
  if (steps.length > 1) {
    lines.push('step  model RMSE  MAE        MASE   naive RMSE  season RMSE')
    for (const s of steps) {
      lines.push(
        `${String(s.step).padStart(4)}  ${num(s.model.rmse).padStart(10)}  ${num(s.model.mae).padEnd(9)}  ${num(s.model.mase).padStart(5)}  ${num(s.naive.rmse).padStart(10)}  ${num(s.seasonalNaive?.rmse ?? null).padStart(11)}`
      )
    }
  } else if (steps[0]) {
    lines.push(`MASE ${num(steps[0].model.mase)}`)
  }
  for (const c of coveragePercents(ev)) {
    lines.push(`${c.nominal}% interval: ${c.observed}% of test actuals inside`)
  }
  for (const l of baselineLosses(ev)) {
    const name = l.baseline === 'naive' ? 'naive' : 'seasonal naive'
    lines.push(
      `The ${name} forecast is better on ${l.part} (RMSE ${num(l.baselineRmse)} against ${num(l.modelRmse)} at step ${steps.at(-1)?.step ?? summary.data.horizon}).`
    )
  }
  for (const note of ev.intervalNotes ?? []) lines.push(note.message)
  return lines
}

/** The per-step, interval and target-mode fields `train --json` adds to its object. */
export function evaluationJson(
  summary: RunSummary
): Record<'test' | 'naive' | 'seasonalNaive' | 'intervals' | 'targetMode', unknown> {
  const ev: Evaluation | null = summary.evaluation
  const steps = ev?.byStep ?? []
  const choice = summary.targetModeChoice
  return {
    test: ev
      ? {
          ...ev.model,
          byStep: steps.map((s) => ({
            step: s.step,
            rmse: s.model.rmse,
            mae: s.model.mae,
            mase: s.model.mase
          }))
        }
      : null,
    naive: ev
      ? {
          rmse: ev.naive.rmse,
          mae: ev.naive.mae,
          byStep: steps.map((s) => ({ step: s.step, rmse: s.naive.rmse, mae: s.naive.mae }))
        }
      : null,
    seasonalNaive: ev?.seasonalNaive
      ? {
          rmse: ev.seasonalNaive.rmse,
          mae: ev.seasonalNaive.mae,
          byStep: steps.map((s) => ({
            step: s.step,
            rmse: s.seasonalNaive?.rmse ?? null,
            mae: s.seasonalNaive?.mae ?? null
          }))
        }
      : null,
    intervals: (ev?.intervals ?? []).map((i) => ({
      level: i.level,
      coverage: i.coverage,
      halfWidth: i.halfWidth
    })),
    targetMode: choice
      ? {
          mode: choice.mode,
          requested: choice.requested,
          reason: choice.reason,
          ...(choice.code ? { code: choice.code } : {})
        }
      : { mode: summary.data.targetMode, requested: summary.data.targetMode, reason: null }
  }
}
