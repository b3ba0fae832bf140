// Jest globalSetup for the integration and e2e tiers (see jest.config.js).
// Makes sure a real Kafka broker and a real PostgreSQL server answer, and tells the tests
// where they are through GREENOPS_TEST_KAFKA_BROKERS and GREENOPS_TEST_PG_URL (env set here
// reaches the test workers). Plain CommonJS: jest loads it without a transform.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { Client } = require('pg');

const KAFKA_SCRIPT = path.join(__dirname, '..', 'kafka', 'kafka.sh');
// GREENOPS_TEST_KAFKA_PORT lets two checkouts run their suites side by side. The default is below
// the kernel's ephemeral range and below free-port.ts's range (tools/kafka/README.md says why).
const KAFKA_PORT = process.env.GREENOPS_TEST_KAFKA_PORT || '19092';
const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function runKafkaScript(command, extraArgs = []) {
  const result = spawnSync('bash', [KAFKA_SCRIPT, command, '--port', KAFKA_PORT, ...extraArgs], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // The first run resolves the broker jars with Maven.
    timeout: 10 * 60 * 1000,
  });
  return {
    status: result.status,
    stdout: result.stdout || '',
    stderr: result.stderr || '',
    error: result.error,
  };
}

function ensureKafka() {
  if (process.env.GREENOPS_TEST_KAFKA_BROKERS) {
    return; // a broker given by the caller: use it, and never stop it
  }
  // A broker someone already runs on the port is reused and left running afterwards.
  const alreadyRunning = runKafkaScript('status').status === 0;
  const started = Date.now();
  // A broker this run starts gets fresh storage: every test run begins with an empty log, so
  // no events of an earlier run are replayed into this run's databases.
  const result = runKafkaScript('start', alreadyRunning ? [] : ['--fresh']);
  if (result.status !== 0) {
    const reason = result.error ? result.error.message : `exit code ${result.status}`;
    throw new Error(
      `could not start the test Kafka broker with ${KAFKA_SCRIPT} start (${reason}):\n${result.stderr}`,
    );
  }
  if (!alreadyRunning) {
    globalThis.__GREENOPS_KAFKA_STARTED_BY_SETUP__ = true;
    process.stderr.write(
      `\n[global-setup] Kafka broker started at 127.0.0.1:${KAFKA_PORT} in ${Date.now() - started} ms\n`,
    );
  }
  process.env.GREENOPS_TEST_KAFKA_BROKERS = `127.0.0.1:${KAFKA_PORT}`;
}

async function ensurePostgres() {
  const url = process.env.GREENOPS_TEST_PG_URL || DEFAULT_PG_URL;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(
      `PostgreSQL does not answer at ${url} (${message}). Start it (e.g. ` +
        `'pg_ctlcluster --skip-systemctl-redirect 15 main start') or point GREENOPS_TEST_PG_URL at a server.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  process.env.GREENOPS_TEST_PG_URL = url;
}

module.exports = async function globalSetup() {
  await ensurePostgres();
  ensureKafka();
};
