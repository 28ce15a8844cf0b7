import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DownloadItemLike } from '../../../src/main/downloads'
import { EXPORT_DIR_FILE, readExportDir, rememberExportFolder } from '../../../src/main/downloads'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-downloads-'))
  dirs.push(dir)
  return dir
}

function fakeSession() {
  let handler: ((event: unknown, item: DownloadItemLike, wc: unknown) => void) | null = null
  return {
    session: {
      on: (_event: 'will-download', listener: typeof handler) => {
        handler = listener
      }
    },
    download(name: string, savedTo: string, state = 'completed') {
      const options: { defaultPath?: string }[] = []
      let done: ((event: unknown, state: string) => void) | null = null
      const item: DownloadItemLike = {
        getFilename: () => name,
        getSavePath: () => savedTo,
        setSaveDialogOptions: (o) => options.push(o),
        once: (_event, listener) => (done = listener)
      }
      handler?.({}, item, {})
      return {
        options,
        finish: () => (done as unknown as (e: unknown, s: string) => void)({}, state)
      }
    }
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('remembered export folder', () => {
  it('opens the save dialog in the last folder the user chose, across restarts', async () => {
    const ws = workspace()
    const first = fakeSession()
    await rememberExportFolder(first.session, ws)
    const a = first.download('report.html', '/home/me/exports/report.html')
    expect(a.options).toEqual([])
    a.finish()
    await settle()
    expect(JSON.parse(readFileSync(join(ws, EXPORT_DIR_FILE), 'utf8'))).toEqual({
      format: 'hindsight.workspace/1',
      dir: '/home/me/exports'
    })
    const b = first.download('e.json', '/home/me/exports/e.json')
    expect(b.options).toEqual([{ defaultPath: '/home/me/exports/e.json' }])

    const second = fakeSession()
    await rememberExportFolder(second.session, ws)
    const c = second.download('e.csv', '')
    expect(c.options).toEqual([{ defaultPath: '/home/me/exports/e.csv' }])
  })

  it('keeps the folder when a download is cancelled', async () => {
    const ws = workspace()
    const s = fakeSession()
    await rememberExportFolder(s.session, ws)
    s.download('x.png', '/tmp/elsewhere/x.png', 'cancelled').finish()
    await settle()
    expect(await readExportDir(ws)).toBeNull()
  })
})
