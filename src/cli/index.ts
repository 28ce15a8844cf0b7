/**
 * `npm run cli -- <command>`: the engine's jobs without Electron, from the same
 * modules the app uses. Errors are one line on stderr and a non-zero exit.
 */
import { resolve, basename } from 'node:path'
import { Command, InvalidArgumentError } from 'commander'
import { DataConfigSchema } from '../shared/data-config'
import { CELL_TYPES, ModelConfigSchema } from '../shared/model-config'
import {
  BASELINES,
  EXPLAIN_LEVELS,
  EXPLAIN_METHODS,
  ExplainJobSchema,
  GlobalJobSchema
} from '../shared/explanation'
import { globalImportanceRun } from '../core/engine/explain/global-run'
import { forecastLatest } from '../core/engine/forecast'
import {
  explainRun,
  loadRunForExplain,
  planRunExplanation
} from '../core/engine/explain/explain-run'
import { initBackend } from '../core/engine/init-backend'
import { exportFormatOf, writeExplanationFile } from '../core/exports/write-explanation'
import { saveExplanation } from '../core/runs/explanation-store'
import { runTraining } from '../core/engine/run-training'
import { newRunId } from '../core/runs/run-store'
import { readHistory } from '../core/runs/run-store'
import { toUserError } from '../core/errors'
import { ProgressLine } from './progress-line'

