import { UserFacingError } from '../errors'

/** File-system failures a user can act on, by errno code: what to tell them. */
const REASONS: Record<string, { code: string; why: string }> = {
  ENOSPC: { code: 'disk-full', why: 'the disk is full' },
  EDQUOT: { code: 'disk-full', why: 'the disk quota is used up' },
  EFBIG: { code: 'disk-full', why: 'the file is larger than this disk or account allows' },
  EROFS: { code: 'read-only', why: 'the workspace is on a read-only file system' },
  EACCES: { code: 'no-permission', why: 'there is no permission to write there' },
  EPERM: { code: 'no-permission', why: 'there is no permission to write there' }
}

/**
 * A write that failed, as an error naming the file and the cause in words.
 * The previous content of the file (if any) is untouched: writes are atomic.
 */
export function storageError(path: string, error: unknown): Error {
  if (error instanceof UserFacingError) return error
  const errno = (error as { code?: unknown } | null)?.code
  const reason = typeof errno === 'string' ? REASONS[errno] : undefined
  if (!reason) return error instanceof Error ? error : new Error(String(error))
  return new UserFacingError(
    reason.code,
    `Could not save ${path}: ${reason.why}. Nothing already saved was changed; free some space or choose a writable workspace, then try again.`,
    { file: path }
  )
}
