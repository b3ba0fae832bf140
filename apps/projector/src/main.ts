import 'reflect-metadata';
import { z } from 'zod';
import { brokersField, ConfigurationError, parseEnv, postgresUrlField } from '@greenops/config';
import { TOPICS } from '@greenops/domain';
import { KafkaEventLogConsumer } from '@greenops/messaging';
import { EmissionStore, openPostgres } from '@greenops/persistence';
import { EmissionsProjector } from './emissions.projector';

const envSchema = z.object({
  GREENOPS_KAFKA_BROKERS: brokersField,
  GREENOPS_DATABASE_URL: postgresUrlField,
  GREENOPS_PROJECTOR_GROUP: z.string().min(1).default('greenops-projector'),
});

/** Distributed mode: one projector instance of the consumer group. Scale out by starting more. */
async function main(): Promise<void> {
  const env = parseEnv(envSchema);
  const db = await openPostgres(env.GREENOPS_DATABASE_URL);
  const store = new EmissionStore(db);
  const projector = new EmissionsProjector(store, env.GREENOPS_PROJECTOR_GROUP, {}, {
    onSkipped: (s) =>
      console.warn(`projector: skipped ${s.topic}[${s.partition}]@${s.offset} ${s.eventId ?? ''}: ${s.field}: ${s.reason}`),
  });
  const consumer = new KafkaEventLogConsumer({
    brokers: env.GREENOPS_KAFKA_BROKERS,
    groupId: env.GREENOPS_PROJECTOR_GROUP,
    topic: TOPICS.activities,
    positions: store,
  });
  await consumer.start(projector.handle);
  console.log(`projector: consuming ${TOPICS.activities} as group ${env.GREENOPS_PROJECTOR_GROUP}`);
  const progress = setInterval(() => {
    const s = projector.stats;
    console.log(`projector: ${s.records} records, ${s.insertedFacts} facts, ${s.skipped} skipped`);
  }, 30000);
  progress.unref();
  const stop = async () => {
    clearInterval(progress);
    await consumer.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(error instanceof ConfigurationError ? 78 : 1);
});
