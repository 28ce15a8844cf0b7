import { basename, resolve } from 'node:path'
import { InvalidArgumentError, type Command } from 'commander'
import { WHATIF_METHODS, WhatIfJobSchema, type CellEdit } from '../../shared/whatif'
import { given, int } from '../options'
import { logger, onInterrupt, withServices } from '../session'

interface WhatIfOptions {
  run: string
  index?: number
  set: CellEdit[]
  method?: string
  json?: boolean
}

const EDIT = /^(\d+):(.+)=([^=]+)$/

/** `STEP:FEATURE=VALUE[,…]` → edits; repeated --set flags add up. */
export function parseEdits(text: string, previous: CellEdit[] = []): CellEdit[] {
  const edits = text.split(',').map((part) => {
    const m = EDIT.exec(part.trim())
    const value = Number(m?.[3])
    if (!m || m[3]!.trim() === '' || !Number.isFinite(value)) {
      throw new InvalidArgumentError(
        `"${part}" is not STEP:FEATURE=VALUE (step from 0, a column name, a number).`
      )
    }
    return { step: Number(m[1]), feature: m[2]!, value }
  })
  return [...previous, ...edits]
}

export function whatIfCommand(program: Command): void {
  program
    .command('whatif')
    .description('Edit cells of a test window and compare the forecasts.')
    .requiredOption('--run <dir>', 'run folder written by train')
    .option('--index <i>', 'test window, counted from 0 (default 0)', int('--index'))
    .requiredOption(
      '--set <edits>',
      'STEP:FEATURE=VALUE[,…]: step 0 is the oldest, values in original units',
      parseEdits
    )
    .option('--method <m>', `attribute the edited window: ${WHATIF_METHODS.join('|')}`)
    .option('--json', 'print one JSON object as the last stdout line')
    .action(whatIf)
}

async function whatIf(opts: WhatIfOptions): Promise<void> {
  const job = WhatIfJobSchema.parse({
    ...given({ index: opts.index ?? 0, method: opts.method }),
    edits: opts.set
  })
  const runDir = resolve(opts.run)
  const runId = basename(runDir)
  const log = logger(opts.json)
  const r = await withServices(
    () => runDir,
    async (services) => {
      onInterrupt(() => void services.handlers['explain:cancel']({ runId }))
      return services.handlers['explain:whatif']({ runId, job })
    }
  )
  const change = r.edited.prediction - r.original.prediction
  log(
    `test window ${r.index}: forecast ${r.original.prediction.toPrecision(6)} → ${r.edited.prediction.toPrecision(6)} (${change >= 0 ? '+' : ''}${change.toPrecision(4)}) after ${job.edits.length} edit(s)`
  )
  const a = r.attributions
  if (a) {
    log(
      `${a.method} attributions of the edited window (${a.level} level, Σφ gap ${a.additivityGap.absolute.toExponential(2)}, ${a.modelCalls} evaluations):`
    )
    a.players.forEach((p, i) => log(`  ${p}: ${a.values[i]!.toPrecision(4)}`))
  }
  if (!opts.json) return
  process.stdout.write(
    `${JSON.stringify({
      original: r.original,
      edited: r.edited,
      ...(a ? { attributions: a } : {})
    })}\n`
  )
}
