import { PartitionAssigners, type Cluster, type Consumer, type Kafka } from 'kafkajs';
import type {
  ConsumedBatch,
  ConsumedRecord,
  ConsumerPositionSource,
  EventLogConsumer,
} from './event-log.port';
import { createKafkaClient, type KafkaConnectionSettings } from './kafka-client';
import type { ConsumerStatus, PartitionLag } from './consumer-status';
import { ensureTopic } from './kafka-topics';
import { removeStaleMember, type StaleMemberOutcome } from './kafka-stale-member';
import { parseRecordValue } from './record-value';

/**
 * Retries with capped backoff for as long as the broker is away (1,000,000 retries at the 1 s cap
 * is about 11 days): kafkajs' default budget (5 retries, at most about 20 s of waits) would end
 * in a crash within the first half minute of an outage. The cap is 1 s so that a consumer that
 * rode the outage out tries again within 1.2 s (the cap ± 20 %) of the broker's return; one
 * refused connection a second costs nothing.
 */
export const CONSUMER_RETRY = {
  retries: 1_000_000,
  initialRetryTime: 300,
  maxRetryTime: 1000,
} as const;

/**
 * How long the coordinator keeps a member that stopped heartbeating (a projector that died
 * without leaving) before it rebalances its partitions to the others. 10 s: above the broker's
 * default minimum (group.min.session.timeout.ms, 6 s), short enough that a killed projector's
 * partitions move on quickly. After a broker outage it no longer matters: a restarted consumer
 * removes its old member id itself (removeStaleMember), a surviving one re-joins under it.
 */
export const CONSUMER_SESSION_TIMEOUT_MS = 10_000;
/** A third of the session timeout would do; 1 s keeps `status()` fresh (CONSUMER_STALL_MS). */
export const CONSUMER_HEARTBEAT_INTERVAL_MS = 1000;
/** How long a rebalance waits for the members to re-join (longer than one batch takes). */
export const CONSUMER_REBALANCE_TIMEOUT_MS = 20_000;
/** After a crash, how often the adapter checks whether the broker answers again. */
export const CONSUMER_RESTART_PROBE_MS = 500;

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

