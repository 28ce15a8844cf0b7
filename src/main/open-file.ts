/**
 * A .csv opened with Hindsight (the installers register it for .csv): Windows
 * and Linux start the app, or signal the running one, with the file's path
 * in argv; macOS sends 'open-file'. Either way the path becomes the menu's
 * openPath command once the window can take it.
 */
import { isAbsolute, resolve } from 'node:path'

/** The last argument that names a .csv file, resolved against `cwd`; null when none. */
export function csvPathFromArgv(argv: readonly string[], cwd: string): string | null {
  // argv[0] is the executable; Chromium's and Electron's own switches start with '-'.
  const candidates = argv.slice(1).filter((a) => !a.startsWith('-') && /\.csv$/i.test(a))
  const last = candidates.at(-1)
  if (last === undefined) return null
  return isAbsolute(last) ? last : resolve(cwd, last)
}

/** Holds a path until the window has loaded, then hands it over (once). */
export class PendingOpen {
  private path: string | null = null
  private deliver: ((path: string) => void) | null = null

  /** A path to open: delivered now when the window is ready, else kept for later. */
  open(path: string | null): void {
    if (path === null) return
    if (this.deliver) this.deliver(path)
    else this.path = path
  }

  /** The window loaded (`deliver` sends to it); null when it closed. */
  ready(deliver: ((path: string) => void) | null): void {
    this.deliver = deliver
    if (deliver && this.path !== null) {
      const path = this.path
      this.path = null
      deliver(path)
    }
  }
}
