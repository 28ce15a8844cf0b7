import { basename, resolve } from 'node:path'
import type { Command } from 'commander'
import {
  BASELINES,
  EXPLAIN_LEVELS,
  EXPLAIN_METHODS,
  ExplainJobSchema
} from '../../shared/explanation'
import { writeFileAtomic } from '../../core/runs/atomic-write'
import { explanationPath } from '../../core/runs/explanation-store'
import { exportFormatOf } from '../../core/exports/export-format'
import { given, int } from '../options'
import { listen, logger, onInterrupt, progressWriter, withServices } from '../session'

interface ExplainOptions {
  run: string
  quantity?: string
  method?: string
  level?: string
  index?: number
  step?: number
  baseline?: string
  background?: number
  samples?: number
  seed?: number
  checks?: boolean
  randomisation?: boolean
  out?: string
  json?: boolean
}

export function explainCommand(program: Command): void {
  program
    .command('explain')
    .description('Explain one test-window forecast of a trained run.')
    .requiredOption('--run <dir>', 'run folder written by train')
    .option('--method <m>', `${EXPLAIN_METHODS.join('|')} (default kernelshap)`)
    .option('--level <l>', `${EXPLAIN_LEVELS.join('|')} (default time)`)
    .option('--index <i>', 'test window, counted from 0 (default 0)', int('--index'))
    .option(
      '--step <h>',
      'step of a multi-step forecast to explain, 1..H (default H, the horizon)',
      int('--step')
    )
    .option('--baseline <b>', `${BASELINES.join('|')} (default mean)`)
    .option(
      '--background <n>',
      'background windows for --baseline background (default 20)',
      int('--background')
    )
    .option(
      '--samples <n>',
      'coalitions (KernelSHAP/TimeSHAP), samples (LIME) or path steps (IG)',
      int('--samples')
    )
    .option('--seed <s>', 'random seed (default 42)', int('--seed'))
    .option(
      '--quantity <q>',
      'forecast|change: explain the forecast, or the predicted change (models trained with --target-mode change)'
    )
    .option('--checks', 'add deletion/insertion curves against a random order')
    .option('--randomisation', 'add the model-randomisation sanity check')
    .option('--out <file>', 'also write the explanation as .json, .csv, .png or .html')
    .option('--json', 'print one JSON object as the last stdout line')
    .action(explain)
}

async function explain(opts: ExplainOptions): Promise<void> {
  const job = ExplainJobSchema.parse({
    ...given({
      method: opts.method,
      level: opts.level,
      index: opts.index,
      step: opts.step,
      baseline: opts.baseline,
      backgroundSize: opts.background,
      samples: opts.samples,
      seed: opts.seed,
      quantity: opts.quantity
    }),
    checks: opts.checks === true,
    randomisation: opts.randomisation === true
  })
  // A bad --out fails now, not after minutes of explaining.
  const format = opts.out === undefined ? null : exportFormatOf(opts.out)
  const runDir = resolve(opts.run)
  const runId = basename(runDir)
  const log = logger(opts.json)
  await withServices(
    () => runDir,
    async (services) => {
      const h = services.handlers
      const plan = await h['explain:plan']({ runId, job })
      const { backend } = await h['engine:status'](undefined)
      log(
        `${job.method} at ${job.level} level, test window ${job.index}${job.step === undefined ? '' : `, step ${job.step}`}: ${plan.exact ? '' : 'at most '}${plan.total} model evaluations on ${backend.name}`
      )
      const progress = progressWriter(opts.json)
      listen(services, { 'explain:progress': (p) => progress.update(p.done, p.total) })
      onInterrupt(() => void h['explain:cancel']({ runId }))
      const record = await h['explain:run']({ runId, job })
      progress.clear()
      const saved = explanationPath(runDir, record.id)
      if (opts.out !== undefined && format !== null) {
        const file = await h['export:render']({ runId, explanationIds: [record.id], format })
        await writeFileAtomic(opts.out, Buffer.from(file.base64, 'base64'))
      }
      log(
        `prediction ${record.prediction.toPrecision(6)}  baseline ${record.baselinePrediction.toPrecision(6)}  Σφ gap ${record.additivityGap.absolute.toExponential(2)}  (${record.modelCalls} evaluations, ${record.seconds.toFixed(2)} s)`
      )
      log(`saved ${saved}${opts.out ? ` and ${resolve(opts.out)}` : ''}`)
      if (!opts.json) return
      process.stdout.write(
        `${JSON.stringify({
          method: record.method,
          level: record.level,
          quantity: record.quantity,
          index: record.index,
          step: record.step,
          prediction: record.prediction,
          baselinePrediction: record.baselinePrediction,
          attributions: record.attributions,
          stderr: record.stderr,
          additivityGap: record.additivityGap.absolute,
          additivityGapRelative: record.additivityGap.relative,
          modelCalls: record.modelCalls,
          seconds: record.seconds,
          players: record.players,
          fidelity: record.fidelity,
          checks: {
            deletionArea: record.checks.deletion?.deletionArea ?? null,
            randomisationSpearman: record.checks.randomisationSpearman
          },
          file: saved
        })}\n`
      )
    }
  )
}
