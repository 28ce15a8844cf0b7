import { basename, resolve } from 'node:path'
import type { Command } from 'commander'
import { BASELINES, EXPLAIN_METHODS, GlobalJobSchema } from '../../shared/explanation'
import { given, int } from '../options'
import { listen, progressWriter, withServices } from '../session'

interface ImportanceOptions {
  run: string
  quantity?: string
  method?: string
  baseline?: string
  windows?: number
  step?: number
  samples?: number
  seed?: number
  json?: boolean
}

export function importanceCommand(program: Command): void {
  program
    .command('importance')
    .description('How far back does the model look: mean |attribution| by lag over test windows.')
    .requiredOption('--run <dir>', 'run folder written by train')
    .option('--method <m>', `${EXPLAIN_METHODS.join('|')} (default kernelshap)`)
    .option('--baseline <b>', `${BASELINES.join('|')} (default mean)`)
    .option('--windows <n>', 'test windows to average over (default 20)', int('--windows'))
    .option('--quantity <q>', 'forecast|change (see explain)')
    .option('--step <h>', 'step of a multi-step forecast, 1..H (default H)', int('--step'))
    .option('--samples <n>', 'coalitions/samples per window', int('--samples'))
    .option('--seed <s>', 'random seed (default 42)', int('--seed'))
    .option('--json', 'print the result as one JSON line')
    .action(importance)
}

async function importance(opts: ImportanceOptions): Promise<void> {
  const job = GlobalJobSchema.parse(
    given({
      quantity: opts.quantity,
      method: opts.method,
      baseline: opts.baseline,
      windows: opts.windows,
      step: opts.step,
      samples: opts.samples,
      seed: opts.seed
    })
  )
  const runDir = resolve(opts.run)
  const runId = basename(runDir)
  const record = await withServices(
    () => runDir,
    async (services) => {
      const progress = progressWriter(opts.json)
      listen(services, { 'explain:progress': (p) => progress.update(p.done, p.total) })
      const result = await services.handlers['explain:global']({ runId, job })
      progress.clear()
      return result
    }
  )
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(record)}\n`)
    return
  }
  const peak = Math.max(...record.byLag)
  process.stderr.write(
    `mean |attribution| by lag over ${record.indices.length} test windows (${record.method}, ${record.modelCalls} evaluations):\n`
  )
  record.lags.forEach((lag, i) => {
    const v = record.byLag[i]!
    const bar = '#'.repeat(peak > 0 ? Math.round((v / peak) * 40) : 0)
    process.stderr.write(
      `  lag ${String(lag).padStart(4)}  ${v.toPrecision(4).padStart(10)}  ${bar}\n`
    )
  })
}
