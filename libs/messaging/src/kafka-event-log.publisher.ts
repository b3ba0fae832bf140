import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { LogRecord } from '@greenops/contracts';
import { EventLogUnavailableError, type EventLogPublisher } from './event-log.port';
import { createKafkaClient, type KafkaConnectionSettings } from './kafka-client';
import { ensureTopic } from './kafka-topics';

/** Upper bound of one group-committed transaction (records of whole requests only). */
const MAX_RECORDS_PER_TRANSACTION = 5000;

export interface KafkaPublisherOptions {
  brokers: string[];
  clientId?: string;
  /** Upper bound for one publish, so an unreachable broker yields 503 quickly. */
  timeoutMs?: number;
  connection?: KafkaConnectionSettings;
}

/**
 * Kafka event log writer. Every `publish` is one Kafka transaction (idempotent, acks=all), so a
 * request's accepted events and its DLQ records become visible together or not at all
 * ("nothing half-written"); consumers read committed only.
 */
export class KafkaEventLogPublisher implements EventLogPublisher {
  private readonly kafka: Kafka;
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;
  /**
   * A transactional producer runs one transaction at a time. Publishes that arrive while one is
   * in flight wait together and go out as the next transaction (group commit): each caller's
   * records still land all-or-nothing, with fewer, larger transactions under load.
   */
  private pending: Array<{
    records: readonly LogRecord[];
    resolve: () => void;
    reject: (error: unknown) => void;
  }> = [];
  private draining: Promise<void> | undefined;
  private readonly ensuredTopics = new Set<string>();

  constructor(private readonly options: KafkaPublisherOptions) {
    this.kafka = createKafkaClient(
      options.brokers,
      options.clientId ?? 'greenops-ingest',
      options.connection,
      {
        connectionTimeout: 3000,
        requestTimeout: 10000,
        retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
      },
    );
  }

  publish(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ records, resolve, reject });
      this.kick();
    });
  }

  /** Starts draining unless a drain runs; a publish queued as a drain ends is picked up too. */
  private kick(): void {
    if (this.draining) return;
    this.draining = (async () => {
      try {
        await this.drain();
      } finally {
        this.draining = undefined;
        if (this.pending.length > 0) this.kick();
      }
    })();
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const group: typeof this.pending = [];
      let size = 0;
      while (
        this.pending.length > 0 &&
        (group.length === 0 || size + this.pending[0].records.length <= MAX_RECORDS_PER_TRANSACTION)
      ) {
        const next = this.pending.shift()!;
        group.push(next);
        size += next.records.length;
      }
      try {
        await this.publishNow(group.flatMap((g) => g.records));
        for (const g of group) g.resolve();
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
  }

  private async publishNow(records: readonly LogRecord[]): Promise<void> {
    const timeoutMs = this.options.timeoutMs ?? 15000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new EventLogUnavailableError(`Kafka did not acknowledge within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.transact(records), timeout]);
    } catch (error) {
      // A failed or timed-out transaction may leave the producer in an unknown state: recreate it.
      await this.resetProducer();
      if (error instanceof EventLogUnavailableError) throw error;
      throw new EventLogUnavailableError(
        `Kafka publish failed: ${(error as Error).message}`,
        error,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private async transact(records: readonly LogRecord[]): Promise<void> {
    const producer = await this.connect();
    // Created with our partition count rather than the broker's default, whoever writes first.
    for (const topic of new Set(records.map((r) => r.topic))) {
      if (!this.ensuredTopics.has(topic)) {
        await ensureTopic(this.kafka, topic);
        this.ensuredTopics.add(topic);
      }
    }
    const byTopic = new Map<string, Array<{ key: string; value: string; partition?: number }>>();
    for (const record of records) {
      const messages = byTopic.get(record.topic) ?? [];
      messages.push({
        key: record.key,
        value: JSON.stringify(record.value),
        partition: record.partition,
      });
      byTopic.set(record.topic, messages);
    }
    const transaction = await producer.transaction();
    try {
      await transaction.sendBatch({
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
  }

  private connect(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    this.connecting ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        // A transaction begun right after a commit is often refused with CONCURRENT_TRANSACTIONS
        // until the coordinator has finished; retry soon rather than after 200 ms.
        retry: { retries: 10, initialRetryTime: 10, maxRetryTime: 1000 },
        maxInFlightRequests: 1,
        transactionalId: `${this.options.clientId ?? 'greenops-ingest'}-${hostname()}-${process.pid}-${randomUUID()}`,
        allowAutoTopicCreation: true,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      try {
        await producer.connect();
      } catch (error) {
        this.connecting = undefined;
        await producer.disconnect().catch(() => undefined);
        throw error;
      }
      this.producer = producer;
      return producer;
    })();
    return this.connecting;
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.connecting = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.draining;
    await this.resetProducer();
  }
}
