import WebSocket from 'ws'

/** What became of one message: an answer, a pushed event, or the socket closing. */
export type Outcome =
  { kind: 'message'; message: unknown } | { kind: 'closed'; code: number; reason: string }

export function connect(port: number, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/${token}/ws`, {
      maxPayload: 512 * 1024 * 1024
    })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

/** Send raw data and wait for the first response or for the socket to close. */
export function sendRaw(ws: WebSocket, data: string | Buffer): Promise<Outcome> {
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData): void => {
      const message = JSON.parse(raw.toString()) as { kind?: string }
      if (message.kind !== 'response') return
      done()
      resolve({ kind: 'message', message })
    }
    const onClose = (code: number, reason: Buffer): void => {
      done()
      resolve({ kind: 'closed', code, reason: reason.toString() })
    }
    const done = (): void => {
      ws.off('message', onMessage)
      ws.off('close', onClose)
    }
    ws.on('message', onMessage)
    ws.on('close', onClose)
    // The server may close before the send completes (oversized message): that is an outcome too.
    ws.send(data, () => undefined)
  })
}

export async function call(ws: WebSocket, id: number, channel: string, payload?: unknown) {
  const outcome = await sendRaw(ws, JSON.stringify({ id, channel, payload }))
  if (outcome.kind !== 'message') throw new Error(`socket closed: ${outcome.code}`)
  return outcome.message as {
    kind: 'response'
    id: number
    envelope: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }
  }
}
