import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startBridge, type Bridge } from '../../../src/bridge/ws-server'
import { createServices, type Services } from '../../../src/core/services'
import { forkEngine } from '../../../src/core/services/fork-engine'
import { repoRoot, tempDir } from '../../helpers/paths'

export interface TestBridge {
  bridge: Bridge
  services: Services
  stop(): Promise<void>
}

/**
 * A real bridge over real services and a forked engine, in a temp workspace,
 * serving a one-line page: what the hostile-input and fuzz tests attack.
 */
export async function startTestBridge(token: string, prefix: string): Promise<TestBridge> {
  const temp = await tempDir(prefix)
  const rendererDir = join(temp.dir, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Hindsight</title>')
  const services = createServices({
    workspaceDir: join(temp.dir, 'workspace'),
    samplesDir: join(repoRoot, 'resources', 'samples'),
    host: 'browser',
    version: 'test',
    spawnEngine: forkEngine
  })
  const bridge = await startBridge({ services, rendererDir, token })
  return {
    bridge,
    services,
    stop: async () => {
      await bridge.close()
      await services.dispose()
      await temp.cleanup()
    }
  }
}
