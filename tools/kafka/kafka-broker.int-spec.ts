// The test broker (tools/kafka/kafka.sh, Kafka 3.9 KRaft) works with the kafkajs version
// the platform uses: topic creation, keyed produce, consumer-group consume.
import { Admin, Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { kafkaBrokers, uniqueTopic, waitFor } from '@greenops/testing';

const PARTITIONS = 3;
const MESSAGE_COUNT = 60;

describe('test Kafka broker with kafkajs', () => {
  const kafka = new Kafka({
    clientId: 'kafka-broker-int-spec',
    brokers: kafkaBrokers(),
    logLevel: logLevel.WARN,
  });
  let admin: Admin;
  let producer: Producer;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    admin = kafka.admin();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await admin.connect();
    await producer.connect();
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer.disconnect();
    await admin.disconnect();
  });

  it('creates a 3-partition topic, and a consumer group receives every keyed message exactly once', async () => {
    const topic = uniqueTopic('kafka-broker-int-spec');
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    expect(created).toBe(true);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]!.partitions).toHaveLength(PARTITIONS);

    // 60 messages over 6 keys: enough that the default partitioner spreads them over partitions.
    const sent = Array.from({ length: MESSAGE_COUNT }, (_, i) => ({
      key: `key-${i % 6}`,
      value: `message-${i}`,
    }));
    await producer.send({ topic, messages: sent });

    const received: { key: string; value: string; partition: number }[] = [];
    consumer = kafka.consumer({ groupId: uniqueTopic('kafka-broker-int-spec-group') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.push({
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          partition,
        });
      },
    });

    // A sentinel after the messages in every partition: a partition delivers in order, so once
    // every sentinel is in, any duplicate delivery of a message would be in too.
    await producer.send({
      topic,
      messages: Array.from({ length: PARTITIONS }, (_, partition) => ({
        key: `sentinel-${partition}`,
        value: `sentinel-${partition}`,
        partition,
      })),
    });
    await waitFor(
      async () => received.filter((m) => m.value.startsWith('sentinel-')).length >= PARTITIONS,
      { timeoutMs: 60000, description: `${MESSAGE_COUNT} messages and the sentinels on ${topic}` },
    );
    const sentinels = received.filter((m) => m.value.startsWith('sentinel-'));
    expect(sentinels.map((m) => m.partition).sort()).toEqual([0, 1, 2]);
    received.splice(0, received.length, ...received.filter((m) => !sentinels.includes(m)));

    expect(received).toHaveLength(MESSAGE_COUNT);
    const byValue = new Map(received.map((m) => [m.value, m]));
    expect(byValue.size).toBe(MESSAGE_COUNT);
    for (const message of sent) {
      expect(byValue.get(message.value)?.key).toBe(message.key);
    }
    // One key always lands on one partition (ordering per key is what the projector relies on).
    const partitionsByKey = new Map<string, Set<number>>();
    for (const m of received) {
      partitionsByKey.set(m.key, (partitionsByKey.get(m.key) ?? new Set()).add(m.partition));
    }
    for (const partitions of partitionsByKey.values()) expect(partitions.size).toBe(1);
    expect(new Set(received.map((m) => m.partition)).size).toBeGreaterThan(1);
  });
});
