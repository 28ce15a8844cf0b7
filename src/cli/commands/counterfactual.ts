import { basename, resolve } from 'node:path'
import type { Command } from 'commander'
import { CounterfactualJobSchema } from '../../shared/whatif'
import { given, int, num } from '../options'
import { listen, logger, onInterrupt, progressWriter, withServices } from '../session'

interface CounterfactualOptions {
  run: string
  index?: number
  target: number
  lock?: string
  lockSteps?: string
  lastSteps?: number
  json?: boolean
}

const list = (text: string | undefined): string[] =>
  text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')

export function counterfactualCommand(program: Command): void {
  program
    .command('counterfactual')
    .description('Find the smallest change to a test window that moves its forecast to a target.')
    .requiredOption('--run <dir>', 'run folder written by train')
    .option('--index <i>', 'test window, counted from 0 (default 0)', int('--index'))
    .requiredOption('--target <x>', 'forecast to reach, in the target’s units', num('--target'))
    .option('--lock <features>', 'comma-separated columns that must not change')
    .option('--lock-steps <steps>', 'comma-separated steps (0 = oldest) that must not change')
    .option('--last-steps <k>', 'only the last k steps may change', int('--last-steps'))
    .option('--json', 'print one JSON object as the last stdout line')
    .action(counterfactual)
}

async function counterfactual(opts: CounterfactualOptions): Promise<void> {
  const job = CounterfactualJobSchema.parse({
    ...given({ index: opts.index ?? 0, target: opts.target, lastSteps: opts.lastSteps }),
    lockedFeatures: list(opts.lock),
    lockedSteps: list(opts.lockSteps).map(Number)
  })
  const runDir = resolve(opts.run)
  const runId = basename(runDir)
  const log = logger(opts.json)
  const r = await withServices(
    () => runDir,
    async (services) => {
      const progress = progressWriter(opts.json)
      listen(services, { 'explain:progress': (p) => progress.update(p.done, p.total) })
      onInterrupt(() => void services.handlers['explain:cancel']({ runId }))
      const found = await services.handlers['explain:counterfactual']({ runId, job })
      progress.clear()
      return found
    }
  )
  log(
    r.reached
      ? `reached ${r.prediction.toPrecision(6)} (target ${r.target}, from ${r.originalPrediction.toPrecision(6)})`
      : `cannot reach ${r.target} within the training ranges and locks; closest forecast ${r.prediction.toPrecision(6)} (from ${r.originalPrediction.toPrecision(6)})`
  )
  log(
    `${r.changed.length} of ${r.window.length * r.columns.length} cells changed, distance ${r.distance.toPrecision(4)} (Σ |change| / training range); ${r.iterations} iterations, ${r.modelCalls} evaluations, ${r.seconds.toFixed(2)} s`
  )
  for (const c of r.changed) {
    log(`  step ${c.step} ${c.feature}: ${c.from.toPrecision(6)} → ${c.to.toPrecision(6)}`)
  }
  if (!opts.json) return
  process.stdout.write(
    `${JSON.stringify({
      target: r.target,
      reached: r.reached,
      prediction: r.prediction,
      window: r.window,
      changed: r.changed,
      distance: r.distance
    })}\n`
  )
}
