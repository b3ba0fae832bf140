import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import {
  brokersField,
  kafkaSecurityFromEnv,
  logLevelField,
  parseEnv,
  portField,
  postgresUrlField,
  runService,
} from '@greenops/config';
import { TOPICS } from '@greenops/contracts';
import {
  KafkaEventLogConsumer,
  KafkaEventLogInspector,
  KafkaEventLogPublisher,
} from '@greenops/messaging';
import { selfMetrics, serviceLogging, startSelfTelemetry } from '@greenops/observability';
import {
  EmissionStore,
  InsightsStore,
  openPostgres,
  ProjectionRegistry,
  ProjectorInstanceStore,
  RetentionStore,
} from '@greenops/persistence';
import { createProjectorHttpApp } from './projector-http.module';
import { ProjectorInstanceReporter } from './projector-instance.reporter';
import { projectorStatus, startingStatus } from './projector-status';
import { startProjectorWorkers } from './projector-workers';

const envSchema = z.object({
  GREENOPS_KAFKA_BROKERS: brokersField,
  GREENOPS_DATABASE_URL: postgresUrlField,
  GREENOPS_PROJECTOR_GROUP: z.string().min(1).default('greenops-projector'),
  GREENOPS_HOST: z.string().default('127.0.0.1'),
  /** /livez, /readyz (= /healthz) and /status (docs/operations.md, "Health and readiness"). */
  GREENOPS_PROJECTOR_PORT: portField(4010),
  GREENOPS_LOG_LEVEL: logLevelField,
});

/** Distributed mode: one projector instance of the consumer group. Scale out by starting more. */
async function main(): Promise<() => Promise<void>> {
  const env = parseEnv(envSchema);
  const { logger, kafka } = serviceLogging('projector', env.GREENOPS_LOG_LEVEL);
  const telemetry = startSelfTelemetry('projector');
  const connection = { ...kafkaSecurityFromEnv(), ...kafka };
  const identity = { instanceId: randomUUID(), host: hostname(), startedAt: new Date() };
  const db = await openPostgres(env.GREENOPS_DATABASE_URL);
  const store = new EmissionStore(db);
  const brokers = env.GREENOPS_KAFKA_BROKERS;
  const group = env.GREENOPS_PROJECTOR_GROUP;
  const publisher = new KafkaEventLogPublisher({
    brokers,
    clientId: 'greenops-projector',
    connection,
  });
  // The HTTP port first: /livez answers (and /readyz says why it is not ready) while the
  // consumers wait for the broker at start-up.
  let live: KafkaEventLogConsumer | undefined;
  const status = () =>
    live ? projectorStatus(live, identity) : Promise.resolve(startingStatus(group, identity));
  const app = await createProjectorHttpApp({
    readiness: [
      {
        name: 'consumer',
        check: () => {
          const s = live?.status();
          if (!s) return { ok: false, detail: 'starting: joining the consumer group' };
          return s.state === 'consuming'
            ? { ok: true, detail: `member of ${s.group}, partitions [${s.partitions.join(', ')}]` }
            : { ok: false, detail: `consumer ${s.state} (group ${s.group})` };
        },
      },
    ],
    status,
    logger,
  });
  await app.listen(env.GREENOPS_PROJECTOR_PORT, env.GREENOPS_HOST);
  let workers: Awaited<ReturnType<typeof startProjectorWorkers>>;
  try {
    workers = await startProjectorWorkers({
      store,
      insights: new InsightsStore(db),
      retentionStore: new RetentionStore(db),
      registry: new ProjectionRegistry(db),
      publisher,
      inspector: new KafkaEventLogInspector(brokers, connection),
      consumerFor: (groupId, topic) => {
        const consumer = new KafkaEventLogConsumer({
          brokers,
          groupId,
          topic,
          positions: store,
          connection,
          onCrash: (error) =>
            logger.warn(`projector: ${groupId} consumer restarts after: ${error.message}`),
          onStaleMemberRemoved: (memberId, outcome) =>
            logger.info(
              `projector: ${groupId} old member ${memberId} before re-joining: ${outcome}`,
            ),
          onStaleMemberKept: (memberId, error) =>
            logger.warn(
              `projector: ${groupId} could not remove its old member ${memberId} (the group waits for its session timeout): ${error.message}`,
            ),
        });
        if (groupId === group && topic === TOPICS.activities) live = consumer;
        return consumer;
      },
      groupId: group,
      log: (line) => logger.info(line),
      warn: (line) => logger.warn(line),
    });
  } catch (error) {
    await app.close();
    await publisher.close();
    await db.close();
    throw error;
  }
  const reporter = new ProjectorInstanceReporter({
    status,
    store: new ProjectorInstanceStore(db),
    warn: (line) => logger.warn(line),
  });
  reporter.start();
  // Lag per owned partition, as of the last report (every 5 s).
  selfMetrics().consumerLag.addCallback((result) => {
    for (const p of reporter.latest?.partitionLag ?? []) {
      if (p.lag !== null) result.observe(p.lag, { partition: p.partition, group });
    }
  });
  logger.info(`projector: consuming ${TOPICS.activities} as group ${group}`, {
    instanceId: identity.instanceId,
  });
  logger.info(
    `projector: status at http://${env.GREENOPS_HOST}:${env.GREENOPS_PROJECTOR_PORT}/status`,
  );
  return async () => {
    // Leave the group first (the others take the partitions over at once), then say so.
    await workers.stop();
    await reporter.stop();
    await app.close();
    await publisher.close();
    await db.close();
    await telemetry.shutdown();
  };
}

runService('projector', main);
