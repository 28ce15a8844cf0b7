/**
 * Limits on what one browser-mode client may ask of the bridge. They bound the
 * memory and work a single WebSocket connection can cause; the README lists
 * them. The largest message is an upload: its JSON can be twice the text
 * (escapes), plus the envelope.
 */
import { MAX_UPLOAD_BYTES } from './ipc-contract'

/** Largest WebSocket message the bridge reads; a larger one closes the socket (1009). */
export const MAX_BRIDGE_MESSAGE_BYTES = MAX_UPLOAD_BYTES * 2 + 1024 * 1024

/** Requests one connection may have unanswered at once; more get a `too-many-requests` error. */
export const MAX_REQUESTS_IN_FLIGHT = 32
