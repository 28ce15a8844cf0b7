import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => {
  class BrowserWindow {
    static created: unknown[] = []
    webContents = {
      session: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() }
      },
      on: vi.fn(),
      setWindowOpenHandler: vi.fn()
    }
    once = vi.fn()
    loadURL = vi.fn(async () => undefined)
    show = vi.fn()
    constructor(public options: unknown) {
      BrowserWindow.created.push(this)
    }
  }
  return { BrowserWindow }
})

const { createMainWindow, mainWindowOptions, rendererUrl } =
  await import('../../../src/main/window')
const { denyWindowOpen } = await import('../../../src/main/security')

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/out/preload/index.js')
  const prefs = options.webPreferences ?? {}

  it('isolates and sandboxes the renderer, with no Node integration', () => {
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security on and risky features off', () => {
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.experimentalFeatures).toBe(false)
    expect(prefs.navigateOnDragDrop).toBe(false)
  })

  it('uses the bundled preload and waits for ready-to-show', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.js')
    expect(options.show).toBe(false)
  })
})

describe('rendererUrl', () => {
  it('is the built index.html next to the main bundle', () => {
    expect(rendererUrl('/app/out/main', undefined)).toBe('file:///app/out/renderer/index.html')
  })

  it('is the dev server when electron-vite runs one', () => {
    expect(rendererUrl('/app/out/main', 'http://localhost:5173')).toBe('http://localhost:5173/')
  })
})

describe('createMainWindow', () => {
  it('applies the security rules to the window it creates', () => {
    const window = createMainWindow({
      mainDir: '/app/out/main',
      appUrl: 'file:///app/out/renderer/index.html'
    }) as unknown as {
      options: { webPreferences: { preload: string; sandbox: boolean } }
      webContents: { setWindowOpenHandler: ReturnType<typeof vi.fn>; on: ReturnType<typeof vi.fn> }
      loadURL: ReturnType<typeof vi.fn>
    }
    expect(window.options.webPreferences.sandbox).toBe(true)
    expect(window.options.webPreferences.preload).toBe('/app/out/preload/index.js')
    expect(window.webContents.setWindowOpenHandler).toHaveBeenCalledWith(denyWindowOpen)
    expect(window.webContents.on.mock.calls.map(([e]) => e)).toContain('will-navigate')
    expect(window.loadURL).toHaveBeenCalledWith('file:///app/out/renderer/index.html')
  })
})
