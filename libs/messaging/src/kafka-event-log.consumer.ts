import type { Consumer, Kafka } from 'kafkajs';
import type {
  ConsumedBatch,
  ConsumedRecord,
  ConsumerPositionSource,
  EventLogConsumer,
} from './event-log.port';
import { createKafkaClient, type KafkaConnectionSettings } from './kafka-client';
import type { ConsumerStatus, PartitionLag } from './consumer-status';
import { ensureTopic } from './kafka-topics';

/**
 * Retries with capped backoff for as long as the broker is away (about 35 days at the cap):
 * kafkajs' default budget (5 retries) is spent in seconds, after which the consumer crashes and
 * re-joins as a new member while the stale one holds the group in rebalancing.
 */
export const CONSUMER_RETRY = {
  retries: 1_000_000,
  initialRetryTime: 300,
  maxRetryTime: 3000,
} as const;

/**
 * A consumer that has neither fetched nor heartbeated for this long is not consuming (fetches
 * wait at most 1 s, heartbeats go every second).
 */
export const CONSUMER_STALL_MS = 5000;

/**
 * Partitions whose batches are handled at the same time by one consumer. A batch spends most of
 * its time waiting on database round trips (tools/bench/results/profile-2026-11-29.md), so
 * overlapping partitions uses that wait. Safe because partitions never share a key (tenant/project)
 * and every multi-row upsert locks its rows in key order, as it must for several projector
 * instances anyway.
 */
export const PARTITIONS_CONSUMED_CONCURRENTLY = 3;
import { parseRecordValue } from './record-value';

export interface KafkaConsumerOptions {
  brokers: string[];
  groupId: string;
  topic: string;
  positions: ConsumerPositionSource;
  clientId?: string;
  connection?: KafkaConnectionSettings;
  /** Told when kafkajs restarts the consumer after a crash (it always does: restartOnFailure). */
  onCrash?: (error: Error) => void;
  /** Batches of different partitions handled at once; PARTITIONS_CONSUMED_CONCURRENTLY by default. */
  partitionsConsumedConcurrently?: number;
}

/**
 * Kafka consumer-group adapter. The projector stores each partition's next offset in the same
 * database transaction as its facts; Kafka's own committed offset is only a starting hint. Before
 * the first batch of a partition after each (re)join we read the stored position and drop
 * records below it, so a crash between the database commit and Kafka's offset commit never
 * counts anything twice. While this member keeps the partition, the position is the one its own
 * last handled batch stored, so it is not read again (a round trip per batch saved); any
 * rebalance or crash forgets it.
 */
export class KafkaEventLogConsumer implements EventLogConsumer {
  private readonly kafka: Kafka;
  private consumer: Consumer | undefined;
  private joined = false;
  private stopped = false;
  private memberId: string | undefined;
  private assigned: number[] = [];
  private lastFetchAt = 0;
  private lastCrash: string | undefined;
  /** Next offset per owned partition as of this member's last handled batch; cleared on rejoin. */
  private readonly floors = new Map<number, bigint>();

  constructor(private readonly options: KafkaConsumerOptions) {
    this.kafka = createKafkaClient(
      options.brokers,
      options.clientId ?? 'greenops-projector',
      options.connection,
      { connectionTimeout: 3000, retry: CONSUMER_RETRY },
    );
  }

  /** Membership and liveness of this consumer, from kafkajs' instrumentation events. */
  status(now = Date.now()): ConsumerStatus {
    const fetching = now - this.lastFetchAt < CONSUMER_STALL_MS;
    const state = this.stopped
      ? 'stopped'
      : !this.joined
        ? 'joining'
        : fetching
          ? 'consuming'
          : 'stalled';
    return {
      group: this.options.groupId,
      topic: this.options.topic,
      memberId: this.memberId ?? null,
      state,
      partitions: [...this.assigned],
      lastFetchAt: this.lastFetchAt > 0 ? new Date(this.lastFetchAt).toISOString() : null,
      lastCrash: this.lastCrash ?? null,
    };
  }

