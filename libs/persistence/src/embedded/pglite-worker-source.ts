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
async function start() {
  const { PGlite } = require(workerData.pglitePath);
  const { PGLiteSocketServer } = require(workerData.socketPath);
  if (workerData.timescalePath) {
    const { timescaledb } = require(workerData.timescalePath);
    db = await PGlite.create({ dataDir: workerData.dataDir, extensions: { timescaledb } });
    // PGlite has no shared_preload_libraries: on a reopened dataDir the timescaledb library
    // is otherwise loaded lazily without its TSL module, and hypertable inserts, chunk reads,
    // compression and refresh_continuous_aggregate fail or silently see only the root table.
    await db.exec("load 'timescaledb'");
  } else {
    db = await PGlite.create({ dataDir: workerData.dataDir });
  }
  // One client connection at a time (pglite-socket serialises a single session). A restarted
  // worker takes its predecessor's port, so the clients' pool reconnects to the same address.
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: workerData.port || 0, maxConnections: 1 });
  await server.start();
  return Number(server.getServerConn().split(':').pop());
}
async function stop() {
  if (server) await server.stop();
  if (db && !db.closed) await db.close();
}
parentPort.on('message', (msg) => {
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
