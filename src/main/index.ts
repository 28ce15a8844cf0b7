/**
 * App lifecycle only: one instance, one window, the services behind IPC, the
 * engine in a utilityProcess, the native menu. Numeric work never happens here.
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog } from 'electron'
import type { MenuCommand } from '../shared/ipc-contract'
import { createServices } from '../core/services'
import { lockWorkspace, type WorkspaceLock } from '../core/runs/workspace-lock'
import type { Services } from '../core/services/types'
import { showOpenCsvDialog } from './dialogs'
import { utilityProcessEngine } from './engine-launcher'
import { emit } from './ipc/handle'
import { registerIpc } from './ipc/register'
import { installMenu } from './menu'
import { rememberExportFolder } from './downloads'
import { decideRecovery, errorPageUrl } from './renderer-recovery'
import { denyWindowOpen, preventNavigation } from './security'
import { createMainWindow, rendererUrl } from './window'

const mainDir = __dirname
const appUrl = rendererUrl(mainDir, process.env['ELECTRON_RENDERER_URL'])
let mainWindow: BrowserWindow | null = null
let services: Services | null = null
let unregister: (() => void) | null = null
let workspaceLock: WorkspaceLock | null = null
/** When the renderer crashed recently (ms), for the bounded-reload policy. */
let rendererCrashes: number[] = []
let showingErrorPage = false
// HINDSIGHT_WORKSPACE lets tests (and users) point the app at another folder.
let workspaceDir = ''

function samplesDir(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'samples')
    : join(app.getAppPath(), 'resources', 'samples')
}

function sendMenuCommand(command: MenuCommand): void {
  if (mainWindow === null) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
  emit(mainWindow.webContents, 'menu:command', command)
}

async function refreshMenu(): Promise<void> {
  let recent: string[] = []
  try {
    if (services) recent = await services.handlers['dataset:recent'](undefined)
  } catch (error) {
    console.error('[menu] could not read recent files:', error)
  }
  installMenu({ platform: process.platform, recent, actions: { command: sendMenuCommand } })
}

function openWindow(): void {
  mainWindow = createMainWindow({ mainDir, appUrl })
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  mainWindow.webContents.on('render-process-gone', (_event, details) => {
    const decision = decideRecovery(details.reason, rendererCrashes, Date.now())
    rendererCrashes = decision.crashes
    console.error(`[window] renderer gone (${details.reason}): ${decision.action}`)
    if (decision.action === 'reload') mainWindow?.reload()
    // Once: should the error page itself die, it is not loaded again and again.
    if (decision.action === 'error-page' && !showingErrorPage) {
      showingErrorPage = true
      void mainWindow?.loadURL(errorPageUrl(details.reason, decision.crashes.length))
    }
  })
}

async function start(): Promise<void> {
  workspaceDir = process.env['HINDSIGHT_WORKSPACE'] || join(app.getPath('userData'), 'workspace')
  // Electron's single-instance lock keeps out a second app; this keeps out browser mode too.
  try {
    workspaceLock = await lockWorkspace(workspaceDir, 'the desktop app')
  } catch (error) {
    dialog.showErrorBox('Hindsight', error instanceof Error ? error.message : String(error))
    app.exit(1)
    return
  }
  services = createServices({
    workspaceDir,
    samplesDir: samplesDir(),
    host: 'electron',
    version: app.getVersion(),
    spawnEngine: utilityProcessEngine(join(mainDir, 'engine.js')),
    showOpenDialog: () => showOpenCsvDialog(mainWindow)
  })
  unregister = registerIpc({
    services,
    policy: { webContentsId: () => mainWindow?.webContents.id ?? null, appUrl },
    contents: () => mainWindow?.webContents ?? null,
    onDatasetOpened: (path) => {
      app.addRecentDocument(path)
      void refreshMenu()
    }
  })
  await refreshMenu()
  openWindow()
  // Exports are downloads: the save dialog opens where the last one went. Once
  // per session (every window shares the default one).
  if (mainWindow) void rememberExportFolder(mainWindow.webContents.session, workspaceDir)
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(denyWindowOpen)
    contents.on('will-navigate', preventNavigation)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && services !== null) openWindow()
  })
  app.on('will-quit', () => {
    unregister?.()
    void services?.dispose()
    void workspaceLock?.release()
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[app] failed to start:', error)
      app.exit(1)
    })
}
