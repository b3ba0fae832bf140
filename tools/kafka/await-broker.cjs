#!/usr/bin/env node
// Waits until a Kafka broker really answers (kafkajs admin describeCluster lists a broker).
//   node await-broker.cjs --brokers 127.0.0.1:19092 [--timeout-ms 60000] [--pid N] [--warm-up 1]
// --warm-up 1 also waits until a group coordinator answers: the broker creates the
// __consumer_offsets topic on the first such request, so tests' first consumer joins at once.
// Exit 0: ready. 1: timed out. 2: the broker process (--pid) exited first. 64: bad usage.
'use strict';
const { Kafka, logLevel } = require('kafkajs');

function parseArgs(argv) {
  const args = { brokers: '', timeoutMs: 60000, pid: undefined, warmUp: false };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) usage(`${flag} needs a value`);
    if (flag === '--brokers') args.brokers = value;
    else if (flag === '--timeout-ms') args.timeoutMs = Number(value);
    else if (flag === '--pid') args.pid = Number(value);
    else if (flag === '--warm-up') args.warmUp = value === '1';
    else usage(`unknown flag ${flag}`);
  }
  if (!args.brokers) usage('--brokers is required');
  if (!Number.isFinite(args.timeoutMs) || args.timeoutMs <= 0)
    usage('--timeout-ms must be a positive number');
  if (args.pid !== undefined && !Number.isInteger(args.pid)) usage('--pid must be an integer');
  return args;
}

function usage(reason) {
  process.stderr.write(`await-broker: ${reason}\n`);
  process.exit(64);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function probe(brokers, warmUp) {
  const kafka = new Kafka({
    clientId: 'greenops-await-broker',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) return false;
    if (warmUp) await admin.describeGroups(['greenops-await-broker-warm-up']);
    return true;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function main() {
  const { brokers, timeoutMs, pid, warmUp } = parseArgs(process.argv.slice(2));
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  for (;;) {
    if (pid !== undefined && !alive(pid)) {
      process.stderr.write(
        `await-broker: broker process ${pid} exited before answering at ${brokers}\n`,
      );
      process.exit(2);
    }
    try {
      if (await probe(brokers, warmUp)) process.exit(0);
      lastError = 'describeCluster returned no brokers';
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() >= deadline) {
      process.stderr.write(
        `await-broker: no answer from ${brokers} within ${timeoutMs} ms (last error: ${lastError})\n`,
      );
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

main();
