import type { Kafka } from 'kafkajs';

export const DEFAULT_TOPIC_PARTITIONS = 6;

/**
 * Creates the topic if it is missing (idempotent). Done by the consumer before it subscribes:
 * subscribing to a topic that does not exist yet fails, whatever the broker's auto-creation.
 */
export async function ensureTopic(
  kafka: Kafka,
  topic: string,
  numPartitions = DEFAULT_TOPIC_PARTITIONS,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
    }
  } finally {
    await admin.disconnect();
  }
}
