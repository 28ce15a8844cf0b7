import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { csvPathFromArgv, PendingOpen } from '../../../src/main/open-file'

describe('opening a .csv with Hindsight (file association)', () => {
  it('takes the last .csv argument, resolved against the launch folder', () => {
    const cwd = join('/', 'home', 'ana')
    expect(csvPathFromArgv(['/opt/Hindsight/hindsight', 'data/co2.CSV'], cwd)).toBe(
      join(cwd, 'data', 'co2.CSV')
    )
    expect(
      csvPathFromArgv(['hindsight.exe', '--allow-file-access', '/a/x.csv', '/b/y.csv'], cwd)
    ).toBe('/b/y.csv')
  })

  it('ignores switches, the app folder and other files', () => {
    expect(csvPathFromArgv(['electron', '.', '--inspect=9229', '--x=1.csv'], '/w')).toBeNull()
    expect(csvPathFromArgv(['hindsight', 'notes.txt', 'data.csv.bak'], '/w')).toBeNull()
    expect(csvPathFromArgv(['data.csv'], '/w')).toBeNull()
  })

  it('holds a path until the window has loaded, then hands it over once', () => {
    const pending = new PendingOpen()
    const sent: string[] = []
    pending.open('/a.csv')
    pending.open(null)
    expect(sent).toEqual([])
    pending.ready((p) => sent.push(p))
    pending.open('/b.csv')
    pending.ready(null)
    pending.open('/c.csv')
    expect(sent).toEqual(['/a.csv', '/b.csv'])
    pending.ready((p) => sent.push(p))
    expect(sent).toEqual(['/a.csv', '/b.csv', '/c.csv'])
  })
})
