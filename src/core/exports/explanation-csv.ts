import type { ExplanationRecord } from '../../shared/explanation'

/**
 * Long form, one row per cell of the input window (T × F rows):
 * date, lag (steps before the forecast origin), feature, value (original
 * units), attribution of the player that holds the cell, and that player.
 * At time level a step's value repeats for each feature; at feature level a
 * feature's value repeats for each step — the `player` column says which.
 */
export function explanationToCsv(r: ExplanationRecord): string {
  const steps = r.window.time.length
  const rows = ['date,lag,feature,value,attribution,player']
  for (let t = 0; t < steps; t++) {
    for (let f = 0; f < r.features.length; f++) {
      const { value, player } = cellAttribution(r, t, f)
      rows.push(
        [
          r.window.time[t]!,
          steps - 1 - t,
          csvField(r.features[f]!),
          r.window.values[t]![f]!,
          value,
          csvField(player)
        ].join(',')
      )
    }
  }
  return `${rows.join('\n')}\n`
}

function cellAttribution(
  r: ExplanationRecord,
  t: number,
  f: number
): { value: number; player: string } {
  const a = r.attributions
  switch (r.level) {
    case 'cell':
      return { value: (a as number[][])[t]![f]!, player: `${r.window.time[t]} × ${r.features[f]}` }
    case 'time':
      return { value: (a as number[])[t]!, player: r.window.time[t]! }
    case 'feature':
      return { value: (a as number[])[f]!, player: r.features[f]! }
    default:
      throw new Error(`Unknown level ${String(r.level satisfies never)}`)
  }
}

export function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
