import { KAFKA_BROKERS_ENV } from './test-env';

/** Broker addresses of the test Kafka (host:port), from GREENOPS_TEST_KAFKA_BROKERS. */
export function kafkaBrokers(): string[] {
  const raw = process.env[KAFKA_BROKERS_ENV] ?? '';
  const brokers = raw
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (brokers.length === 0) {
    throw new Error(
      `${KAFKA_BROKERS_ENV} is not set: run the test through jest's integration or e2e project ` +
        `(its global setup starts the broker), or start one with 'bash tools/kafka/kafka.sh start' ` +
        `and export ${KAFKA_BROKERS_ENV}=127.0.0.1:19092`,
    );
  }
  return brokers;
}
