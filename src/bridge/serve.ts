/**
 * `npm run serve`: Hindsight in a browser. Starts the services (engine via
 * child_process.fork) and the token-protected bridge on 127.0.0.1, then prints
 * the one URL to open. Options: `--port N` (default: a free port).
 * Environment: HINDSIGHT_WORKSPACE (default ~/.hindsight/workspace),
 * HINDSIGHT_PORT, HINDSIGHT_TOKEN (tests only).
 */
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { forkEngine } from '../core/services/fork-engine'
import { createServices } from '../core/services'
import { lockWorkspace } from '../core/runs/workspace-lock'
import { UserFacingError } from '../core/errors'
import { startBridge } from './ws-server'

const root = resolve(__dirname, '../..')

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? process.argv[index + 1] : undefined
}

async function main(): Promise<void> {
  const rendererDir = join(root, 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(
      'Hindsight: the renderer is not built (out/renderer is missing); run `npm run build:renderer`, then `npm run serve`.'
    )
    process.exit(1)
  }
  const portText = option('port') ?? process.env['HINDSIGHT_PORT'] ?? '0'
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Hindsight: --port must be a number from 0 to 65535, not "${portText}".`)
    process.exit(1)
  }
  const workspaceDir =
    process.env['HINDSIGHT_WORKSPACE'] ?? join(homedir(), '.hindsight', 'workspace')
  const version = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  ).version
  // One writer per workspace: a second `serve` (or the desktop app) on it is refused.
  const lock = await lockWorkspace(workspaceDir, 'browser mode').catch((error: unknown) => {
    if (!(error instanceof UserFacingError)) throw error
    console.error(`Hindsight: ${error.message}`)
    process.exit(1)
  })
  const services = createServices({
    workspaceDir,
    samplesDir: join(root, 'resources', 'samples'),
    host: 'browser',
    version,
    spawnEngine: forkEngine
  })
  const token = process.env['HINDSIGHT_TOKEN']
  const bridge = await startBridge({
    services,
    rendererDir,
    port,
    ...(token ? { token } : {})
  })
  console.log(`Hindsight browser mode: ${bridge.url}`)
  console.log(`Workspace: ${workspaceDir} (Ctrl+C to stop)`)

  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    void Promise.allSettled([bridge.close(), services.dispose()])
      .then(() => lock.release())
      .finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error('Hindsight: browser mode failed to start:', error)
  process.exit(1)
})
