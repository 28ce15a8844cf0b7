/** Thrown when the caller's signal aborts an explanation; nothing partial is returned. */
export class ExplainAbortedError extends Error {
  override readonly name = 'ExplainAbortedError'
  constructor() {
    super('Explanation aborted')
  }
}

export function isExplainAborted(error: unknown): error is ExplainAbortedError {
  return error instanceof ExplainAbortedError
}

/** Bad input to an explainer (shape mismatch, impossible option); says what and why. */
export class ExplainInputError extends Error {
  override readonly name = 'ExplainInputError'
}
