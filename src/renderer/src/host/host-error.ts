import type { UserError } from '@shared/domain'
import type { CarriesUserError } from '@shared/user-error'

export { toUserError } from '@shared/user-error'

/** What every host method rejects with: the contract's UserError, intact. */
export class HostError extends Error implements CarriesUserError {
  readonly error: UserError

  constructor(error: UserError) {
    super(error.message)
    this.name = 'HostError'
    this.error = error
  }

  toUserError(): UserError {
    return this.error
  }
}
