/**
 * The engine process. Started by Electron's utilityProcess (messages through
 * process.parentPort) or by child_process.fork (process.send); everything else
 * lives in the transport-free dispatcher.
 */
import type { EngineEvent } from '../../shared/engine-protocol'
import { EngineDispatcher } from './dispatch'
import { initBackend } from './init-backend'

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort

function send(event: EngineEvent): void {
  if (parentPort) parentPort.postMessage(event)
  else if (process.send) process.send(event)
}

const dispatcher = new EngineDispatcher(send, initBackend())
if (parentPort) parentPort.on('message', (e) => dispatcher.handle(e.data))
else if (process.send) process.on('message', (m) => dispatcher.handle(m))
else {
  process.stderr.write('The engine must be started by Hindsight (utilityProcess or fork).\n')
  process.exit(2)
}
// A parent that goes away takes the engine with it.
process.on('disconnect', () => process.exit(0))
// Ctrl+C in a terminal reaches the whole process group: the parent (the CLI,
// `npm run serve`) decides what it means — cancel the job or quit, and the
// engine follows through the request or the disconnect above.
if (!parentPort) process.on('SIGINT', () => undefined)
void dispatcher.start()
