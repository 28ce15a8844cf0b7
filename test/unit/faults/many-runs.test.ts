import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../src/core/services'
import { forkEngine } from '../../../src/core/services/fork-engine'
import { repoRoot, tempDir } from '../../helpers/paths'
import { copyV1Workspace } from '../runs/fixture'

const RUNS = 200
let services: Services
let enginesStarted = 0
let cleanup: () => Promise<void>

beforeAll(async () => {
  const temp = await tempDir()
  cleanup = temp.cleanup
  const workspace = join(temp.dir, 'ws')
  const first = await copyV1Workspace(workspace)
  const text = await readFile(join(first, 'run.json'), 'utf8')
  for (let i = 1; i < RUNS; i++) {
    const dir = join(workspace, 'runs', `run-${String(i).padStart(3, '0')}`)
    await cp(first, dir, { recursive: true })
    const createdAt = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()
    await writeFile(
      join(dir, 'run.json'),
      text.replace(/"createdAt": "[^"]+"/, `"createdAt": "${createdAt}"`)
    )
  }
  services = createServices({
    workspaceDir: workspace,
    samplesDir: join(repoRoot, 'resources', 'samples'),
    host: 'browser',
    version: 'test',
    spawnEngine: () => {
      enginesStarted += 1
      return forkEngine()
    }
  })
}, 60_000)

afterAll(async () => {
  await services.dispose()
  await cleanup()
})

describe(`${RUNS} runs in a workspace`, () => {
  it('runs:list answers in under a second, without loading a model', async () => {
    await services.handlers['runs:list'](undefined) // the start-up recovery scan
    const started = performance.now()
    const list = await services.handlers['runs:list'](undefined)
    const seconds = (performance.now() - started) / 1000
    expect(list).toHaveLength(RUNS)
    expect(list.every((r) => r.status === 'done' && r.damage === undefined)).toBe(true)
    // Generous: it takes ~0.1 s on a 2-core machine; a model load per run would take many.
    expect(seconds).toBeLessThan(1)
    // Listing never started the engine, the only place models load.
    expect(enginesStarted).toBe(0)
  })
})
