// Broker-outage resume run: a private single-node broker, a consumer group of N members (the
// projector's Kafka adapter, KafkaEventLogConsumer, as N projectors use it), the broker stopped
// and started K times; after each return it publishes one record per partition and prints the
// time until every one of them was handled ("time to resume"). Not a test: a script
// (docs/operations.md, "Riding out a broker outage"). Exit status 0 only if every run resumed and
// every record was handled exactly once.
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Partitioners, logLevel, type LogEntry } from 'kafkajs';
import { createKafkaClient, KafkaEventLogConsumer, type ConsumedBatch } from '@greenops/messaging';
import { PrivateKafkaBroker } from '@greenops/testing';
import { parseBrokerResumeArgs } from './broker-resume-args';

const PARTITIONS = 3;
const started = Date.now();
let outFile = '';
function say(line: string): void {
  const stamped = `[resume ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`;
  console.log(stamped);
  if (outFile) appendFileSync(outFile, `${stamped}\n`);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  const root = join(__dirname, '..', '..', '..', '..');
  const args = parseBrokerResumeArgs(
    process.argv.slice(2),
    join(root, 'tools', 'chaos', 'results', 'broker-resume.txt'),
  );
  outFile = args.outFile;
  if (outFile) {
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, '');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'resume-kafka-'));
  const broker = new PrivateKafkaBroker(args.kafkaPort, dataDir);
  const brokers = [broker.brokers];
  const run = Date.now().toString(36);
  const topic = `resume-${run}`;
  const groupId = `resume-group-${run}`;
  say(
    `${args.runs} outages of ${args.downMs} ms, ${args.members} group members, ${PARTITIONS} partitions, ` +
      `broker at ${broker.brokers}`,
  );

  // Every record's value says which run and partition it belongs to; handled counts each one.
  const handled = new Map<string, number>();
  const handledAt = new Map<string, number>();
  const consumers: KafkaEventLogConsumer[] = [];
  const kafkaLines: string[] = [];
  const verboseLog = () => (entry: LogEntry) => {
    if (!args.verbose) return;
    const { message, groupId: _g, ...rest } = entry.log as LogEntry['log'] & { groupId?: string };
    const memberId = typeof rest.memberId === 'string' ? rest.memberId.slice(-8) : '';
    kafkaLines.push(
      `${new Date().toISOString().slice(11, 23)} ${entry.namespace} ${message} ${memberId} ${String(rest.error ?? '')}`,
    );
  };
  let failures = 0;
  try {
    await broker.start({ fresh: true });
    const kafka = createKafkaClient(brokers, 'resume-producer', undefined, {
      retry: { retries: 1_000_000, initialRetryTime: 300, maxRetryTime: 3000 },
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] });
    await admin.disconnect();
    for (let m = 0; m < args.members; m += 1) {
      const consumer = new KafkaEventLogConsumer({
        brokers,
        groupId,
        topic,
        positions: { nextOffsets: async () => new Map() },
        clientId: `resume-member-${m}`,
        connection: args.verbose
          ? { logCreator: () => verboseLog(), logLevel: logLevel.INFO }
          : undefined,
      });
      consumers.push(consumer);
      await consumer.start(async (batch: ConsumedBatch) => {
        for (const record of batch.records) {
          const key = JSON.stringify(record.value);
          handled.set(key, (handled.get(key) ?? 0) + 1);
          if (!handledAt.has(key)) handledAt.set(key, Date.now());
        }
      });
    }
    const publish = async (label: string): Promise<string[]> => {
      const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      const keys: string[] = [];
      try {
        for (let partition = 0; partition < PARTITIONS; partition += 1) {
          const value = { label, partition };
          keys.push(JSON.stringify(value));
          await producer.send({
            topic,
            messages: [{ partition, value: JSON.stringify(value) }],
          });
        }
      } finally {
        await producer.disconnect();
      }
      return keys;
    };
    const allHandled = async (keys: string[], timeoutMs: number): Promise<boolean> => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (keys.every((k) => handled.has(k))) return true;
        await sleep(20);
      }
      return false;
    };

    // Warm: every member joined and consuming.
    const warm = await publish('warm');
    if (!(await allHandled(warm, 60000)))
      throw new Error('the group never consumed before the first outage');
    await sleep(3000);
    const resumedS: number[] = [];
    for (let i = 1; i <= args.runs; i += 1) {
      const membersBefore = consumers.map((c) => (c.status().memberId ?? '-').slice(-8));
      const stoppedAt = Date.now();
      await broker.stop();
      await sleep(Math.max(0, stoppedAt + args.downMs - Date.now()));
      kafkaLines.length = 0;
      await broker.start();
      const returnedAt = Date.now();
      const keys = await publish(`run-${i}`);
      const ok = await allHandled(keys, 60000);
      const lastAt = Math.max(...keys.map((k) => handledAt.get(k) ?? Date.now()));
      const seconds = (lastAt - returnedAt) / 1000;
      const membersAfter = consumers.map((c) => (c.status().memberId ?? '-').slice(-8));
      const crashes = consumers.map((c) => c.status().lastCrash ?? '-');
      if (ok) resumedS.push(seconds);
      else failures += 1;
      say(
        `run ${i}: broker down ${((returnedAt - stoppedAt) / 1000).toFixed(1)} s; ` +
          (ok ? `resumed in ${seconds.toFixed(2)} s` : 'NOT resumed within 60 s') +
          `; members ${membersBefore.join(',')} -> ${membersAfter.join(',')}`,
      );
      if (args.verbose) {
        for (const c of crashes) say(`  last crash: ${c}`);
        for (const line of kafkaLines) say(`  ${line}`);
      }
      await sleep(3000);
    }
    const twice = [...handled.entries()].filter(([, n]) => n !== 1);
    if (twice.length > 0) {
      failures += 1;
      say(`handled more than once: ${twice.map(([k, n]) => `${k}×${n}`).join(', ')}`);
    }
    const sorted = [...resumedS].sort((a, b) => a - b);
    if (sorted.length > 0) {
      say(
        `time to resume over ${sorted.length} runs: min ${sorted[0].toFixed(2)} s, ` +
          `median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} s, max ${sorted[sorted.length - 1].toFixed(2)} s`,
      );
    }
  } finally {
    for (const consumer of consumers) await consumer.stop().catch(() => undefined);
    await broker.destroy();
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
