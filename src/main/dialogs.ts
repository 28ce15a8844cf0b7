/** Native dialogs. The services receive `showOpenCsvDialog` as their `showOpenDialog`. */
import { dialog } from 'electron'
import type { BrowserWindow, OpenDialogOptions } from 'electron'

export const OPEN_CSV_OPTIONS: OpenDialogOptions = {
  title: 'Open a time series',
  properties: ['openFile'],
  filters: [
    { name: 'CSV files', extensions: ['csv', 'tsv', 'txt'] },
    { name: 'All files', extensions: ['*'] }
  ]
}

/** Resolves to the chosen path, or null when the dialog is dismissed. */
export async function showOpenCsvDialog(parent: BrowserWindow | null): Promise<string | null> {
  const result = parent
    ? await dialog.showOpenDialog(parent, OPEN_CSV_OPTIONS)
    : await dialog.showOpenDialog(OPEN_CSV_OPTIONS)
  if (result.canceled) return null
  return result.filePaths[0] ?? null
}