export interface KafkaConsumerOptions {
  brokers: string[];
  groupId: string;
  topic: string;
  positions: ConsumerPositionSource;
  clientId?: string;
  connection?: KafkaConnectionSettings;
  /** Told when the consumer crashed (this adapter then restarts it once the broker answers). */
  onCrash?: (error: Error) => void;
  /** Told when a crashed consumer's member id was removed from the group (or already gone). */
  onStaleMemberRemoved?: (memberId: string, outcome: StaleMemberOutcome) => void;
  /** Told when a crashed consumer's member id could not be removed from the group. */
  onStaleMemberKept?: (memberId: string, error: Error) => void;
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
  private handler: ((batch: ConsumedBatch) => Promise<void>) | undefined;
  /** Member ids of crashed consumers of this adapter, to remove before the next one joins. */
  private readonly staleMemberIds = new Set<string>();
  private restarting: Promise<void> | undefined;
  /** Next offset per owned partition as of this member's last handled batch; cleared on rejoin. */
  private readonly floors = new Map<number, bigint>();
  private crashedSinceRestart = false;

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
    this.handler = handler;
    this.stopped = false;
    await ensureTopic(this.kafka, this.options.topic);
    await this.run();
  }

  /**
   * One kafkajs consumer, from connect to crash. kafkajs' own restart after a crash re-creates its
   * group state with no member id (and does not restart at all after a non-retriable error such
   * as "Failed to find group coordinator"), so this adapter restarts instead (`restartAfterCrash`)
   * and first removes the member id the crashed consumer held (docs/operations.md, "Riding out a broker outage").
   */
  private async run(): Promise<void> {
    const { groupId, topic, positions } = this.options;
    const handler = this.handler;
    if (!handler) throw new Error('KafkaEventLogConsumer.run before start');
    // The consumer's own cluster (kafkajs hands it to partition assigners): the stale member is
    // removed through the very connections the new member joins with.
    let cluster: Cluster | undefined;
    const consumer = this.kafka.consumer({
      groupId,
      readUncommitted: false,
      sessionTimeout: CONSUMER_SESSION_TIMEOUT_MS,
      heartbeatInterval: CONSUMER_HEARTBEAT_INTERVAL_MS,
      rebalanceTimeout: CONSUMER_REBALANCE_TIMEOUT_MS,
      // Fetches return after at most 1 s on an idle topic: a stalled consumer shows quickly.
      maxWaitTimeInMs: 1000,
      partitionAssigners: [
        (config) => {
          cluster = config.cluster;
          return PartitionAssigners.roundRobin(config);
        },
      ],
      retry: {
        ...CONSUMER_RETRY,
        // Never kafkajs' restart (a new member id, the old one left holding the group): ours.
        restartOnFailure: async () => false,
      },
    });
    this.consumer = consumer;
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
      // kafkajs has disconnected this consumer by now; its member id is stale from here on.
      this.floors.clear();
      this.joined = false;
      this.lastCrash = `${new Date().toISOString()} ${e.payload.error.name}: ${e.payload.error.message}`;
      if (this.memberId) this.staleMemberIds.add(this.memberId);
      this.options.onCrash?.(e.payload.error);
      if (this.consumer === consumer && !this.stopped) {
        // A crash while a restart is under way (e.g. the coordinator still loading) makes that
        // restart go round again.
        this.crashedSinceRestart = true;
        this.restarting ??= this.restartAfterCrash().finally(() => {
          this.restarting = undefined;
        });
      }
    });
    consumer.on(STOP, () => {
      this.joined = false;
    });
    await consumer.connect();
    if (this.stopped) {
      // Stopped while connecting (a restart under way): this consumer never joins.
      await consumer.disconnect();
      return;
    }
    if (cluster && this.staleMemberIds.size > 0) await this.removeStaleMembers(cluster);
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

  /**
   * After a crash: wait until the broker answers (one cheap connection attempt every
   * RESTART_PROBE_MS, so the restart follows the broker's return within about that long), then run
   * a new consumer. Ends when one runs or the consumer is stopped.
   */
  private async restartAfterCrash(): Promise<void> {
    while (!this.stopped) {
      await new Promise((r) => setTimeout(r, CONSUMER_RESTART_PROBE_MS));
      if (this.stopped) return;
      if (!(await this.brokerAnswers())) continue;
      this.crashedSinceRestart = false;
      try {
        await this.run();
        // kafkajs reports a failed first join as a crash (CRASH), not as an error of run().
        if (!this.crashedSinceRestart) return;
      } catch (error) {
        const e = error as Error;
        this.lastCrash = `${new Date().toISOString()} ${e.name}: ${e.message}`;
        this.options.onCrash?.(e);
        await this.consumer?.disconnect().catch(() => undefined);
      }
    }
  }

  private async brokerAnswers(): Promise<boolean> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    try {
      await admin.connect();
      return true;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * Best effort: a member not removed only costs the wait for its session timeout. A retriable
   * refusal (the coordinator still loading the group after the broker's start) is tried again
   * every RESTART_PROBE_MS for up to a session timeout: joining first would leave the group
   * waiting for the stale member as soon as the coordinator has loaded it.
   */
  private async removeStaleMembers(cluster: Cluster): Promise<void> {
    const deadline = Date.now() + CONSUMER_SESSION_TIMEOUT_MS;
    for (const memberId of [...this.staleMemberIds]) {
      for (;;) {
        try {
          const outcome = await removeStaleMember(cluster, this.options.groupId, memberId);
          this.staleMemberIds.delete(memberId);
          this.options.onStaleMemberRemoved?.(memberId, outcome);
          break;
        } catch (error) {
          const retriable = (error as { retriable?: unknown }).retriable === true;
          if (retriable && Date.now() < deadline && !this.stopped) {
            await new Promise((r) => setTimeout(r, CONSUMER_RESTART_PROBE_MS));
            continue;
          }
          this.staleMemberIds.delete(memberId);
          this.options.onStaleMemberKept?.(memberId, error as Error);
          break;
        }
      }
    }
  }

  /** Leaves the group cleanly (the group rebalances at once, not after the session time-out). */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.stopped = true;
    this.joined = false;
    this.assigned = [];
    // A restart under way ends at its next check of `stopped` (a probe takes at most 3 s).
    await Promise.race([
      this.restarting?.catch(() => undefined),
      new Promise((r) => setTimeout(r, 5000).unref()),
    ]);
    const current = this.consumer ?? consumer;
    this.consumer = undefined;
    await current?.disconnect();
  }
}
