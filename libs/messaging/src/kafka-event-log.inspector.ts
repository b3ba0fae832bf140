import { Kafka, logLevel } from 'kafkajs';
import type { EventLogInspector } from './event-log.port';
import { ensureTopic } from './kafka-topics';

export class KafkaEventLogInspector implements EventLogInspector {
  private readonly kafka: Kafka;

  constructor(brokers: string[]) {
    this.kafka = new Kafka({ clientId: 'greenops-inspector', brokers, logLevel: logLevel.NOTHING });
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
