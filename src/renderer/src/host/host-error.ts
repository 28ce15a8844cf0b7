import type { UserError } from '@shared/domain'

/** What every host method rejects with: the contract's UserError, intact. */
export class HostError extends Error {
  readonly error: UserError

  constructor(error: UserError) {
    super(error.message)
    this.name = 'HostError'
    this.error = error
  }
}

/** Whatever a host or the code around it threw, as a UserError to show. */
export function toUserError(error: unknown): UserError {
  if (error instanceof HostError) return error.error
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
