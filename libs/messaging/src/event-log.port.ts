import type { LogRecord } from '@greenops/contracts';

/** What the log can tell about itself. */
export interface EventLogInspector {
  /** Partition numbers of a topic (creating the topic if it does not exist yet). */
  partitions(topic: string): Promise<number[]>;
}

/** Raised when the event log cannot take a write; ingest answers 503 + Retry-After. */
export class EventLogUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'EventLogUnavailableError';
  }
}

/**
 * Append-only event log (Kafka in distributed mode, a durable table in embedded mode).
 * `publish` is all-or-nothing from the caller's point of view: it resolves once every
 * record is durable, or throws EventLogUnavailableError. It takes `LogRecord`s only, which
 * nothing but `encodeLogRecord` (libs/contracts) makes: every record is checked against its
 * event contract by its producer before it gets here (docs/architecture.md, "Event contracts").
 * A record's `key` orders it (records of one key share a partition) unless it names its
 * `partition`.
 */
export interface EventLogPublisher {
  publish(records: readonly LogRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface ConsumedRecord {
  topic: string;
  partition: number;
  /** Log offset as a decimal string (Kafka offsets are int64). */
  offset: string;
  key: string | null;
  /** Parsed JSON value; validated by the consumer, never trusted. */
  value: unknown;
}

export interface ConsumedBatch {
  topic: string;
  partition: number;
  records: ConsumedRecord[];
}

/**
 * Where a consumer group resumes: the projector stores `nextOffset` per partition in the
 * same transaction as its facts, and the log adapters start from it (exactly-once effect).
 */
export interface ConsumerPositionSource {
  nextOffsets(group: string, topic: string): Promise<Map<number, string>>;
}

export interface EventLogConsumer {
  /** Starts delivering batches; a batch handler that throws is retried (never skipped). */
  start(handler: (batch: ConsumedBatch) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}
