import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../src/core/services'
import { forkEngine } from '../../../src/core/services/fork-engine'
import { ExplainJobSchema } from '../../../src/shared/explanation'
import { repoRoot, tempDir } from '../../helpers/paths'
import { copyV1Workspace, V1_RUN_ID } from '../runs/fixture'

let dir: string
let cleanup: () => Promise<void>
let services: Services | null = null
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(async () => {
  await services?.dispose()
  services = null
  await cleanup()
})

const workspace = (): string => join(dir, 'workspace')
const outside = (): string => join(dir, 'outside')

async function editJson(path: string, edit: (value: Record<string, unknown>) => unknown) {
  const value = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
  await writeFile(path, JSON.stringify(edit(value), null, 2))
}

/** A workspace with the healthy v1 run and four damaged copies of it. */
async function damagedWorkspace(): Promise<Record<string, string>> {
  const healthy = await copyV1Workspace(workspace())
  const runs = join(workspace(), 'runs')
  const copy = async (id: string): Promise<string> => {
    await cp(healthy, join(runs, id), { recursive: true })
    return join(runs, id)
  }
  const truncated = await copy('truncated')
  const text = await readFile(join(truncated, 'run.json'), 'utf8')
  await writeFile(join(truncated, 'run.json'), text.slice(0, text.length / 2))
  const noWeights = await copy('no-weights')
  await rm(join(noWeights, 'model', 'weights.bin'))
  const elsewhere = await copy('elsewhere')
  await editJson(join(elsewhere, 'run.json'), (v) => ({
    ...v,
    id: 'someone-else',
    dir: join(outside(), 'victim')
  }))
  const escaping = await copy('escaping')
  await mkdir(outside(), { recursive: true })
  await cp(join(healthy, 'model', 'weights.bin'), join(outside(), 'weights.bin'))
  await editJson(join(escaping, 'model', 'model.json'), (v) => ({
    ...v,
    weightsManifest: (v['weightsManifest'] as { weights: unknown }[]).map((g) => ({
      ...g,
      paths: ['../../../../outside/weights.bin']
    }))
  }))
  return { healthy, truncated, noWeights, elsewhere, escaping }
}

function start(): Services {
  services = createServices({
    workspaceDir: workspace(),
    samplesDir: join(repoRoot, 'resources', 'samples'),
    host: 'browser',
    version: 'test',
    spawnEngine: forkEngine
  })
  return services
}

describe('a corrupted or hand-edited run folder', () => {
  it('shows as damaged with the reason while the rest of the workspace loads', async () => {
    await damagedWorkspace()
    const { handlers } = start()
    const list = await handlers['runs:list'](undefined)
    const byId = new Map(list.map((r) => [r.id, r]))
    expect([...byId.keys()].sort()).toEqual(
      [V1_RUN_ID, 'elsewhere', 'escaping', 'no-weights'].sort()
    )
    expect(byId.get(V1_RUN_ID)!.damage).toBeUndefined()
    expect(byId.get('no-weights')!.damage).toMatch(/weights file .*weights\.bin is missing/)
    expect(byId.get('escaping')!.damage).toMatch(/names weights outside its folder/)
    // Where it was found, not what its JSON says.
    expect(byId.get('elsewhere')!.dir).toBe(join(workspace(), 'runs', 'elsewhere'))
    expect(byId.get('elsewhere')!.damage).toBeUndefined()
    const damaged = await handlers['runs:damaged'](undefined)
    expect(damaged).toEqual([
      {
        id: 'truncated',
        dir: join(workspace(), 'runs', 'truncated'),
        reason: expect.stringMatching(/run\.json is not valid JSON/)
      }
    ])
    const detail = await handlers['runs:get']({ runId: 'no-weights' })
    expect(detail.summary.damage).toMatch(/missing/)
    expect(detail.history).toHaveLength(3)
  })

  it('refuses to load damaged models with the reason, and never reads or writes outside the run folder', async () => {
    const runs = await damagedWorkspace()
    const { handlers } = start()
    await expect(handlers['runs:forecast']({ runId: 'no-weights' })).rejects.toMatchObject({
      code: 'damaged-run',
      message: expect.stringMatching(/weights file .* is missing/)
    })
    await expect(handlers['runs:forecast']({ runId: 'escaping' })).rejects.toMatchObject({
      code: 'damaged-run',
      message: expect.stringMatching(/outside its folder/)
    })
    // The run whose JSON points elsewhere works where it is, and writes there.
    await expect(handlers['runs:forecast']({ runId: 'elsewhere' })).resolves.toMatchObject({
      value: expect.any(Number)
    })
    const record = await handlers['explain:run']({
      runId: 'elsewhere',
      job: ExplainJobSchema.parse({ method: 'exact', level: 'feature', index: 0 })
    })
    expect(await readdir(join(runs.elsewhere!, 'explanations'))).toContain(`${record.id}.json`)
    expect((await readdir(outside())).sort()).toEqual(['weights.bin'])
  }, 60_000)

  it('marks an abandoned run interrupted in its own folder, whatever its dir field says', async () => {
    const runs = await damagedWorkspace()
    await editJson(join(runs.elsewhere!, 'run.json'), (v) => ({ ...v, status: 'running' }))
    const { handlers } = start()
    const list = await handlers['runs:list'](undefined)
    expect(list.find((r) => r.id === 'elsewhere')!.status).toBe('interrupted')
    const raw = JSON.parse(await readFile(join(runs.elsewhere!, 'run.json'), 'utf8')) as {
      dir: string
      status: string
    }
    expect(raw).toMatchObject({ status: 'interrupted', dir: runs.elsewhere })
    expect((await readdir(outside())).sort()).toEqual(['weights.bin'])
  })
})
