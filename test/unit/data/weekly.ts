import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { datasetPath } from '../../helpers/paths'

/**
 * A weekly series with yearly seasonality made from real data: the daily
 * Seattle weather (../shared/datasets/seattle_weather_daily.csv, 2012–2015)
 * averaged over Monday-to-Sunday weeks. Only complete weeks are kept (208 of
 * them), stamped with their Monday; each column is the mean of its 7 days,
 * written with 3 decimals.
 */
export function writeWeeklySeattle(dir: string): string {
  const [header, ...rows] = readFileSync(datasetPath('seattle_weather_daily.csv'), 'utf8')
    .trim()
    .split('\n')
  const weeks = new Map<string, number[][]>()
  for (const row of rows) {
    const [date, ...cells] = row.split(',')
    const t = Date.parse(`${date}T00:00:00Z`)
    const sinceMonday = (new Date(t).getUTCDay() + 6) % 7
    const monday = new Date(t - sinceMonday * 86_400_000).toISOString().slice(0, 10)
    const days = weeks.get(monday) ?? []
    days.push(cells.map(Number))
    weeks.set(monday, days)
  }
  const lines = [header!]
  for (const [monday, days] of weeks) {
    if (days.length !== 7) continue
    const means = days[0]!.map((_, j) => (days.reduce((s, d) => s + d[j]!, 0) / 7).toFixed(3))
    lines.push([monday, ...means].join(','))
  }
  const path = join(dir, 'seattle_weather_weekly.csv')
  writeFileSync(path, lines.join('\n') + '\n')
  return path
}
