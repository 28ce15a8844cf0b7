import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EngineDispatcher } from '../../../src/core/engine/dispatch'
import { RUN_LOCK } from '../../../src/core/runs/run-lock'
import { readRunFile } from '../../../src/core/runs/run-store'
import { createServices } from '../../../src/core/services'
import { forkEngine } from '../../../src/core/services/fork-engine'
import type { EngineEvent } from '../../../src/shared/engine-protocol'
import { testBackend } from '../../helpers/backend'
import { copyV1Workspace } from '../runs/fixture'
import { LOCK_FILE, lockWorkspace } from '../../../src/core/runs/workspace-lock'
import { FORMATS } from '../../../src/core/runs/schema'
import { repoRoot, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
let other: ChildProcess | null = null
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(async () => {
  other?.kill('SIGKILL')
  other = null
  await cleanup()
})

/** Another process, standing in for a second app instance that holds the lock. */
function anotherProcess(): Promise<ChildProcess> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    child.once('spawn', () => resolve(child))
  })
}

async function lockAs(pid: number, path = join(dir, LOCK_FILE)): Promise<void> {
  const owner = {
    format: FORMATS.workspace,
    pid,
    host: hostname(),
    holder: 'browser mode',
    since: 'then'
  }
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, JSON.stringify(owner))
}

describe('two instances on one workspace', () => {
  it('the second is refused while the first runs, with who holds it', async () => {
    other = await anotherProcess()
    await lockAs(other.pid!)
    await expect(lockWorkspace(dir, 'the desktop app')).rejects.toMatchObject({
      code: 'workspace-locked',
      message: expect.stringMatching(
        new RegExp(`in use by another Hindsight \\(browser mode, process ${other.pid}`)
      )
    })
  })

  it('a lock left by a process that died is taken over', async () => {
    other = await anotherProcess()
    const pid = other.pid!
    const exited = new Promise((resolve) => other!.once('exit', resolve))
    other.kill('SIGKILL')
    await exited
    await lockAs(pid)
    const lock = await lockWorkspace(dir, 'the desktop app')
    const owner = JSON.parse(await readFile(lock.path, 'utf8')) as { pid: number; format: string }
    expect(owner).toMatchObject({ pid: process.pid, format: FORMATS.workspace })
    await lock.release()
    await expect(readFile(lock.path)).rejects.toThrow(/ENOENT/)
  })

  it('is free again once the holder releases it', async () => {
    const first = await lockWorkspace(dir, 'browser mode')
    await first.release()
    const second = await lockWorkspace(dir, 'browser mode')
    await second.release()
  })

  it('never two writers to one run: a run another process trains is left alone and cannot be trained here', async () => {
    const backend = await testBackend()
    const runDir = await copyV1Workspace(join(dir, 'ws'))
    await writeFile(
      join(runDir, 'run.json'),
      (await readFile(join(runDir, 'run.json'), 'utf8')).replace(
        '"status": "done"',
        '"status": "running"'
      )
    )
    const inFlight = join(runDir, '.run.json.0123456789ab.tmp')
    await writeFile(inFlight, 'being written')
    other = await anotherProcess()
    await lockAs(other.pid!, join(runDir, RUN_LOCK))

    // Start-up recovery: neither marked interrupted nor robbed of its temp files.
    const services = createServices({
      workspaceDir: join(dir, 'ws'),
      samplesDir: join(repoRoot, 'resources', 'samples'),
      host: 'browser',
      version: 'test',
      spawnEngine: forkEngine
    })
    const [listed] = await services.handlers['runs:list'](undefined)
    expect(listed!.status).toBe('running')
    await expect(readFile(inFlight, 'utf8')).resolves.toBe('being written')
    await expect(services.handlers['runs:resume']({ runId: listed!.id })).rejects.toMatchObject({
      code: 'not-resumable'
    })
    await services.dispose()

    // The engine refuses to train into the folder, whoever asks.
    const replies: Exclude<EngineEvent, { type: 'ready' }>[] = []
    const engine = new EngineDispatcher((e) => {
      if (e.type !== 'ready') replies.push(e)
    }, Promise.resolve(backend))
    const run = await readRunFile(runDir)
    engine.handle({
      type: 'train',
      id: 't1',
      job: { runId: run.id, runDir, dataset: run.dataset, data: run.data, model: run.model }
    })
    await vi.waitFor(() => expect(replies.some((r) => r.id === 't1')).toBe(true))
    expect(replies.find((r) => r.id === 't1')).toMatchObject({
      type: 'failed',
      error: { code: 'run-busy', message: expect.stringMatching(/being trained by another/) }
    })
    expect((await readRunFile(runDir)).status).toBe('running')
  })
})
