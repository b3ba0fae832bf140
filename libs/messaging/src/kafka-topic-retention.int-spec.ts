import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { kafkaBrokers, uniqueTopic } from '@greenops/testing';
import { setTopicRetentionMs } from './kafka-topic-retention';

describe('setTopicRetentionMs (real broker)', () => {
  it("sets retention.ms and keeps the topic's other overrides", async () => {
    const kafka = new Kafka({
      clientId: 'int',
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    });
    const topic = uniqueTopic('retention-ms');
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [
          {
            topic,
            numPartitions: 1,
            configEntries: [{ name: 'max.message.bytes', value: '2000000' }],
          },
        ],
        waitForLeaders: true,
      });
      // 31 days (a 30-day window + the day the UTC-midnight cutoff may lag): 31 × 86,400,000 ms.
      await setTopicRetentionMs(kafka, topic, 31 * 86_400_000);
      const described = await admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
        includeSynonyms: false,
      });
      const value = (name: string) =>
        described.resources[0].configEntries.find((e) => e.configName === name)?.configValue;
      expect(value('retention.ms')).toBe('2678400000');
      expect(value('max.message.bytes')).toBe('2000000');
      await expect(setTopicRetentionMs(kafka, topic, 0)).rejects.toThrow(/retentionMs/);
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
