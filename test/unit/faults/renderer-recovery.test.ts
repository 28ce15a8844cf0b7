import { describe, expect, it } from 'vitest'
import {
  decideRecovery,
  errorPageUrl,
  MAX_RELOADS,
  RELOAD_PERIOD_MS
} from '../../../src/main/renderer-recovery'

/** Feed a sequence of crashes through the policy, as main does. */
function actions(times: number[], reason = 'crashed'): string[] {
  let crashes: number[] = []
  return times.map((now) => {
    const decision = decideRecovery(reason, crashes, now)
    crashes = decision.crashes
    return decision.action
  })
}

describe('a renderer that keeps crashing', () => {
  it(`is reloaded ${MAX_RELOADS} times, then shown the error page`, () => {
    expect(actions([0, 1000, 2000, 3000, 4000])).toEqual([
      'reload',
      'reload',
      'reload',
      'error-page',
      'error-page'
    ])
  })

  it('is reloaded again when the crashes are spread out in time', () => {
    const spaced = Array.from({ length: 10 }, (_, i) => i * (RELOAD_PERIOD_MS / 2 + 1))
    expect(new Set(actions(spaced))).toEqual(new Set(['reload']))
  })

  it('is left alone when it exits cleanly', () => {
    expect(actions([0, 1, 2, 3, 4, 5], 'clean-exit')).toEqual(Array(6).fill('ignore'))
  })

  it('gets a self-contained page that names the reason, escaped', () => {
    const url = errorPageUrl('<oom>', 4)
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true)
    const html = decodeURIComponent(url.slice(url.indexOf(',') + 1))
    expect(html).toContain('stopped 4 times')
    expect(html).toContain('停止了 4 次')
    expect(html).toContain('&#60;oom&#62;')
    expect(html).not.toContain('<script')
    expect(html).toContain("default-src 'none'")
  })
})
