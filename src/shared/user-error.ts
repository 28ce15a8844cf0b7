import { UserErrorSchema, type UserError } from './domain'

/** An error that knows its UserError: the core's UserFacingError, the renderer's HostError. */
export interface CarriesUserError {
  toUserError(): UserError
}

/**
 * Whatever was thrown, as a UserError to show or to send across a process or
 * IPC boundary: a plain object with the schema's fields (code, message, where),
 * nothing else. Unexpected errors
 * keep their message under code 'internal'. The one conversion for the core,
 * the bridge, the CLI and the renderer.
 */
export function toUserError(error: unknown): UserError {
  if (carriesUserError(error)) return error.toUserError()
  const fields = UserErrorSchema.safeParse(error)
  if (fields.success) return fields.data
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
