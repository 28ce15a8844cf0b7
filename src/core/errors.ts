import type { MessageParams, UserError } from '../shared/domain'

/**
 * An error meant for the user: it says what went wrong and where (file, row,
 * column), and crosses process and IPC boundaries with those fields intact.
 */
export class UserFacingError extends Error {
  readonly code: string
  readonly file: string | undefined
  readonly row: number | undefined
  readonly column: string | undefined
  /** The values the message names, so the renderer can say it in the user's language. */
  readonly params: MessageParams | undefined

  constructor(code: string, message: string, where: Omit<UserError, 'code' | 'message'> = {}) {
    super(message)
    this.name = 'UserFacingError'
    this.code = code
    this.file = where.file
    this.row = where.row
    this.column = where.column
    this.params = where.params
  }

  toJSON(): UserError {
    return {
      code: this.code,
      message: this.message,
      ...(this.file === undefined ? {} : { file: this.file }),
      ...(this.row === undefined ? {} : { row: this.row }),
      ...(this.column === undefined ? {} : { column: this.column }),
      ...(this.params === undefined ? {} : { params: this.params })
    }
  }
}

/** Any thrown value as a UserError; unexpected errors keep their message under code 'internal'. */
export function toUserError(error: unknown): UserError {
  if (error instanceof UserFacingError) return error.toJSON()
  if (isUserError(error)) return error
  if (error instanceof Error) return { code: 'internal', message: error.message }
  return { code: 'internal', message: String(error) }
}

function isUserError(value: unknown): value is UserError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  )
}
