/**
 * The native menu. Its items do not open files themselves: they send a
 * `menu:command` to the renderer, which opens through the ordinary channels,
 * so errors show up in the window next to the Data view's controls.
 */
import { Menu } from 'electron'
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../shared/ipc-contract'
import { basename } from 'node:path'

export interface MenuActions {
  command(command: MenuCommand): void
}

/** The template as plain data, so tests can read it without Electron. */
export function menuTemplate(options: {
  platform: NodeJS.Platform
  recent: readonly string[]
  actions: MenuActions
}): MenuItemConstructorOptions[] {
  const { actions } = options
  const isMac = options.platform === 'darwin'
  const recentItems: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : [
          ...options.recent.slice(0, 10).map((path): MenuItemConstructorOptions => ({
            label: basename(path),
            sublabel: path,
            toolTip: path,
            click: () => actions.command({ type: 'openPath', path })
          }))
        ]
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      {
        label: 'Open…',
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.command({ type: 'open' })
      },
      { label: 'Open Recent', submenu: recentItems },
      { label: 'Open Sample Dataset', click: () => actions.command({ type: 'openSample' }) },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' }
    ]
  }
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    { role: 'windowMenu' }
  ]
}

export function installMenu(options: Parameters<typeof menuTemplate>[0]): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)))
}