const int = (name: string) => (value: string) => {
  const n = Number(value)
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`${name} must be an integer.`)
  return n
}
const num = (name: string) => (value: string) => {
  const n = Number(value)
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number.`)
  return n
}

interface TrainOptions {
  data: string
  target: string
  features?: string
  window?: number
  horizon?: number
  season?: number
  epochs?: number
  batch?: number
  cell?: string
  layers?: number
  units?: number
  dropout?: number
  lr?: number
  seed?: number
  patience?: number
  missing?: string
  scaling?: string
  targetMode?: string
  out?: string
  json?: boolean
}

async function train(opts: TrainOptions): Promise<void> {
  const data = DataConfigSchema.parse({
    target: opts.target,
    features: opts.features
      ? opts.features
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    ...(opts.window === undefined ? {} : { window: opts.window }),
    ...(opts.horizon === undefined ? {} : { horizon: opts.horizon }),
    ...(opts.season === undefined ? {} : { seasonLength: opts.season }),
    ...(opts.missing === undefined ? {} : { missing: opts.missing }),
    ...(opts.scaling === undefined ? {} : { scaling: opts.scaling }),
    ...(opts.targetMode === undefined ? {} : { targetMode: opts.targetMode })
  })
  const model = ModelConfigSchema.parse({
    ...(opts.cell === undefined ? {} : { cell: opts.cell }),
    ...(opts.layers === undefined ? {} : { layers: opts.layers }),
    ...(opts.units === undefined ? {} : { units: opts.units }),
    ...(opts.dropout === undefined ? {} : { dropout: opts.dropout }),
    ...(opts.lr === undefined ? {} : { learningRate: opts.lr }),
    ...(opts.epochs === undefined ? {} : { epochs: opts.epochs }),
    ...(opts.batch === undefined ? {} : { batchSize: opts.batch }),
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.patience === undefined
      ? {}
      : { earlyStopping: { enabled: true, patience: opts.patience, restoreBestWeights: true } })
  })
  const runId = newRunId()
  const runDir = resolve(opts.out ?? `hindsight-runs/${runId}`)
  const backend = await initBackend()
  const log = (line: string): void => {
    if (!opts.json) process.stderr.write(`${line}\n`)
  }
  // Said once training is under way, so that bad data yields only its one-line error.
  let announced = false
  const announce = (): void => {
    if (announced) return
    announced = true
    const skipped = backend.tried.filter((t) => !t.ok).map((t) => `${t.name}: ${t.reason}`)
    log(`backend: ${backend.name} (${skipped.join('; ')})`)
    log(`kernels: ${backend.kernels.path} — ${backend.kernels.reason}`)
  }

  const abort = { aborted: false }
  process.once('SIGINT', () => {
    abort.aborted = true
    process.stderr.write('\nCancelling after this batch… (Ctrl+C again to quit now)\n')
    process.once('SIGINT', () => process.exit(130))
  })
  const bar = new ProgressLine(process.stderr, !opts.json && process.stderr.isTTY === true)
  const summary = await runTraining(
    {
      runId,
      runDir,
      dataset: { name: basename(opts.data), path: resolve(opts.data) },
      data,
      model
    },
    {
      backend,
      signal: abort,
      onProgress: (p) => {
        announce()
        bar.update(p)
      },
      onEpoch: (e) => {
        announce()
        bar.clear()
        log(
          `epoch ${e.epoch}/${e.epochs}  loss ${e.loss.toFixed(5)}${e.valLoss === null ? '' : `  val ${e.valLoss.toFixed(5)}`}  (${e.seconds.toFixed(1)} s)`
        )
      }
    }
  )
  bar.clear()
  const ev = summary.evaluation
  if (ev) {
    log(`test windows: ${ev.windows}`)
    log(`model  RMSE ${ev.model.rmse.toPrecision(5)}  MAE ${ev.model.mae.toPrecision(5)}`)
    log(`naive  RMSE ${ev.naive.rmse.toPrecision(5)}  MAE ${ev.naive.mae.toPrecision(5)}`)
    if (ev.seasonalNaive) {
      log(
        `season RMSE ${ev.seasonalNaive.rmse.toPrecision(5)}  MAE ${ev.seasonalNaive.mae.toPrecision(5)}`
      )
    }
  }
  log(`${summary.status}${summary.message ? `: ${summary.message}` : ''}`)
  log(`run saved in ${runDir}`)
  if (opts.json) {
    const history = await readHistory(runDir)
    process.stdout.write(
      `${JSON.stringify({
        runDir,
        status: summary.status,
        backend: backend.name,
        kernels: backend.kernels.path,
        epochs: summary.epochsRun,
        history: history.map(({ epoch, loss, valLoss }) => ({ epoch, loss, valLoss })),
        test: ev ? ev.model : null,
        naive: ev ? { rmse: ev.naive.rmse, mae: ev.naive.mae } : null,
        seasonalNaive: ev?.seasonalNaive
          ? { rmse: ev.seasonalNaive.rmse, mae: ev.seasonalNaive.mae }
          : null,
        trainSeconds: summary.trainSeconds,
        windowsPerSecond: summary.windowsPerSecond
      })}\n`
    )
  }
  if (summary.status === 'cancelled') process.exitCode = 130
}

interface ExplainOptions {
  run: string
  quantity?: string
  method?: string
  level?: string
  index?: number
  baseline?: string
  background?: number
  samples?: number
  seed?: number
  checks?: boolean
  randomisation?: boolean
  out?: string
  json?: boolean
}

async function explainCommand(opts: ExplainOptions): Promise<void> {
  const job = ExplainJobSchema.parse({
    ...(opts.method === undefined ? {} : { method: opts.method }),
    ...(opts.level === undefined ? {} : { level: opts.level }),
    ...(opts.index === undefined ? {} : { index: opts.index }),
    ...(opts.baseline === undefined ? {} : { baseline: opts.baseline }),
    ...(opts.background === undefined ? {} : { backgroundSize: opts.background }),
    ...(opts.samples === undefined ? {} : { samples: opts.samples }),
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.quantity === undefined ? {} : { quantity: opts.quantity }),
    checks: opts.checks === true,
    randomisation: opts.randomisation === true
  })
  // A bad --out fails now, not after minutes of explaining.
  if (opts.out) exportFormatOf(opts.out)
  const backend = await initBackend()
  const loaded = await loadRunForExplain(resolve(opts.run), backend.kernels.path)
  const plan = planRunExplanation(job, loaded)
  const log = (line: string): void => {
    if (!opts.json) process.stderr.write(`${line}\n`)
  }
  log(
    `${job.method} at ${job.level} level, test window ${job.index}: ${plan.exact ? '' : 'at most '}${plan.total} model evaluations on ${backend.name}`
  )
  const abort = { aborted: false }
  process.once('SIGINT', () => {
    abort.aborted = true
  })
  const tty = !opts.json && process.stderr.isTTY === true
  const record = await explainRun(loaded, job, {
    signal: abort,
    onProgress: (done, total) => {
      if (tty) process.stderr.write(`\r${done}/${total} windows\x1b[K`)
    }
  })
  if (tty) process.stderr.write('\r\x1b[K')
  const saved = await saveExplanation(loaded.run.dir, record)
  if (opts.out) await writeExplanationFile(opts.out, record)
  log(
    `prediction ${record.prediction.toPrecision(6)}  baseline ${record.baselinePrediction.toPrecision(6)}  Σφ gap ${record.additivityGap.absolute.toExponential(2)}  (${record.modelCalls} evaluations, ${record.seconds.toFixed(2)} s)`
  )
  log(`saved ${saved}${opts.out ? ` and ${resolve(opts.out)}` : ''}`)
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({
        method: record.method,
        level: record.level,
        quantity: record.quantity,
        index: record.index,
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
}

interface ImportanceOptions {
  run: string
  quantity?: string
  method?: string
  baseline?: string
  windows?: number
  samples?: number
  seed?: number
  json?: boolean
}

async function importanceCommand(opts: ImportanceOptions): Promise<void> {
  const job = GlobalJobSchema.parse({
    ...(opts.quantity === undefined ? {} : { quantity: opts.quantity }),
    ...(opts.method === undefined ? {} : { method: opts.method }),
    ...(opts.baseline === undefined ? {} : { baseline: opts.baseline }),
    ...(opts.windows === undefined ? {} : { windows: opts.windows }),
    ...(opts.samples === undefined ? {} : { samples: opts.samples }),
    ...(opts.seed === undefined ? {} : { seed: opts.seed })
  })
  const backend = await initBackend()
  const loaded = await loadRunForExplain(resolve(opts.run), backend.kernels.path)
  const tty = !opts.json && process.stderr.isTTY === true
  const record = await globalImportanceRun(loaded, job, {
    onProgress: (done, total) => {
      if (tty) process.stderr.write(`\r${done}/${total} windows\x1b[K`)
    }
  })
  if (tty) process.stderr.write('\r\x1b[K')
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

async function forecastCommand(opts: { run: string; json?: boolean }): Promise<void> {
  const backend = await initBackend()
  const loaded = await loadRunForExplain(resolve(opts.run), backend.kernels.path)
  const f = await forecastLatest(loaded)
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(f)}\n`)
    return
  }
  process.stdout.write(
    `${loaded.run.data.target} at ${f.targetTime}: ${f.value.toPrecision(6)}  (from ${f.windowStart} … ${f.windowEnd}, ${f.horizon} step(s) ahead)\n`
  )
}

