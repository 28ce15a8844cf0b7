import { describe, expect, it } from 'vitest'
import { assertNever } from '../../../src/shared/assert-never'

describe('assertNever', () => {
  it('throws with the offending value', () => {
    expect(() => assertNever('x' as never, 'message type')).toThrow(/Unexpected message type: "x"/)
  })
})
