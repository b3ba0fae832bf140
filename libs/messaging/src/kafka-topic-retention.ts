import { ConfigResourceTypes, type Kafka } from 'kafkajs';

/** Kafka's config source of a topic-level override (DescribeConfigs, KIP-226). */
const DYNAMIC_TOPIC_CONFIG = 1;

/**
 * Sets a topic's `retention.ms` (docs/retention.md, "Kafka"), keeping the topic's other
 * overrides: kafkajs' alterConfigs replaces a topic's whole override set, so the current
 * overrides are read first and written back with the new value.
 */
export async function setTopicRetentionMs(
  kafka: Kafka,
  topic: string,
  retentionMs: number,
): Promise<void> {
  if (!Number.isSafeInteger(retentionMs) || retentionMs < 1)
    throw new Error(`retentionMs: must be a positive whole number of milliseconds`);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const described = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
      includeSynonyms: false,
    });
    const overrides = (described.resources[0]?.configEntries ?? []).filter(
      (e) =>
        e.configSource === DYNAMIC_TOPIC_CONFIG &&
        !e.readOnly &&
        !e.isSensitive &&
        e.configName !== 'retention.ms',
    );
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [
            ...overrides.map((e) => ({ name: e.configName, value: e.configValue })),
            { name: 'retention.ms', value: String(retentionMs) },
          ],
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
}