export function buildCli(): Command {
  const program = new Command('hindsight')
    .description('Train recurrent forecasters on a CSV and explain their predictions.')
    .showHelpAfterError()
    .exitOverride()
  program
    .command('train')
    .description('Train a model on a CSV and evaluate it against naive forecasts.')
    .requiredOption('--data <file>', 'CSV file (a date column and numeric columns)')
    .requiredOption('--target <column>', 'column to forecast')
    .option('--features <a,b>', 'covariate columns fed to the model besides the target')
    .option('--window <T>', 'time steps in each input window (default 60)', int('--window'))
    .option(
      '--horizon <h>',
      'predict the target h steps after the window (default 1)',
      int('--horizon')
    )
    .option('--season <s>', 'season length for the seasonal naive forecast', int('--season'))
    .option('--epochs <n>', 'epochs (default 100)', int('--epochs'))
    .option('--batch <b>', 'batch size (default 32)', int('--batch'))
    .option('--cell <type>', `recurrent cell: ${CELL_TYPES.join('|')} (default lstm)`)
    .option('--layers <k>', 'recurrent layers (default 3)', int('--layers'))
    .option('--units <u>', 'units per layer (default 50)', int('--units'))
    .option('--dropout <p>', 'dropout after each layer (default 0.2)', num('--dropout'))
    .option('--lr <x>', 'Adam learning rate (default 0.001)', num('--lr'))
    .option('--seed <s>', 'random seed (default 42)', int('--seed'))
    .option(
      '--patience <n>',
      'early stopping patience in epochs (restores best weights)',
      int('--patience')
    )
    .option('--missing <policy>', 'empty cells: skip|ffill|interpolate (default skip)')
    .option('--scaling <kind>', 'standard|minmax (default standard)')
    .option(
      '--target-mode <mode>',
      'level|change: learn the value, or its change from the last value (trending series) (default level)'
    )
    .option('--out <dir>', 'run folder to write (default hindsight-runs/<id>)')
    .option('--json', 'print one JSON object as the last stdout line')
    .action(train)
  program
    .command('explain')
    .description('Explain one test-window forecast of a trained run.')
    .requiredOption('--run <dir>', 'run folder written by train')
    .option('--method <m>', `${EXPLAIN_METHODS.join('|')} (default kernelshap)`)
    .option('--level <l>', `${EXPLAIN_LEVELS.join('|')} (default time)`)
    .option('--index <i>', 'test window, counted from 0 (default 0)', int('--index'))
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
    .action(explainCommand)
  program
    .command('forecast')
    .description('Forecast past the end of the data with a trained run.')
    .requiredOption('--run <dir>', 'run folder written by train')
    .option('--json', 'print the forecast as one JSON line')
    .action(forecastCommand)
  program
    .command('importance')
    .description('How far back does the model look: mean |attribution| by lag over test windows.')
    .requiredOption('--run <dir>', 'run folder written by train')
    .option('--method <m>', `${EXPLAIN_METHODS.join('|')} (default kernelshap)`)
    .option('--baseline <b>', `${BASELINES.join('|')} (default mean)`)
    .option('--windows <n>', 'test windows to average over (default 20)', int('--windows'))
    .option('--quantity <q>', 'forecast|change (see explain)')
    .option('--samples <n>', 'coalitions/samples per window', int('--samples'))
    .option('--seed <s>', 'random seed (default 42)', int('--seed'))
    .option('--json', 'print the result as one JSON line')
    .action(importanceCommand)
  return program
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv)
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return
    if (typeof code === 'string' && code.startsWith('commander.')) {
      process.exitCode = 2
      return // commander already printed the message
    }
    const e = toUserError(error)
    const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues
    const message = issues
      ? issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')
      : e.message
    process.stderr.write(`error: ${message}\n`)
    process.exitCode = issues ? 2 : 1
  }
}

void main(process.argv)
