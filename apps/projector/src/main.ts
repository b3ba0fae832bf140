import 'reflect-metadata';
import { z } from 'zod';
import { brokersField, parseEnv, postgresUrlField, runService } from '@greenops/config';
import { TOPICS } from '@greenops/contracts';
import {
  KafkaEventLogConsumer,
  KafkaEventLogInspector,
  KafkaEventLogPublisher,
} from '@greenops/messaging';
import {
  EmissionStore,
  InsightsStore,
  openPostgres,
  ProjectionRegistry,
  RetentionStore,
} from '@greenops/persistence';
import { startProjectorWorkers } from './projector-workers';

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
  const brokers = env.GREENOPS_KAFKA_BROKERS;
  const publisher = new KafkaEventLogPublisher({ brokers, clientId: 'greenops-projector' });
  const workers = await startProjectorWorkers({
    store,
    insights: new InsightsStore(db),
    registry: new ProjectionRegistry(db),
    publisher,
    inspector: new KafkaEventLogInspector(brokers),
    consumerFor: (groupId, topic) =>
      new KafkaEventLogConsumer({ brokers, groupId, topic, positions: store }),
    groupId: env.GREENOPS_PROJECTOR_GROUP,
    log: (line) => console.log(line),
    warn: (line) => console.warn(line),
    retentionStore: new RetentionStore(db),
  });
  console.log(`projector: consuming ${TOPICS.activities} as group ${env.GREENOPS_PROJECTOR_GROUP}`);
  return async () => {
    await workers.stop();
    await publisher.close();
    await db.close();
  };
}

runService('projector', main);
