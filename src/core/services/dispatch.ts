/**
 * The one path from an untrusted payload to a handler, shared by Electron IPC
 * and the browser-mode WebSocket bridge: validate with the contract's schema,
 * call the handler, and put the outcome (or a readable error) in an Envelope.
 * No Electron here.
 */
import type { Envelope, InvokeChannel, Res } from '../../shared/ipc-contract'
import { invokeContract } from '../../shared/ipc-contract'
import type { UserError } from '../../shared/domain'
import type { Handlers } from './types'
import { toUserError } from '../errors'

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(invokeContract, value)
}

/** A schema failure as one sentence naming the field. */
export function invalidRequest(channel: string, issues: readonly ZodIssueLike[]): UserError {
  const first = issues[0]
  const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : ''
  const what = first ? first.message : 'invalid payload'
  return { code: 'invalid-request', message: `Invalid request for ${channel}${where}: ${what}` }
}

interface ZodIssueLike {
  readonly path: readonly PropertyKey[]
  readonly message: string
}

export async function dispatch<C extends InvokeChannel>(
  handlers: Handlers,
  channel: C,
  payload: unknown
): Promise<Envelope<Res<C>>> {
  const parsed = invokeContract[channel].req.safeParse(payload)
  if (!parsed.success) return { ok: false, error: invalidRequest(channel, parsed.error.issues) }
  try {
    // The contract ties each channel's parsed request to its handler; TS cannot follow C through both maps.
    const handler = handlers[channel] as (req: unknown) => Promise<Res<C>>
    return { ok: true, value: await handler(parsed.data) }
  } catch (error) {
    return { ok: false, error: toUserError(error) }
  }
}
