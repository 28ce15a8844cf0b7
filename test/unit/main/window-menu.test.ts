import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'

vi.mock('electron', () => ({ Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() } }))
const { menuTemplate } = await import('../../../src/main/menu')

function find(
  items: MenuItemConstructorOptions[],
  label: string
): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.label === label) return item
    if (Array.isArray(item.submenu)) {
      const inner = find(item.submenu, label)
      if (inner) return inner
    }
  }
  return undefined
}

describe('native menu', () => {
  it('has Open with Ctrl/Cmd+O that asks the renderer to open', () => {
    const command = vi.fn()
    const template = menuTemplate({ platform: 'linux', recent: [], actions: { command } })
    const open = find(template, 'Open…')
    expect(open?.accelerator).toBe('CmdOrCtrl+O')
    open?.click?.({} as never, undefined, {} as never)
    expect(command).toHaveBeenCalledWith({ type: 'open' })
  })

  it('lists recent files, each opening its path', () => {
    const command = vi.fn()
    const template = menuTemplate({
      platform: 'linux',
      recent: ['/data/a.csv', '/data/b.csv'],
      actions: { command }
    })
    const recent = find(template, 'Open Recent')
    const items = recent?.submenu as MenuItemConstructorOptions[]
    expect(items.map((i) => i.label)).toEqual(['a.csv', 'b.csv'])
    items[1]?.click?.({} as never, undefined, {} as never)
    expect(command).toHaveBeenCalledWith({ type: 'openPath', path: '/data/b.csv' })
  })

  it('shows a disabled placeholder when there are no recent files', () => {
    const template = menuTemplate({ platform: 'win32', recent: [], actions: { command: vi.fn() } })
    const items = find(template, 'Open Recent')?.submenu as MenuItemConstructorOptions[]
    expect(items).toEqual([{ label: 'No recent files', enabled: false }])
  })
})
