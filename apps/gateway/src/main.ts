import 'reflect-metadata';
import { z } from 'zod';
import {
  brokersField,
  byteSizeField,
  durationMsField,
  kafkaSecurityFromEnv,
  logLevelField,
  parseEnv,
  portField,
  postgresUrlField,
  runService,
  retentionAnswerWindowField,
} from '@greenops/config';
import { KafkaEventLogPublisher } from '@greenops/messaging';
import { serviceLogging, startSelfTelemetry } from '@greenops/observability';
import {
  ApiKeyStore,
  EmissionQueries,
  databaseCheck,
  insightsReads,
  openPostgres,
  ProjectionRegistry,
  ProjectErasureStore,
  ProjectorInstanceStore,
  RetentionQueries,
  TelemetryRetentionStore,
  DeletionRequestQueries,
} from '@greenops/persistence';
import { TOPICS } from '@greenops/contracts';
import { createGatewayApp } from './gateway.module';
import { DEFAULT_MAX_RESPONSE_BYTES } from './graphql/response-budget.plugin';

const envSchema = z.object({
  GREENOPS_DATABASE_URL: postgresUrlField,
  GREENOPS_GRAPHQL_PORT: portField(4000),
  GREENOPS_HOST: z.string().default('127.0.0.1'),
  GREENOPS_GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).default('true'),
  /** Optional: without it, mutations that publish tenant events (factor sets) answer 503. */
  GREENOPS_KAFKA_BROKERS: brokersField.optional(),
  GREENOPS_GRAPHQL_MAX_RESPONSE_BYTES: byteSizeField(DEFAULT_MAX_RESPONSE_BYTES),
  /** PostgreSQL statement_timeout of the gateway's queries (docs/operations.md, "Limits"). */
  GREENOPS_GRAPHQL_STATEMENT_TIMEOUT_MS: durationMsField(10_000),
  /** The OTLP/HTTP traces URL the dashboard's first-span snippets show (the ingest service's). */
  GREENOPS_DASHBOARD_OTLP_HTTP_URL: z
    .string()
    .url('must be an http(s) URL, e.g. http://ingest.example:4318/v1/traces')
    .regex(/^https?:\/\//, 'must be an http(s) URL, e.g. http://ingest.example:4318/v1/traces')
    .optional(),
  GREENOPS_LOG_LEVEL: logLevelField,
  GREENOPS_RETENTION_ANSWER_WINDOW: retentionAnswerWindowField,
});

async function main(): Promise<() => Promise<void>> {
  const env = parseEnv(envSchema);
  const { logger, kafka } = serviceLogging('gateway', env.GREENOPS_LOG_LEVEL);
  const telemetry = startSelfTelemetry('gateway');
  const connection = { ...kafkaSecurityFromEnv(), ...kafka };
  const db = await openPostgres(env.GREENOPS_DATABASE_URL, {
    statementTimeoutMs: env.GREENOPS_GRAPHQL_STATEMENT_TIMEOUT_MS,
  });
  const publisher = env.GREENOPS_KAFKA_BROKERS
    ? new KafkaEventLogPublisher({
        brokers: env.GREENOPS_KAFKA_BROKERS,
        clientId: 'greenops-gateway',
        connection,
      })
    : undefined;
  const app = await createGatewayApp({
    queries: new EmissionQueries(db),
    insights: insightsReads(db),
    apiKeys: new ApiKeyStore(db),
    factorSets: new ProjectionRegistry(db),
    retention: new RetentionQueries(db),
    // Distributed mode: the embedded log table is unused; the projector's sweep enforces.
    telemetryRetention: {
      retention: new TelemetryRetentionStore(db, TOPICS.activities),
      erasure: new ProjectErasureStore(db),
    },
    enforcement: {
      requests: new DeletionRequestQueries(db),
      answerWindowMs: env.GREENOPS_RETENTION_ANSWER_WINDOW,
    },
    publisher,
    introspection: env.GREENOPS_GRAPHQL_INTROSPECTION === 'true',
    maxResponseBytes: env.GREENOPS_GRAPHQL_MAX_RESPONSE_BYTES,
    dashboard: {
      client: { otlpHttpUrl: env.GREENOPS_DASHBOARD_OTLP_HTTP_URL ?? null, otlpGrpcUrl: null },
    },
    // Ready while the database answers (its pool reconnects by itself once it is back).
    readiness: [databaseCheck(db)],
    logger,
    instances: new ProjectorInstanceStore(db),
  });
  await app.listen(env.GREENOPS_GRAPHQL_PORT, env.GREENOPS_HOST);
  logger.info(
    `gateway: GraphQL at http://${env.GREENOPS_HOST}:${env.GREENOPS_GRAPHQL_PORT}/graphql`,
  );
  console.log(`gateway: dashboard at http://${env.GREENOPS_HOST}:${env.GREENOPS_GRAPHQL_PORT}/`);
  return async () => {
    await app.close();
    await publisher?.close();
    await db.close();
    await telemetry.shutdown();
  };
}

runService('gateway', main);
