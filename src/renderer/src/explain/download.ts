/**
 * Saves an export as a download: a Blob behind an `<a download>`. In a browser
 * the file lands in the downloads folder; in Electron it goes through
 * Chromium's download manager (the main process picks the folder).
 */
import type { ExportFile } from '@shared/explanation'

export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function saveExport(file: ExportFile, doc: Document = document): void {
  const blob = new Blob([bytesOf(file.base64)], { type: file.mime })
  const url = URL.createObjectURL(blob)
  const a = doc.createElement('a')
  a.href = url
  a.download = file.fileName
  a.rel = 'noopener'
  a.hidden = true
  doc.body.appendChild(a)
  a.click()
  a.remove()
  // The download has taken its copy by the next turn; give it a moment anyway.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