  /**
   * Lag of the partitions this member owns: the group's committed offset against the partition's
   * high watermark (a partition the group never committed counts from its low watermark).
   */
  async lag(): Promise<PartitionLag[]> {
    const { groupId, topic } = this.options;
    const partitions = [...this.assigned];
    if (partitions.length === 0) return [];
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    await admin.connect();
    try {
      const [offsets, committed] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId, topics: [topic] }),
      ]);
      const committedBy = new Map(
        (committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
      );
      return partitions.map((partition) => {
        const o = offsets.find((x) => x.partition === partition);
        const high = BigInt(o?.high ?? '0');
        const low = BigInt(o?.low ?? '0');
        const c = committedBy.get(partition);
        const from = c === undefined || c < 0n ? low : c;
        return {
          partition,
          committedOffset: c === undefined || c < 0n ? null : c.toString(),
          highWatermark: high.toString(),
          lag: Number(high > from ? high - from : 0n),
        };
      });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async start(handler: (batch: ConsumedBatch) => Promise<void>): Promise<void> {
    const { groupId, topic, positions } = this.options;
    const consumer = this.kafka.consumer({
      groupId,
      readUncommitted: false,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      rebalanceTimeout: 20000,
      // Fetches return after at most 1 s on an idle topic: a stalled consumer shows quickly.
      maxWaitTimeInMs: 1000,
      retry: {
        ...CONSUMER_RETRY,
        // The safety net: should the budget ever run out, restart rather than stop consuming.
        restartOnFailure: async () => true,
      },
    });
    this.consumer = consumer;
    this.stopped = false;
    const { GROUP_JOIN, FETCH, HEARTBEAT, CRASH, STOP, REBALANCING } = consumer.events;
    consumer.on(GROUP_JOIN, (e) => {
      this.floors.clear();
      this.joined = true;
      this.memberId = e.payload.memberId;
      this.assigned = [...(e.payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b);
      this.lastFetchAt = Date.now();
    });
    consumer.on(FETCH, () => {
      this.lastFetchAt = Date.now();
    });
    // A member that owns no partition (more projectors than partitions) only heartbeats.
    consumer.on(HEARTBEAT, () => {
      this.lastFetchAt = Date.now();
    });
    consumer.on(REBALANCING, () => {
      this.floors.clear();
      this.joined = false;
    });
    consumer.on(CRASH, (e) => {
      this.floors.clear();
      this.joined = false;
      this.lastCrash = `${new Date().toISOString()} ${e.payload.error.name}: ${e.payload.error.message}`;
      this.options.onCrash?.(e.payload.error);
    });
    consumer.on(STOP, () => {
      this.joined = false;
    });
    await ensureTopic(this.kafka, topic);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently:
        this.options.partitionsConsumedConcurrently ?? PARTITIONS_CONSUMED_CONCURRENTLY,
      eachBatchAutoResolve: false,
      autoCommit: true,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        let floor = this.floors.get(batch.partition);
        if (floor === undefined) {
          const stored = (await positions.nextOffsets(groupId, topic)).get(batch.partition);
          floor = stored === undefined ? -1n : BigInt(stored);
        }
        const records: ConsumedRecord[] = [];
        for (const message of batch.messages) {
          if (BigInt(message.offset) < floor) continue;
          records.push({
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? null,
            value: parseRecordValue(message.value),
          });
        }
        if (records.length > 0) {
          await handler({ topic: batch.topic, partition: batch.partition, records });
        }
        const lastOffset = batch.messages[batch.messages.length - 1].offset;
        // Only while still a member: a rejoin during the batch has cleared the floors for good reason.
        if (isRunning() && !isStale()) {
          const next = BigInt(lastOffset) + 1n;
          this.floors.set(batch.partition, next > floor ? next : floor);
        }
        resolveOffset(lastOffset);
        await heartbeat();
      },
    });
  }

  /** Leaves the group cleanly (the group rebalances at once, not after the session time-out). */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    this.stopped = true;
    this.joined = false;
    this.assigned = [];
    await consumer?.disconnect();
  }
}
