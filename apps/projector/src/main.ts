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
  retentionResendIntervalField,
  retentionSweepIntervalField,
  telemetryRetentionSweepEnv,
  telemetryRetentionSweepMs,
} from '@greenops/config';
import { TOPICS } from '@greenops/contracts';
import {
  createKafkaClient,
  KafkaEventLogConsumer,
  KafkaEventLogInspector,
  KafkaEventLogPublisher,
  setTopicRetentionMs,
} from '@greenops/messaging';
import { selfMetrics, serviceLogging, startSelfTelemetry } from '@greenops/observability';
import {
  EmissionStore,
  InsightsStore,
  openPostgres,
  ProjectionRegistry,
  ProjectorInstanceStore,
  RetentionStore,
  TelemetryRetentionStore,
  DeletionRequestStore,
} from '@greenops/persistence';
import { createProjectorHttpApp } from './projector-http.module';
import { ProjectorInstanceReporter } from './projector-instance.reporter';
import { projectorStatus, startingStatus } from './projector-status';
import { startProjectorWorkers } from './projector-workers';
import { TelemetryRetentionSweep, topicRetentionMs } from './telemetry-retention.sweep';

const envSchema = z.object({
  GREENOPS_KAFKA_BROKERS: brokersField,
  GREENOPS_DATABASE_URL: postgresUrlField,
  GREENOPS_PROJECTOR_GROUP: z.string().min(1).default('greenops-projector'),
  GREENOPS_HOST: z.string().default('127.0.0.1'),
  /** /livez, /readyz (= /healthz) and /status (docs/operations.md, "Health and readiness"). */
  GREENOPS_PROJECTOR_PORT: portField(4010),
  GREENOPS_LOG_LEVEL: logLevelField,
  /** How often the tenants' raw-telemetry windows are enforced (docs/retention.md). */
  ...telemetryRetentionSweepEnv,
  /** 'true': the sweep may set the activities topic's retention.ms (docs/retention.md, "Kafka"). */
  GREENOPS_KAFKA_TOPIC_RETENTION: z.enum(['true', 'false']).default('false'),
  GREENOPS_RETENTION_SWEEP_INTERVAL: retentionSweepIntervalField,
  GREENOPS_RETENTION_RESEND_INTERVAL: retentionResendIntervalField,
});

/** Distributed mode: one projector instance of the consumer group. Scale out by starting more. */
async function main(): Promise<() => Promise<void>> {
  const env = parseEnv(envSchema);
  const { logger, kafka } = serviceLogging('projector', env.GREENOPS_LOG_LEVEL);
  const telemetrySweep = telemetryRetentionSweepMs(env);
  if (telemetrySweep.deprecation) logger.warn(`projector: ${telemetrySweep.deprecation}`);
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
      enforcement: {
        store: new DeletionRequestStore(db),
        sweepIntervalMs: env.GREENOPS_RETENTION_SWEEP_INTERVAL,
        resendIntervalMs: env.GREENOPS_RETENTION_RESEND_INTERVAL,
      },
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
  const retentionStore = new TelemetryRetentionStore(db, TOPICS.activities);
  const sweep = new TelemetryRetentionSweep({
    store: retentionStore,
    intervalMs: telemetrySweep.intervalMs,
    log: (line) => logger.info(line),
    afterSweep:
      env.GREENOPS_KAFKA_TOPIC_RETENTION === 'true'
        ? async () => {
            // The topic is shared: only when every tenant has a window, the longest one.
            const days = await retentionStore.sharedLogRawDays();
            if (days === null) return;
            const ms = topicRetentionMs(days);
            await setTopicRetentionMs(
              createKafkaClient(brokers, 'greenops-projector-retention', connection),
              TOPICS.activities,
              ms,
            );
            logger.info(`telemetry retention: ${TOPICS.activities} retention.ms set to ${ms}`);
          }
        : undefined,
  });
  sweep.start();
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
    await sweep.stop();
    await reporter.stop();
    await app.close();
    await publisher.close();
    await db.close();
    await telemetry.shutdown();
  };
}

runService('projector', main);
