import type { UserError } from './domain'

/** An error that knows its UserError: the core's UserFacingError, the renderer's HostError. */
export interface CarriesUserError {
  toUserError(): UserError
}

/**
 * Whatever was thrown, as a UserError to show or to send across a process or
 * IPC boundary (a plain object: code, message and where). Unexpected errors
 * keep their message under code 'internal'. The one conversion for the core,
 * the bridge, the CLI and the renderer.
 */
export function toUserError(error: unknown): UserError {
  if (carriesUserError(error)) return error.toUserError()
  if (isUserError(error)) return plain(error)
  if (error instanceof Error) return { code: 'internal', message: error.message }
  return { code: 'internal', message: String(error) }
}

function carriesUserError(value: unknown): value is CarriesUserError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toUserError?: unknown }).toUserError === 'function'
  )
}

function isUserError(value: unknown): value is UserError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  )
}

function plain(e: UserError): UserError {
  return {
    code: e.code,
    message: e.message,
    ...(e.file === undefined ? {} : { file: e.file }),
    ...(e.row === undefined ? {} : { row: e.row }),
    ...(e.column === undefined ? {} : { column: e.column })
  }
}
