import type { UserError } from '../shared/domain'

/**
 * An error meant for the user: it says what went wrong and where (file, row,
 * column), and crosses process and IPC boundaries with those fields intact.
 */
export class UserFacingError extends Error {
  readonly code: string
  readonly file: string | undefined
  readonly row: number | undefined
  readonly column: string | undefined

  constructor(code: string, message: string, where: Omit<UserError, 'code' | 'message'> = {}) {
    super(message)
    this.name = 'UserFacingError'
    this.code = code
    this.file = where.file
    this.row = where.row
    this.column = where.column
  }

  toJSON(): UserError {
    return {
      code: this.code,
      message: this.message,
      ...(this.file === undefined ? {} : { file: this.file }),
      ...(this.row === undefined ? {} : { row: this.row }),
      ...(this.column === undefined ? {} : { column: this.column })
    }
  }

  /** The UserError this carries (see src/shared/user-error.ts). */
  toUserError(): UserError {
    return this.toJSON()
  }
}

export { toUserError } from '../shared/user-error'
