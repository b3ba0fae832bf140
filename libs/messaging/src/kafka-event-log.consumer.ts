import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type {
  ConsumedBatch,
  ConsumedRecord,
  ConsumerPositionSource,
  EventLogConsumer,
} from './event-log.port';
import { ensureTopic } from './kafka-topics';
import { parseRecordValue } from './record-value';

export interface KafkaConsumerOptions {
  brokers: string[];
  groupId: string;
  topic: string;
  positions: ConsumerPositionSource;
  clientId?: string;
}

/**
 * Kafka consumer-group adapter. The projector stores each partition's next offset in the same
 * database transaction as its facts; Kafka's own committed offset is only a starting hint. Before
 * each batch we read the stored position and drop records below it, so a crash between the
 * database commit and Kafka's offset commit never counts anything twice.
 */
export class KafkaEventLogConsumer implements EventLogConsumer {
  private readonly kafka: Kafka;
  private consumer: Consumer | undefined;

  constructor(private readonly options: KafkaConsumerOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'greenops-projector',
      brokers: options.brokers,
      logLevel: logLevel.ERROR,
      retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5000 },
    });
  }

  async start(handler: (batch: ConsumedBatch) => Promise<void>): Promise<void> {
    const { groupId, topic, positions } = this.options;
    const consumer = this.kafka.consumer({
      groupId,
      readUncommitted: false,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      rebalanceTimeout: 20000,
      retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    this.consumer = consumer;
    await ensureTopic(this.kafka, topic);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        const stored = (await positions.nextOffsets(groupId, topic)).get(batch.partition);
        const floor = stored === undefined ? -1n : BigInt(stored);
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
        resolveOffset(batch.messages[batch.messages.length - 1].offset);
        await heartbeat();
      },
    });
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }
}
