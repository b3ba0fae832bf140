// Jest globalTeardown for the integration and e2e tiers: stops the Kafka broker only if
// global-setup.js started it (a broker given through the env or already running is kept).
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const KAFKA_SCRIPT = path.join(__dirname, '..', 'kafka', 'kafka.sh');
// The port global-setup.js started the broker on (never another checkout's broker).
const KAFKA_PORT = process.env.GREENOPS_TEST_KAFKA_PORT || '19092';

module.exports = async function globalTeardown() {
  if (!globalThis.__GREENOPS_KAFKA_STARTED_BY_SETUP__) return;
  globalThis.__GREENOPS_KAFKA_STARTED_BY_SETUP__ = false;
  const result = spawnSync('bash', [KAFKA_SCRIPT, 'stop', '--port', KAFKA_PORT], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 60 * 1000,
  });
  if (result.status !== 0) {
    process.stderr.write(
      `[global-teardown] stopping the Kafka broker failed:\n${result.stderr || ''}\n`,
    );
  }
};
