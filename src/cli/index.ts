/**
 * `npm run cli -- <command>`: Hindsight without a window. Each command (one
 * file in ./commands) drives the same engine process as the app, forked,
 * through the same services. Errors are one line on stderr and a non-zero
 * exit: 2 for bad arguments, 1 for everything else (bad data, a crashed engine).
 */
import { Command } from 'commander'
import { toUserError } from '../core/errors'
import { explainCommand } from './commands/explain'
import { forecastCommand } from './commands/forecast'
import { importanceCommand } from './commands/importance'
import { trainCommand } from './commands/train'

function buildCli(): Command {
  const program = new Command('hindsight')
    .description('Train recurrent forecasters on a CSV and explain their predictions.')
    .showHelpAfterError()
    .exitOverride()
  trainCommand(program)
  explainCommand(program)
  forecastCommand(program)
  importanceCommand(program)
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
