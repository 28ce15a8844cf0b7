import { resolve } from 'node:path'
import type { Command } from 'commander'
import { DataConfigSchema } from '../../shared/data-config'
import type { RunSummary } from '../../shared/domain'
import { CELL_TYPES, ModelConfigSchema } from '../../shared/model-config'
import { UserFacingError } from '../../core/errors'
import { evaluationJson, evaluationLines } from '../evaluation-report'
import { given, int, levels, num } from '../options'
import { ProgressLine } from '../progress-line'
import { listen, logger, onInterrupt, withServices } from '../session'

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
  multiStep?: boolean
  intervals?: number[]
  out?: string
  json?: boolean
}

export function trainCommand(program: Command): void {
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
      'auto|level|change: learn the value, or its change from the last value (trending series); auto decides from the training part (default auto)'
    )
    .option('--multi-step', 'predict every step 1..h at once (one output per step)')
    .option(
      '--intervals <levels>',
      'prediction interval levels, e.g. 0.8,0.95 (default), or none',
      levels('--intervals')
    )
    .option('--out <dir>', 'run folder to write (default hindsight-runs/<id>)')
    .option('--json', 'print one JSON object as the last stdout line')
    .action(train)
}

async function train(opts: TrainOptions): Promise<void> {
  const data = DataConfigSchema.parse({
    target: opts.target,
    features: (opts.features ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    ...given({
      window: opts.window,
      horizon: opts.horizon,
      seasonLength: opts.season,
      missing: opts.missing,
      scaling: opts.scaling,
      targetMode: opts.targetMode,
      multiStep: opts.multiStep,
      intervalLevels: opts.intervals
    })
  })
  const model = ModelConfigSchema.parse({
    ...given({
      cell: opts.cell,
      layers: opts.layers,
      units: opts.units,
      dropout: opts.dropout,
      learningRate: opts.lr,
      epochs: opts.epochs,
      batchSize: opts.batch,
      seed: opts.seed
    }),
    ...(opts.patience === undefined
      ? {}
      : { earlyStopping: { enabled: true, patience: opts.patience, restoreBestWeights: true } })
  })
  const log = logger(opts.json)
  const runDirOf = (runId: string): string => resolve(opts.out ?? `hindsight-runs/${runId}`)

  await withServices(runDirOf, async (services) => {
    const h = services.handlers
    const dataset = await h['dataset:openPath']({ path: resolve(opts.data) })
    const engine = await h['engine:status'](undefined)
    const { backend } = engine
    // Said once training is under way, so that bad data yields only its one-line error.
    let announced = false
    const announce = (): void => {
      if (announced) return
      announced = true
      const skipped = backend.tried.filter((t) => !t.ok).map((t) => `${t.name}: ${t.reason}`)
      log(`backend: ${backend.name} (${skipped.join('; ')})`)
      log(`kernels: ${backend.kernels.path} — ${backend.kernels.reason}`)
      log(`engine: process ${engine.pid}`)
    }
    const bar = new ProgressLine(process.stderr, !opts.json && process.stderr.isTTY === true)
    const finished = new Promise<RunSummary>((done) => {
      listen(services, {
        'train:progress': (p) => {
          announce()
          bar.update(p)
        },
        'train:epoch': (e) => {
          announce()
          bar.clear()
          log(
            `epoch ${e.epoch}/${e.epochs}  loss ${e.loss.toFixed(5)}${e.valLoss === null ? '' : `  val ${e.valLoss.toFixed(5)}`}  (${e.seconds.toFixed(1)} s)`
          )
        },
        'train:finished': done
      })
    })
    const { runId } = await h['train:start']({ datasetId: dataset.id, data, model })
    onInterrupt(
      () => void h['train:cancel']({ runId }),
      '\nCancelling after this batch… (Ctrl+C again to quit now)\n'
    )
    const summary = await finished
    bar.clear()
    if (summary.status === 'failed' || summary.status === 'interrupted') {
      throw new UserFacingError('training-failed', summary.message ?? `Training ${summary.status}.`)
    }
    const runDir = runDirOf(runId)
    for (const line of evaluationLines(summary)) log(line)
    log(`${summary.status}${summary.message ? `: ${summary.message}` : ''}`)
    log(`run saved in ${runDir}`)
    if (opts.json) {
      const { history } = await h['runs:get']({ runId })
      process.stdout.write(
        `${JSON.stringify({
          runDir,
          status: summary.status,
          backend: backend.name,
          kernels: backend.kernels.path,
          enginePid: engine.pid,
          epochs: summary.epochsRun,
          history: history.map(({ epoch, loss, valLoss }) => ({ epoch, loss, valLoss })),
          ...evaluationJson(summary),
          trainSeconds: summary.trainSeconds,
          windowsPerSecond: summary.windowsPerSecond
        })}\n`
      )
    }
    if (summary.status === 'cancelled') process.exitCode = 130
  })
}
