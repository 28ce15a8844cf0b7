/**
 * The code as it was when issue #14 was filed (main at 757a59b, where the kernel work for it
 * branched off), unpacked from git into .bench/ (ignored) so the bench can time "today" in the
 * issue's sense ("importance by lag ... ≥ 3× faster than today") on this machine, in the same
 * run as the current code. Only src/ and the package and TypeScript configs are unpacked;
 * node_modules is a link to this checkout's.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, symlinkSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ISSUE_14_FILED = '757a59b51e87d425abacdba21365055ef45d58ed'

const repo = resolve(__dirname, '..')

/** The unpacked tree's root, or why there is none (no git, a shallow clone, ...). */
export function issueBaseline(): { root: string } | { absent: string } {
  const root = join(repo, '.bench', `issue-14-${ISSUE_14_FILED.slice(0, 7)}`)
  if (existsSync(join(root, 'src', 'explain', 'index.ts'))) return { root }
  try {
    mkdirSync(root, { recursive: true })
    const paths = ['src', 'package.json', 'tsconfig.json', 'tsconfig.node.json']
    const tar = execFileSync('git', ['archive', ISSUE_14_FILED, ...paths], {
      cwd: repo,
      maxBuffer: 1 << 28
    })
    execFileSync('tar', ['-x', '-C', root], { input: tar })
    const modules = join(root, 'node_modules')
    if (!existsSync(modules)) symlinkSync(join(repo, 'node_modules'), modules, 'dir')
    return { root }
  } catch (error) {
    return { absent: `the code at ${ISSUE_14_FILED.slice(0, 7)} is unavailable: ${String(error)}` }
  }
}
