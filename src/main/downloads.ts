/**
 * Exports reach the disk through Chromium's download manager (the renderer
 * saves a Blob with `<a download>`): it shows a save dialog, writes to a temp
 * name and renames on completion. Here the dialog opens in the folder of the
 * last export, and the folder the user chose is remembered in the workspace
 * (`export-dir.json`, written atomically). Electron's types are described
 * structurally so this runs and is tested without Electron.
 */
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { writeJsonAtomic } from '../core/runs/atomic-write'
import { FORMATS } from '../core/runs/schema'

export interface DownloadItemLike {
  getFilename(): string
  getSavePath(): string
  setSaveDialogOptions(options: { defaultPath?: string }): void
  once(event: 'done', listener: (event: unknown, state: string) => void): unknown
}

export interface DownloadSessionLike {
  on(
    event: 'will-download',
    listener: (event: unknown, item: DownloadItemLike, webContents: unknown) => void
  ): unknown
}

export const EXPORT_DIR_FILE = 'export-dir.json'

export async function readExportDir(workspaceDir: string): Promise<string | null> {
  try {
    const parsed = JSON.parse(await readFile(join(workspaceDir, EXPORT_DIR_FILE), 'utf8')) as {
      dir?: unknown
    }
    return typeof parsed.dir === 'string' && parsed.dir !== '' ? parsed.dir : null
  } catch {
    return null
  }
}

/** Installs the handler; resolves once the remembered folder has been read. */
export async function rememberExportFolder(
  session: DownloadSessionLike,
  workspaceDir: string,
  onError: (error: unknown) => void = (error) => console.error('[downloads]', error)
): Promise<void> {
  let last = await readExportDir(workspaceDir)
  session.on('will-download', (_event, item) => {
    // Must be set synchronously, before the dialog opens.
    if (last !== null) item.setSaveDialogOptions({ defaultPath: join(last, item.getFilename()) })
    item.once('done', (_done, state) => {
      const path = item.getSavePath()
      if (state !== 'completed' || path === '') return
      const dir = dirname(path)
      if (dir === last) return
      last = dir
      writeJsonAtomic(join(workspaceDir, EXPORT_DIR_FILE), {
        format: FORMATS.workspace,
        dir
      }).catch(onError)
    })
  })
}
