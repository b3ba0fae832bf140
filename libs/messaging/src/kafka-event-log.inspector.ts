import type { Kafka } from 'kafkajs';
import { createKafkaClient, type KafkaConnectionSettings } from './kafka-client';
import type { EventLogInspector } from './event-log.port';
import { ensureTopic } from './kafka-topics';

export class KafkaEventLogInspector implements EventLogInspector {
  private readonly kafka: Kafka;

  constructor(brokers: string[], connection?: KafkaConnectionSettings) {
    this.kafka = createKafkaClient(brokers, 'greenops-inspector', connection);
  }

  async partitions(topic: string): Promise<number[]> {
    await ensureTopic(this.kafka, topic);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      return metadata.topics[0].partitions.map((p) => p.partitionId).sort((a, b) => a - b);
    } finally {
      await admin.disconnect();
    }
  }
}
