/**
 * Scenario files: saved atomically where the run keeps them, listed newest first, read back
 * equal, deleted; damaged files are skipped, hostile ids name nothing; and the three exports
 * (JSON, CSV, HTML) say what the scenario holds, checked against the windows directly.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { renderScenarioExport } from '../../../src/core/exports/render-export'
import {
  deleteScenario,
  listScenarios,
  newScenarioId,
  readScenario,
  saveScenario,
  SCENARIOS_DIR
} from '../../../src/core/runs/scenario-store'
import { SCENARIO_SCHEMA, type Scenario } from '../../../src/shared/scenario'
import { repoRoot, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir('hindsight-scenarios-'))
})
afterEach(() => cleanup())

/** The first 6 recorded months of the bundled CO2 sample, one column, with its last two values edited. */
async function sampleScenario(name: string, createdAt: string): Promise<Scenario> {
  const lines = (
    await readFile(join(repoRoot, 'resources/samples/co2_mauna_loa_monthly.csv'), 'utf8')
  )
    .trim()
    .split('\n')
    .slice(1)
    // Months the sample has (it has gaps).
    .filter((line) => line.split(',')[1] !== '')
    .slice(0, 6)
  const time = lines.map((l) => l.split(',')[0]!)
  const window = lines.map((l) => [Number(l.split(',')[1])])
  const edited = window.map((row, t) => (t >= 4 ? [row[0]! + 1.5] : [...row]))
  return {
    schema: SCENARIO_SCHEMA,
    id: newScenarioId(Date.parse(createdAt)),
    name,
    createdAt,
    runId: 'run-1',
    index: 3,
    columns: ['co2'],
    time,
    edits: [4, 5].map((step) => ({ step, feature: 'co2', value: edited[step]![0]! })),
    original: { prediction: 316.1, window },
    edited: { prediction: 317.4, window: edited }
  }
}

describe('scenario files', () => {
  it('round-trip: save, list newest first, read back equal, delete', async () => {
    const older = await sampleScenario('Older', '2026-01-01T00:00:00.000Z')
    const newer = await sampleScenario('Newer, with "quotes"', '2026-02-01T00:00:00.000Z')
    const path = await saveScenario(dir, older)
    expect(path).toBe(join(dir, SCENARIOS_DIR, `${older.id}.json`))
    await saveScenario(dir, newer)
    expect((await listScenarios(dir)).map((s) => s.name)).toEqual([newer.name, older.name])
    expect(await readScenario(dir, older.id)).toEqual(older)
    // Written whole, through a temp file that is gone afterwards.
    expect((await readdir(join(dir, SCENARIOS_DIR))).sort()).toEqual(
      [`${newer.id}.json`, `${older.id}.json`].sort()
    )
    await deleteScenario(dir, older.id)
    expect((await listScenarios(dir)).map((s) => s.id)).toEqual([newer.id])
    await expect(deleteScenario(dir, older.id)).rejects.toMatchObject({ code: 'unknown-scenario' })
  })

  it('a scenario that fails its schema is not written, and leaves the saved one as it was', async () => {
    const good = await sampleScenario('Good', '2026-01-01T00:00:00.000Z')
    await saveScenario(dir, good)
    const before = await readFile(join(dir, SCENARIOS_DIR, `${good.id}.json`), 'utf8')
    await expect(saveScenario(dir, { ...good, name: 'bad\u0000name' })).rejects.toThrow()
    await expect(saveScenario(dir, { ...good, name: '' })).rejects.toThrow()
    expect(await readFile(join(dir, SCENARIOS_DIR, `${good.id}.json`), 'utf8')).toBe(before)
    expect(await readdir(join(dir, SCENARIOS_DIR))).toEqual([`${good.id}.json`])
  })

  it('skips damaged files, and ids that are not ours name nothing (no path escapes)', async () => {
    await mkdir(join(dir, SCENARIOS_DIR), { recursive: true })
    await writeFile(join(dir, SCENARIOS_DIR, 'broken.json'), '{"schema":')
    await writeFile(join(dir, SCENARIOS_DIR, 'other.json'), '{"schema":"something/1"}')
    expect(await listScenarios(dir)).toEqual([])
    expect(await listScenarios(join(dir, 'no-such-run'))).toEqual([])
    for (const id of ['../run', '..', 'a/b', 'A', '', 'x'.repeat(41), 'broken.json']) {
      await expect(readScenario(dir, id)).rejects.toMatchObject({ code: 'unknown-scenario' })
      await expect(deleteScenario(dir, id)).rejects.toMatchObject({ code: 'unknown-scenario' })
    }
  })

  it('ids are unique and sort by time', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newScenarioId(1_700_000_000_000)))
    expect(ids.size).toBe(1000)
    expect(newScenarioId(1_700_000_000_000) < newScenarioId(1_800_000_000_000)).toBe(true)
  })
})

describe('scenario exports', () => {
  it('JSON: the scenario and the cells it changed, from → to', async () => {
    const s = await sampleScenario('Exported', '2026-01-01T00:00:00.000Z')
    const file = renderScenarioExport(s, 'json')
    expect(file.fileName).toBe(`hindsight-scenario-${s.id}.json`)
    const parsed = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as Scenario & {
      changed: { step: number; feature: string; from: number; to: number }[]
    }
    expect(parsed.edited).toEqual(s.edited)
    expect(parsed.changed).toEqual(
      [4, 5].map((step) => ({
        step,
        feature: 'co2',
        from: s.original.window[step]![0],
        to: s.edited.window[step]![0]
      }))
    )
  })

  it('CSV: one row per cell with both values, then the forecasts', async () => {
    const s = await sampleScenario('Exported', '2026-01-01T00:00:00.000Z')
    const lines = Buffer.from(renderScenarioExport(s, 'csv').base64, 'base64')
      .toString('utf8')
      .trim()
      .split('\n')
    expect(lines[0]).toBe('date,lag,feature,original,edited,changed')
    expect(lines).toHaveLength(1 + 6 + 1)
    expect(lines[1]).toBe(
      `${s.time[0]},5,co2,${s.original.window[0]![0]},${s.original.window[0]![0]},false`
    )
    expect(lines[6]).toBe(
      `${s.time[5]},0,co2,${s.original.window[5]![0]},${s.edited.window[5]![0]},true`
    )
    expect(lines[7]).toBe('forecast,,,316.1,317.4,')
  })

  it('HTML: self-contained, the name escaped, one chart per input', async () => {
    const s = await sampleScenario('<script>alert(1)</script> & co', '2026-01-01T00:00:00.000Z')
    const html = Buffer.from(renderScenarioExport(s, 'html').base64, 'base64').toString('utf8')
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co')
    expect(html.match(/<svg /g)).toHaveLength(1)
    expect(html).toContain("default-src 'none'")
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
  })
})
