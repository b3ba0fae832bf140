import { Kafka, logLevel } from 'kafkajs';
import { encodeLogRecord, type LogRecord } from '@greenops/contracts';
import { kafkaBrokers, uniqueTopic, waitFor } from '@greenops/testing';
import type { ConsumedRecord, ConsumerPositionSource } from './event-log.port';
import { EventLogUnavailableError } from './event-log.port';
import { KafkaEventLogConsumer } from './kafka-event-log.consumer';
import { KafkaEventLogPublisher } from './kafka-event-log.publisher';

/** Positions as the projector keeps them: next offset per partition, advanced after each batch. */
class PositionBook implements ConsumerPositionSource {
  readonly next = new Map<number, string>();
  async nextOffsets(): Promise<Map<number, string>> {
    return new Map(this.next);
  }
}

/** Dead-letter record number `i` on the test's own topic, keyed by its tenant `k<i mod 4>`. */
function rejectedSpan(topic: string, i: number, partition?: number): LogRecord {
  const encoded = encodeLogRecord(
    {
      type: 'RejectedSpan',
      version: 1,
      tenant: `k${i % 4}`,
      traceId: `${i}`,
      spanId: `${i}`,
      name: `span ${i}`,
      field: 'f',
      reason: 'r',
      rejectedAt: new Date(0).toISOString(),
    },
    { topic, partition },
  );
  if (!encoded.ok) throw new Error(`${encoded.field}: ${encoded.reason}`);
  return encoded.record;
}

describe('Kafka event log adapters (real broker)', () => {
  it('publishes in one transaction and a consumer group receives every record once, by key order', async () => {
    const topic = uniqueTopic('msg-int');
    const admin = new Kafka({
      clientId: 'int',
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();

    const publisher = new KafkaEventLogPublisher({ brokers: kafkaBrokers() });
    await publisher.publish(Array.from({ length: 30 }, (_, i) => rejectedSpan(topic, i)));
    // Concurrent publishes (group-committed into shared transactions) each resolve once durable.
    await Promise.all(
      Array.from({ length: 6 }, (_, r) =>
        publisher.publish(Array.from({ length: 5 }, (_, i) => rejectedSpan(topic, 30 + r * 5 + i))),
      ),
    );

    const positions = new PositionBook();
    const received: ConsumedRecord[] = [];
    const groupId = `${topic}-group`;
    const handler = async (batch: { partition: number; records: ConsumedRecord[] }) => {
      received.push(...batch.records);
      positions.next.set(
        batch.partition,
        (BigInt(batch.records[batch.records.length - 1].offset) + 1n).toString(),
      );
    };
    const consumer = new KafkaEventLogConsumer({
      brokers: kafkaBrokers(),
      groupId,
      topic,
      positions,
    });
    await consumer.start(handler);
    await waitFor(async () => received.length >= 60, {
      timeoutMs: 60000,
      description: '60 records',
    });
    await consumer.stop();
    expect(received).toHaveLength(60);
    expect(new Set(received.map((r) => (r.value as { traceId: string }).traceId)).size).toBe(60);
    // Per key, records arrive in publish order (same key → same partition).
    const byKey = new Map<string, number[]>();
    for (const r of received)
      byKey.set(r.key!, [
        ...(byKey.get(r.key!) ?? []),
        Number((r.value as { traceId: string }).traceId),
      ]);
    for (const sequence of byKey.values())
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));

    // A consumer of the same group restarted after the stored positions re-delivers nothing,
    // even though Kafka's committed offsets are only hints. Proof without waiting for time to
    // pass: a sentinel follows the new record in every partition, and a partition delivers in
    // order, so once all three sentinels are in, any re-delivered record would be in too.
    await publisher.publish([rejectedSpan(topic, 60)]);
    await publisher.publish(
      [0, 1, 2].map((partition) => rejectedSpan(topic, 100 + partition, partition)),
    );
    const again: ConsumedRecord[] = [];
    const restarted = new KafkaEventLogConsumer({
      brokers: kafkaBrokers(),
      groupId,
      topic,
      positions,
    });
    await restarted.start(async (batch) => {
      again.push(...batch.records);
      positions.next.set(
        batch.partition,
        (BigInt(batch.records[batch.records.length - 1].offset) + 1n).toString(),
      );
    });
    const traceIds = () => again.map((r) => (r.value as { traceId: string }).traceId);
    await waitFor(async () => ['100', '101', '102'].every((id) => traceIds().includes(id)), {
      timeoutMs: 60000,
      description: 'the sentinel of every partition',
    });
    await restarted.stop();
    await publisher.close();
    expect(traceIds().sort()).toEqual(['100', '101', '102', '60']);
  });

  it('reports an unreachable broker as EventLogUnavailableError, quickly', async () => {
    const publisher = new KafkaEventLogPublisher({ brokers: ['127.0.0.1:1'], timeoutMs: 5000 });
    const started = Date.now();
    await expect(publisher.publish([rejectedSpan('nowhere', 1)])).rejects.toBeInstanceOf(
      EventLogUnavailableError,
    );
    expect(Date.now() - started).toBeLessThan(15000);
    await publisher.close();
  });
});
