import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import { perSecond, progress } from './progress';
import { chunk } from './render-workload';
import type { KeyedEnvelope } from './ingest-fixtures';

/** How the baseline produces. */
export interface KafkaProduceMode {
  /** One Kafka transaction per batch, as ingest publishes one OTLP request. */
  transactional: boolean;
  /**
   * kafkajs retry backoff. A transaction begun right after the previous commit is refused with
   * CONCURRENT_TRANSACTIONS until the broker has written the commit markers; kafkajs waits this
   * long before retrying (kafkajs GitHub issue 304, KAFKA-5477), so it bounds back-to-back transactions.
   * Ingest's producer retries after 10 ms (and group-commits concurrent requests).
   */
  initialRetryTimeMs: number;
}

/** The kafkajs client retry the publisher used before its producer got a 10 ms retry. */
export const CLIENT_RETRY_MS = 200;

export interface KafkaBaselineResult {
  messages: number;
  partitions: number;
  transactional: boolean;
  initialRetryTimeMs: number;
  meanValueBytes: number;
  elapsedMs: number;
  msgsPerS: number;
  /** Until the last produce was acknowledged. */
  producedMs: number;
}

const PARTITIONS = 6;
const CONSUME_TIMEOUT_MS = 10 * 60_000;

type Message = { key: string; value: string };

/** Resolves with the hrtime at which the running count first reaches each target. */
class ConsumedCounter {
  private count = 0;
  private waiters: Array<{ target: number; resolve: (ns: bigint) => void }> = [];

  get consumed(): number {
    return this.count;
  }

  add(n: number): void {
    this.count += n;
    const now = process.hrtime.bigint();
    this.waiters = this.waiters.filter((w) =>
      this.count >= w.target ? (w.resolve(now), false) : true,
    );
  }

  async reach(target: number, label: string): Promise<bigint> {
    if (this.count >= target) return process.hrtime.bigint();
    let timer: NodeJS.Timeout | undefined;
    const reached = new Promise<bigint>((resolve) => this.waiters.push({ target, resolve }));
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `${label}: consumed ${this.count} of ${target} messages within ${CONSUME_TIMEOUT_MS / 1000} s`,
            ),
          ),
        CONSUME_TIMEOUT_MS,
      );
    });
    return Promise.race([reached, timedOut]).finally(() => clearTimeout(timer));
  }
}

async function produce(
  producer: Producer,
  topic: string,
  batches: Message[][],
  transactional: boolean,
): Promise<void> {
  for (const messages of batches) {
    if (transactional) {
      const tx = await producer.transaction();
      await tx.send({ topic, acks: -1, messages });
      await tx.commit();
    } else {
      await producer.send({ topic, acks: -1, messages });
    }
  }
}

const toMessages = (envelopes: KeyedEnvelope[]): Message[] =>
  envelopes.map((e) => ({ key: e.key, value: JSON.stringify(e.envelope) }));

/**
 * Raw kafkajs: produce the envelopes (JSON, keyed by tenant/project like ingest) to a fresh
 * 6-partition topic in batches with acks=-1, and consume them all in one consumer group. Like
 * the end-to-end run, a warm-up goes through first (group joined, producer id, partition
 * leaders known) and the clock starts after it. `transactional` wraps each batch in a Kafka
 * transaction, the way ingest publishes one OTLP request.
 */
export async function runKafkaBaseline(
  brokers: string[],
  envelopes: KeyedEnvelope[],
  warmUp: KeyedEnvelope[],
  batchSize: number,
  mode: KafkaProduceMode,
): Promise<KafkaBaselineResult> {
  const { transactional, initialRetryTimeMs } = mode;
  const label = transactional
    ? `kafka (transactional, ${initialRetryTimeMs} ms retry backoff)`
    : 'kafka';
  const run = `${Date.now().toString(36)}-${transactional ? `tx${initialRetryTimeMs}` : 'plain'}`;
  const topic = `bench.raw.${run}`;
  const kafka = new Kafka({
    clientId: `greenops-bench-${run}`,
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: initialRetryTimeMs, maxRetryTime: 2000 },
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: PARTITIONS }],
    waitForLeaders: true,
  });
  await admin.disconnect();

  const timed = toMessages(envelopes);
  const total = timed.length;
  const meanValueBytes = timed.reduce((sum, m) => sum + Buffer.byteLength(m.value), 0) / total;
  const counter = new ConsumedCounter();

  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  try {
    consumer = kafka.consumer({ groupId: `bench-raw-${run}`, readUncommitted: false });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachBatch: async ({ batch }) => counter.add(batch.messages.length) });

    producer = transactional
      ? kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          transactionalId: `greenops-bench-${run}`,
          createPartitioner: Partitioners.DefaultPartitioner,
        })
      : kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await produce(producer, topic, chunk(toMessages(warmUp), batchSize), transactional);
    await counter.reach(warmUp.length, `${label} warm-up`);

    progress(
      `${label}: producing ${total} messages (${meanValueBytes.toFixed(0)} B mean value) in batches of ${batchSize}`,
    );
    const t0 = process.hrtime.bigint();
    await produce(producer, topic, chunk(timed, batchSize), transactional);
    const producedNs = process.hrtime.bigint() - t0;
    const elapsedNs = (await counter.reach(warmUp.length + total, label)) - t0;
    progress(
      `${label}: ${total} produced in ${(Number(producedNs) / 1e6).toFixed(0)} ms, consumed by ${(Number(elapsedNs) / 1e6).toFixed(0)} ms`,
    );
    return {
      messages: total,
      partitions: PARTITIONS,
      transactional,
      initialRetryTimeMs,
      meanValueBytes,
      elapsedMs: Number(elapsedNs) / 1e6,
      msgsPerS: perSecond(total, elapsedNs),
      producedMs: Number(producedNs) / 1e6,
    };
  } finally {
    await producer?.disconnect().catch(() => undefined);
    await consumer?.disconnect().catch(() => undefined);
  }
}
