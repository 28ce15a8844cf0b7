/**
 * What to do when the renderer process dies. A crash is usually a one-off:
 * reload. A renderer that keeps crashing would otherwise reload forever, so
 * after a few crashes in a short time the window shows an error page instead.
 * Pure, so the policy is unit-tested without Electron.
 */

/** Reloads allowed within RELOAD_PERIOD_MS before the error page. */
export const MAX_RELOADS = 3
export const RELOAD_PERIOD_MS = 60_000

export type RecoveryAction = 'ignore' | 'reload' | 'error-page'

export interface RecoveryDecision {
  action: RecoveryAction
  /** Crash times to remember for the next decision. */
  crashes: number[]
}

/**
 * `reason` is Electron's render-process-gone reason; `crashes` the times of
 * earlier crashes (ms), `now` this one's.
 */
export function decideRecovery(
  reason: string,
  crashes: readonly number[],
  now: number
): RecoveryDecision {
  // The renderer quit on purpose (window closing): nothing to recover.
  if (reason === 'clean-exit') return { action: 'ignore', crashes: [...crashes] }
  const recent = [...crashes.filter((t) => now - t < RELOAD_PERIOD_MS), now]
  return { action: recent.length > MAX_RELOADS ? 'error-page' : 'reload', crashes: recent }
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The error page, as a data: URL (no file, no script, no access to the app's
 * API), in English and Simplified Chinese: main does not know the UI language.
 */
export function errorPageUrl(reason: string, crashes: number): string {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Hindsight</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:15vh auto;max-width:34rem;color:#1d2330;padding:0 1rem}h1{font-size:1.3rem}hr{border:0;border-top:1px solid #d5d9e0;margin:2rem 0}</style>
</head><body>
<h1>Hindsight's window keeps crashing</h1>
<p>It stopped ${crashes} times within a minute (${escapeHtml(reason)}), so it was not reloaded again.</p>
<p>Your runs, checkpoints and explanations are saved in the workspace. Quit and start Hindsight again; if this keeps happening, start it with a new workspace (HINDSIGHT_WORKSPACE) to see whether one of its files causes it.</p>
<hr>
<div lang="zh-CN">
<h1>Hindsight 窗口反复崩溃</h1>
<p>它在一分钟内停止了 ${crashes} 次（${escapeHtml(reason)}），因此不再重新加载。</p>
<p>您的运行、检查点和解释都已保存在工作区中。请退出并重新启动 Hindsight；如果仍然发生，请使用新的工作区（HINDSIGHT_WORKSPACE）启动，以判断是否是其中某个文件导致的。</p>
</div>
</body></html>`
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`
}
