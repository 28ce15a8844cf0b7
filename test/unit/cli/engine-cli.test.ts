import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readRunFile } from '../../../src/core/runs/run-store'
import { runCli } from '../../helpers/cli'
import { datasetPath, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => ({ dir, cleanup } = await tempDir()))
afterAll(() => cleanup())

const tiny = (out: string, epochs: number): string[] => [
  'train',
  '--data',
  datasetPath('sunspots_yearly.csv'),
  '--target',
  'sunactivity',
  '--window',
  '10',
  '--epochs',
  String(epochs),
  '--layers',
  '1',
  '--units',
  '4',
  '--batch',
  '8',
  '--dropout',
  '0',
  '--out',
  out,
  '--json'
]

/** Process ids whose parent is `pid` (Linux /proc). */
async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = []
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '')
    // Fields after the command name (which may hold spaces) start at ') '.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (ppid === pid) out.push(Number(name))
  }
  return out
}

async function historyLines(runDir: string): Promise<string[]> {
  const text = await readFile(join(runDir, 'history.jsonl'), 'utf8').catch(() => '')
  return text.split('\n').filter((l) => l.trim() !== '')
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

describe('the CLI drives the engine process', () => {
  it('trains in a separate engine process, whose pid it reports', async () => {
    const r = await runCli(tiny(join(dir, 'separate'), 1))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { enginePid: number }
    expect(Number.isInteger(json.enginePid)).toBe(true)
    expect(json.enginePid).toBeGreaterThan(0)
    expect(json.enginePid).not.toBe(r.pid)
    expect(json.enginePid).not.toBe(process.pid)
  }, 120_000)

  it.skipIf(process.platform !== 'linux')(
    'reports an engine killed mid-training in one stderr line, exits 1, and leaves the run interrupted with its history',
    async () => {
      const out = join(dir, 'killed')
      let killed: number | null = null
      const watch = async (cli: number): Promise<void> => {
        // Kill the engine once it has finished an epoch, so there is history to keep.
        for (let i = 0; i < 1200 && killed === null; i++) {
          await sleep(50)
          if ((await historyLines(out)).length === 0) continue
          const [engine] = await childrenOf(cli)
          if (engine === undefined) continue
          process.kill(engine, 'SIGKILL')
          killed = engine
        }
      }
      let watching: Promise<void> = Promise.resolve()
      const r = await runCli(tiny(out, 2000), 120_000, (pid) => (watching = watch(pid)))
      await watching
      expect(killed).not.toBeNull()
      expect(r.code).toBe(1)
      expect(r.stdout).toBe('')
      const lines = r.stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(
        /^error: The engine process stopped unexpectedly \(signal SIGKILL\)\. Work saved so far was kept/
      )
      const run = await readRunFile(out)
      expect(run.status).toBe('interrupted')
      const history = (await historyLines(out)).map(
        (l) => JSON.parse(l) as { epoch: number; loss: number }
      )
      expect(history.length).toBeGreaterThanOrEqual(1)
      expect(run.epochsRun).toBe(history.length)
      expect(history.map((h) => h.epoch)).toEqual(history.map((_, i) => i + 1))
      for (const h of history) expect(Number.isFinite(h.loss)).toBe(true)
    },
    150_000
  )

  it('explains the predicted change of a model trained on changes unless asked otherwise, as the app does', async () => {
    const out = join(dir, 'change')
    const train = await runCli([...tiny(out, 1), '--target-mode', 'change'])
    expect(train.code).toBe(0)
    const explain = async (extra: string[]): Promise<{ quantity: string; prediction: number }> => {
      const r = await runCli(['explain', '--run', out, '--samples', '32', '--json', ...extra])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
        quantity: string
        prediction: number
      }
    }
    const byDefault = await explain([])
    expect(byDefault.quantity).toBe('change')
    const whole = await explain(['--quantity', 'forecast'])
    expect(whole.quantity).toBe('forecast')
    // The forecast is the last value plus the change: they differ by that level (sunspots ≫ 0).
    expect(Math.abs(whole.prediction - byDefault.prediction)).toBeGreaterThan(1)
  }, 120_000)
})
