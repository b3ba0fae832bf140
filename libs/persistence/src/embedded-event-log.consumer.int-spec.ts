import { randomBytes } from 'node:crypto';
import { EmbeddedEventLogConsumer, type ConsumedBatch } from '@greenops/messaging';
import { waitFor } from '@greenops/testing';
import type { DatabaseHandle } from './database-handle';
import { EmissionStore } from './emission-store';
import { EventLogTable } from './event-log-table';
import { openEmbeddedTimescale } from './open-embedded-timescale';

/**
 * The embedded mode's consumer (libs/messaging) over the durable event-log table and the
 * positions the projector stores with its facts, on the embedded TimescaleDB it runs on.
 */
describe('EmbeddedEventLogConsumer on the event-log table (embedded TimescaleDB)', () => {
  let db: DatabaseHandle;
  let table: EventLogTable;
  let store: EmissionStore;
  const running: EmbeddedEventLogConsumer[] = [];

  beforeAll(async () => {
    db = await openEmbeddedTimescale({});
    table = new EventLogTable(db);
    store = new EmissionStore(db);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
  });
  afterAll(() => db?.close());

  const uniqueTopic = () => `consumer-int.${randomBytes(4).toString('hex')}`;
  const values = (batches: ConsumedBatch[]) =>
    batches.flatMap((b) => b.records.map((r) => (r.value as { n: number }).n));

  async function append(topic: string, ns: number[]): Promise<string[]> {
    await table.append(ns.map((n) => ({ topic, key: `k${n % 2}`, value: { n } })));
    return (await table.readAfter(topic, null, 1000)).map((r) => r.seq);
  }

  /** A consumer whose handler stores its position as the projector does (commitBatch). */
  function consumer(
    topic: string,
    groupId: string,
    batches: ConsumedBatch[],
    opts: { batchSize?: number; failFirst?: number; errors?: unknown[] } = {},
  ): EmbeddedEventLogConsumer {
    let failures = opts.failFirst ?? 0;
    const c = new EmbeddedEventLogConsumer({
      table,
      groupId,
      topic,
      positions: store,
      batchSize: opts.batchSize,
      pollIntervalMs: 20,
      onError: (error) => opts.errors?.push(error),
    });
    running.push(c);
    void c.start(async (batch) => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('handler failed');
      }
      batches.push(batch);
      const last = batch.records[batch.records.length - 1];
      await store.commitBatch({
        facts: [],
        artifacts: [],
        offsets: [
          {
            group: groupId,
            topic,
            partition: 0,
            nextOffset: (BigInt(last.offset) + 1n).toString(),
          },
        ],
      });
    });
    return c;
  }

  /** Resolves once the group's stored position is past `seq` (a positive signal, no sleep). */
  async function consumedThrough(groupId: string, topic: string, seq: string): Promise<void> {
    await waitFor(
      async () => BigInt((await store.nextOffsets(groupId, topic)).get(0) ?? '0') > BigInt(seq),
      { timeoutMs: 60000, intervalMs: 20, description: `${groupId} past ${seq} on ${topic}` },
    );
  }

  it('delivers its topic in log order, partition 0, offsets = sequence numbers, at most batchSize a batch', async () => {
    const topic = uniqueTopic();
    const other = uniqueTopic();
    await append(other, [100, 101]);
    const seqs = await append(topic, [1, 2, 3, 4, 5]);
    const batches: ConsumedBatch[] = [];
    consumer(topic, 'group-order', batches, { batchSize: 2 });
    await consumedThrough('group-order', topic, seqs[4]);

    expect(values(batches)).toEqual([1, 2, 3, 4, 5]);
    expect(batches.map((b) => b.records.length)).toEqual([2, 2, 1]);
    expect(batches.every((b) => b.partition === 0 && b.topic === topic)).toBe(true);
    expect(batches.flatMap((b) => b.records.map((r) => r.offset))).toEqual(seqs);
    expect(batches[0].records[0]).toEqual({
      topic,
      partition: 0,
      offset: seqs[0],
      key: 'k1',
      value: { n: 1 },
    });
  });

  it('resumes after the stored position; another group starts from the beginning', async () => {
    const topic = uniqueTopic();
    const firstSeqs = await append(topic, [1, 2, 3]);
    const first: ConsumedBatch[] = [];
    const c = consumer(topic, 'group-resume', first);
    await consumedThrough('group-resume', topic, firstSeqs[2]);
    await c.stop();

    const allSeqs = await append(topic, [4, 5]);
    const resumed: ConsumedBatch[] = [];
    consumer(topic, 'group-resume', resumed);
    const fresh: ConsumedBatch[] = [];
    consumer(topic, 'group-fresh', fresh);
    await consumedThrough('group-resume', topic, allSeqs[4]);
    await consumedThrough('group-fresh', topic, allSeqs[4]);

    expect(values(first)).toEqual([1, 2, 3]);
    expect(values(resumed)).toEqual([4, 5]);
    expect(values(fresh)).toEqual([1, 2, 3, 4, 5]);
  });

  it('retries a batch whose handler throws from the stored position: nothing skipped, the error reported', async () => {
    const topic = uniqueTopic();
    const seqs = await append(topic, [1, 2, 3]);
    const batches: ConsumedBatch[] = [];
    const errors: unknown[] = [];
    consumer(topic, 'group-retry', batches, { failFirst: 2, errors });
    await consumedThrough('group-retry', topic, seqs[2]);

    expect(values(batches)).toEqual([1, 2, 3]);
    expect(errors).toHaveLength(2);
    expect((errors[0] as Error).message).toBe('handler failed');
  });
});
