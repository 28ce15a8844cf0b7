import { join } from 'node:path'
import { UserFacingError } from '../errors'
import { acquireOwnerLock, liveOwner, type OwnerLock } from './owner-lock'

export const RUN_LOCK = 'run.lock'

/**
 * The one writer of a run folder while it trains (a new run or a resumed
 * one), whichever face started it: the app, browser mode or the CLI. A second
 * trainer of the same folder is refused; a lock left by a killed engine is
 * taken over.
 */
export function lockRun(runDir: string): Promise<OwnerLock> {
  return acquireOwnerLock(
    join(runDir, RUN_LOCK),
    'training',
    (owner) =>
      new UserFacingError(
        'run-busy',
        `${runDir} is being trained by another Hindsight process (process ${owner.pid}, since ${owner.since}); wait for it or cancel it there.`,
        { file: runDir }
      )
  )
}

/** Whether another live process is training this run now (it is not abandoned). */
export async function trainingElsewhere(runDir: string): Promise<boolean> {
  return (await liveOwner(join(runDir, RUN_LOCK))) !== null
}
