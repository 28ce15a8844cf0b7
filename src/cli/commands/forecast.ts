import { basename, resolve } from 'node:path'
import type { Command } from 'commander'
import type { ForecastInterval } from '../../shared/domain'
import { withServices } from '../session'

export function forecastCommand(program: Command): void {
  program
    .command('forecast')
    .description('Forecast past the end of the data with a trained run.')
    .requiredOption('--run <dir>', 'run folder written by train')
    .option('--json', 'print the forecast as one JSON line')
    .action(forecast)
}

async function forecast(opts: { run: string; json?: boolean }): Promise<void> {
  const runDir = resolve(opts.run)
  const runId = basename(runDir)
  const { f, target } = await withServices(
    () => runDir,
    async (services) => {
      const f = await services.handlers['runs:forecast']({ runId })
      const { summary } = await services.handlers['runs:get']({ runId })
      return { f, target: summary.data.target }
    }
  )
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(f)}\n`)
    return
  }
  process.stdout.write(
    `${target} at ${f.targetTime}: ${f.value.toPrecision(6)}${bands(f.intervals ?? [])}  (from ${f.windowStart} … ${f.windowEnd}, ${f.horizon} step(s) ahead)\n`
  )
  if (!f.path) return
  process.stdout.write('step  time        forecast  intervals\n')
  for (const p of f.path) {
    process.stdout.write(
      `${String(p.step).padStart(4)}  ${p.targetTime.padEnd(10)}  ${p.value.toPrecision(6).padStart(8)}${bands(p.intervals)}\n`
    )
  }
}

/** "  80%: [a, b]  95%: [c, d]" */
function bands(intervals: readonly ForecastInterval[]): string {
  return intervals
    .map(
      (i) =>
        `  ${Math.round(i.level * 1000) / 10}%: [${i.lower.toPrecision(6)}, ${i.upper.toPrecision(6)}]`
    )
    .join('')
}
