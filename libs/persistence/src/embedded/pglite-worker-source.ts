/**
 * Source of the worker thread that hosts PGlite (with TimescaleDB when `timescalePath` is given)
 * and its socket server.
 *
 * Why a worker: PGlite loads its WASM runtime with dynamic `import()`, which Jest's module
 * sandbox refuses without --experimental-vm-modules; a worker runs in plain Node. It also
 * keeps the single-threaded WASM query work off the services' event loop.
 * Why a string (eval worker): no separate .js file to locate or copy into a build output.
 * Module paths arrive resolved in workerData, so resolution is the caller's, not the eval's.
 */
export const PGLITE_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
let db;
let server;
// PGlite starts PostgreSQL with fixed arguments held in its module's data segment, among them
// "shared_buffers=128MB" (a postgresql.conf or ALTER SYSTEM cannot lower a command-line
// setting). The same bytes with another size, padded with spaces (PostgreSQL's integer setting
// parser skips trailing blanks), start it with that size instead. Throws when the module does
// not hold the argument exactly once, so a PGlite upgrade that moves it fails at start.
async function compileModule(wasmPath, sharedBuffers) {
  const bytes = require('node:fs').readFileSync(wasmPath);
  const from = Buffer.from('shared_buffers=128MB\0', 'latin1');
  const at = bytes.indexOf(from);
  if (at < 0 || bytes.indexOf(from, at + 1) >= 0) {
    throw new Error('shared_buffers: PGlite module does not hold "shared_buffers=128MB" exactly once');
  }
  const setting = 'shared_buffers=' + sharedBuffers;
  if (setting.length > from.length - 1) throw new Error('shared_buffers: ' + sharedBuffers + ' is too long');
  Buffer.from(setting.padEnd(from.length - 1, ' ') + '\0', 'latin1').copy(bytes, at);
  return WebAssembly.compile(bytes);
}
// PGlite parses every message PostgreSQL sends and keeps it in a list that only execProtocol
// (and exec/query, through it) empties; pglite-socket sends each client's bytes through
// execProtocolRaw, so that list grew by every row and notice ever served over the socket
// (≈ 1 KB of worker heap per span ingested, never freed). execProtocol with throwOnError off
// runs the same execProtocolRaw, returns its bytes unchanged as \`data\`, and empties the list.
function socketView(pglite) {
  const execProtocolRaw = (message, options) =>
    pglite.execProtocol(message, { ...options, throwOnError: false }).then((r) => r.data);
  return new Proxy(pglite, {
    get(target, key) {
      if (key === 'execProtocolRaw') return execProtocolRaw;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
async function start() {
  const { PGlite } = require(workerData.pglitePath);
  const { PGLiteSocketServer } = require(workerData.socketPath);
  const memory = {
    initialMemory: workerData.initialMemoryBytes,
    wasmModule: await compileModule(workerData.wasmPath, workerData.sharedBuffers),
  };
  if (workerData.timescalePath) {
    const { timescaledb } = require(workerData.timescalePath);
    db = await PGlite.create({ dataDir: workerData.dataDir, extensions: { timescaledb }, ...memory });
    // PGlite has no shared_preload_libraries: on a reopened dataDir the timescaledb library
    // is otherwise loaded lazily without its TSL module, and hypertable inserts, chunk reads,
    // compression and refresh_continuous_aggregate fail or silently see only the root table.
    await db.exec("load 'timescaledb'");
  } else {
    db = await PGlite.create({ dataDir: workerData.dataDir, ...memory });
  }
  // One client connection at a time (pglite-socket serialises a single session). A restarted
  // worker takes its predecessor's port, so the clients' pool reconnects to the same address.
  server = new PGLiteSocketServer({ db: socketView(db), host: '127.0.0.1', port: workerData.port || 0, maxConnections: 1 });
  await server.start();
  return Number(server.getServerConn().split(':').pop());
}
async function stop() {
  if (server) await server.stop();
  if (db && !db.closed) await db.close();
}
parentPort.on('message', (msg) => {
  if (msg && msg.type === 'memory') {
    const heap = require('node:v8').getHeapStatistics();
    const usage = process.memoryUsage();
    parentPort.postMessage({
      type: 'memory',
      memory: {
        heapUsedBytes: heap.used_heap_size,
        heapTotalBytes: heap.total_heap_size,
        arrayBuffersBytes: usage.arrayBuffers,
        wasmBytes: db && db.mod ? db.mod.HEAPU8.buffer.byteLength : 0,
      },
    });
  }
  if (msg && msg.type === 'close') {
    stop().then(
      () => parentPort.postMessage({ type: 'closed' }),
      (e) => parentPort.postMessage({ type: 'closed', error: String((e && e.stack) || e) }),
    );
  }
});
start().then(
  (port) => parentPort.postMessage({ type: 'ready', port }),
  (e) => stop().catch(() => undefined).then(() => parentPort.postMessage({ type: 'failed', error: String((e && e.stack) || e) })),
);
`;
