import 'reflect-metadata';
import { z } from 'zod';
import { brokersField, parseEnv, postgresUrlField, runService } from '@greenops/config';
import { TOPICS } from '@greenops/domain';
import {
  KafkaEventLogConsumer,
  KafkaEventLogInspector,
  KafkaEventLogPublisher,
} from '@greenops/messaging';
import { EmissionStore, openPostgres, ProjectionRegistry } from '@greenops/persistence';
import { DeadLetterRecorder } from './dead-letter.recorder';
import { EmissionsProjector } from './emissions.projector';
import { FactorSetCatalog } from './factor-set.catalog';
import { ProjectionRebuildRunner } from './projection-rebuild.runner';

const envSchema = z.object({
  GREENOPS_KAFKA_BROKERS: brokersField,
  GREENOPS_DATABASE_URL: postgresUrlField,
  GREENOPS_PROJECTOR_GROUP: z.string().min(1).default('greenops-projector'),
});

/** Distributed mode: one projector instance of the consumer group. Scale out by starting more. */
async function main(): Promise<() => Promise<void>> {
  const env = parseEnv(envSchema);
  const db = await openPostgres(env.GREENOPS_DATABASE_URL);
  const store = new EmissionStore(db);
  const registry = new ProjectionRegistry(db);
  const catalog = new FactorSetCatalog(registry);
  const brokers = env.GREENOPS_KAFKA_BROKERS;
  const publisher = new KafkaEventLogPublisher({ brokers, clientId: 'greenops-projector' });
  const projector = new EmissionsProjector({
    store,
    groupId: env.GREENOPS_PROJECTOR_GROUP,
    projections: { registry, catalog, publisher, inspector: new KafkaEventLogInspector(brokers) },
    observer: {
      onSkipped: (s) =>
        console.warn(
          `projector: skipped ${s.topic}[${s.partition}]@${s.offset} ${s.eventId ?? ''}: ${s.field}: ${s.reason}`,
        ),
      onRebuildStarted: (b) =>
        console.log(
          `projector: factor set ${b.factorSetVersion} of ${b.tenant} published; building projection v${b.version}`,
        ),
    },
  });
  const consumer = new KafkaEventLogConsumer({
    brokers,
    groupId: env.GREENOPS_PROJECTOR_GROUP,
    topic: TOPICS.activities,
    positions: store,
  });
  const rebuilds = new ProjectionRebuildRunner({
    registry,
    store,
    catalog,
    topic: TOPICS.activities,
    consumerFor: (groupId) =>
      new KafkaEventLogConsumer({ brokers, groupId, topic: TOPICS.activities, positions: store }),
  });
  await consumer.start(projector.handle);
  const dlqGroup = `${env.GREENOPS_PROJECTOR_GROUP}.dead-letters`;
  const deadLetters = new KafkaEventLogConsumer({
    brokers,
    groupId: dlqGroup,
    topic: TOPICS.activitiesDlq,
    positions: store,
  });
  await deadLetters.start(
    new DeadLetterRecorder(store, dlqGroup, (offset, reason) =>
      console.warn(`projector: malformed DLQ record at offset ${offset}: ${reason}`),
    ).handle,
  );
  rebuilds.start();
  console.log(`projector: consuming ${TOPICS.activities} as group ${env.GREENOPS_PROJECTOR_GROUP}`);
  const progress = setInterval(() => {
    const s = projector.stats;
    console.log(`projector: ${s.records} records, ${s.insertedFacts} facts, ${s.skipped} skipped`);
  }, 30000);
  progress.unref();
  return async () => {
    clearInterval(progress);
    await rebuilds.stop();
    await consumer.stop();
    await deadLetters.stop();
    await publisher.close();
    await db.close();
  };
}

runService('projector', main);
