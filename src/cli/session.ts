/**
 * The CLI's side of the app's machinery: the same services (createServices)
 * over the same engine process (forkEngine) that browser mode uses, so
 * training, explaining and saving are written once. The CLI keeps no
 * workspace of its own: a scratch folder holds what the services would
 * remember (the recent list), and runs live where --out or --run says.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { EventChannel, EventPayload } from '../shared/ipc-contract'
import { createServices, type Services } from '../core/services'
import { forkEngine } from '../core/services/fork-engine'

const ROOT = resolve(__dirname, '../..')

/** Run `work` with services whose runs live at `runDirOf(runId)`; the engine stops afterwards. */
export async function withServices<T>(
  runDirOf: (runId: string) => string,
  work: (services: Services) => Promise<T>
): Promise<T> {
  const scratch = await mkdtemp(join(tmpdir(), 'hindsight-cli-'))
  const services = createServices({
    workspaceDir: scratch,
    samplesDir: join(ROOT, 'resources', 'samples'),
    host: 'cli',
    version: 'cli',
    runDirOf,
    spawnEngine: () => forkEngine()
  })
  try {
    return await work(services)
  } finally {
    await services.dispose()
    await rm(scratch, { recursive: true, force: true })
  }
}

/** Ctrl+C once asks `cancel`; a second Ctrl+C quits at once (exit 130). */
export function onInterrupt(cancel: () => void, note?: string): void {
  process.once('SIGINT', () => {
    if (note) process.stderr.write(note)
    cancel()
    process.once('SIGINT', () => process.exit(130))
  })
}

/** Write progress in place on a terminal; nothing when output is piped or --json. */
export function progressWriter(json: boolean | undefined): {
  update(done: number, total: number): void
  clear(): void
} {
  const tty = !json && process.stderr.isTTY === true
  return {
    update: (done, total) => {
      if (tty) process.stderr.write(`\r${done}/${total} windows\x1b[K`)
    },
    clear: () => {
      if (tty) process.stderr.write('\r\x1b[K')
    }
  }
}

/** A line for people, on stderr, unless --json asked for machine output only. */
export function logger(json: boolean | undefined): (line: string) => void {
  return (line) => {
    if (!json) process.stderr.write(`${line}\n`)
  }
}

type Listeners = { [E in EventChannel]?: (payload: EventPayload<E>) => void }

/** Listen to some of the services' events, one typed listener per event. */
export function listen(services: Services, listeners: Listeners): () => void {
  return services.onEvent((event, payload) => listeners[event]?.(payload))
}
