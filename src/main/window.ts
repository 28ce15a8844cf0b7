/**
 * The main window. Its options come from one pure function so that the
 * security-relevant defaults are stated once and checked by unit tests.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow } from 'electron'
import type { BrowserWindowConstructorOptions } from 'electron'
import { applySecurity } from './security'

/** Every window of the app starts from these options. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Hindsight',
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true
    }
  }
}

/**
 * Where the renderer comes from: the dev server's URL when electron-vite runs
 * one, otherwise the built index.html next to the main bundle.
 */
export function rendererUrl(mainDir: string, devServerUrl: string | undefined): string {
  if (devServerUrl !== undefined && devServerUrl !== '') return new URL(devServerUrl).href
  return pathToFileURL(join(mainDir, '../renderer/index.html')).href
}

export function createMainWindow(options: { mainDir: string; appUrl: string }): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(join(options.mainDir, '../preload/index.js')))
  applySecurity(window.webContents.session, window.webContents)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(options.appUrl)
  return window
}
