import type { EmbeddedLogTable } from './embedded-event-log.table';
import type { ConsumedBatch, ConsumerPositionSource, EventLogConsumer } from './event-log.port';

export interface EmbeddedConsumerOptions {
  table: EmbeddedLogTable;
  groupId: string;
  topic: string;
  positions: ConsumerPositionSource;
  batchSize?: number;
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Embedded mode consumer: one partition (0) whose offsets are the table's sequence numbers.
 * Resumes from the position the projector stored with its facts, like the Kafka adapter.
 */
export class EmbeddedEventLogConsumer implements EventLogConsumer {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: EmbeddedConsumerOptions) {}

  async start(handler: (batch: ConsumedBatch) => Promise<void>): Promise<void> {
    this.running = true;
    this.loop = this.run(handler);
  }

  private async run(handler: (batch: ConsumedBatch) => Promise<void>): Promise<void> {
    const { table, groupId, topic, positions } = this.options;
    const batchSize = this.options.batchSize ?? 500;
    const pollIntervalMs = this.options.pollIntervalMs ?? 200;
    while (this.running) {
      let delivered = 0;
      try {
        const next = (await positions.nextOffsets(groupId, topic)).get(0);
        const afterSeq = next === undefined ? null : (BigInt(next) - 1n).toString();
        const rows = await table.readAfter(topic, afterSeq, batchSize);
        if (rows.length > 0) {
          await handler({
            topic,
            partition: 0,
            records: rows.map((row) => ({
              topic,
              partition: 0,
              offset: row.seq,
              key: row.key,
              value: row.value,
            })),
          });
          delivered = rows.length;
        }
      } catch (error) {
        // The batch is retried from the stored position on the next turn: nothing is skipped.
        this.options.onError?.(error);
      }
      if (delivered < batchSize) await this.sleep(pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}
