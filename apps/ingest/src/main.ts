import 'reflect-metadata';
import { z } from 'zod';
import {
  brokersField,
  byteSizeField,
  kafkaSecurityFromEnv,
  logLevelField,
  parseEnv,
  portField,
  postgresUrlField,
  runService,
  spanTimeLimitsEnv,
} from '@greenops/config';
import { KafkaBrokerProbe, KafkaEventLogPublisher } from '@greenops/messaging';
import { serviceLogging, startSelfTelemetry } from '@greenops/observability';
import { ApiKeyStore, openPostgres } from '@greenops/persistence';
import { createIngestHttpApp } from './ingest.module';
import { IngestService } from './ingest.service';
import { startOtlpGrpcServer } from './otlp-grpc.server';
import { spanTimeLimitsFromEnv } from './span-time-limits-config';

const envSchema = z.object({
  GREENOPS_KAFKA_BROKERS: brokersField,
  GREENOPS_DATABASE_URL: postgresUrlField,
  GREENOPS_HOST: z.string().default('127.0.0.1'),
  GREENOPS_OTLP_HTTP_PORT: portField(4318),
  GREENOPS_OTLP_GRPC_PORT: portField(4317),
  GREENOPS_MAX_REQUEST_BYTES: byteSizeField(4 * 1024 * 1024),
  GREENOPS_LOG_LEVEL: logLevelField,
  ...spanTimeLimitsEnv,
});

/** Distributed mode: OTLP/HTTP + OTLP/gRPC receivers publishing to Kafka. Stateless; scale freely. */
async function main(): Promise<() => Promise<void>> {
  const env = parseEnv(envSchema);
  const { logger, kafka } = serviceLogging('ingest', env.GREENOPS_LOG_LEVEL);
  const telemetry = startSelfTelemetry('ingest');
  const connection = { ...kafkaSecurityFromEnv(), ...kafka };
  const db = await openPostgres(env.GREENOPS_DATABASE_URL, { poolSize: 4 });
  const apiKeys = new ApiKeyStore(db);
  const publisher = new KafkaEventLogPublisher({ brokers: env.GREENOPS_KAFKA_BROKERS, connection });
  // Ready while the broker answers: an outage shows on /readyz within a probe's 1–2 s time-outs.
  const broker = new KafkaBrokerProbe(env.GREENOPS_KAFKA_BROKERS, connection);
  const app = await createIngestHttpApp({
    publisher,
    apiKeys,
    readiness: [broker],
    logger,
    maxRequestBytes: env.GREENOPS_MAX_REQUEST_BYTES,
    spanTimeLimits: spanTimeLimitsFromEnv(env),
  });
  await app.listen(env.GREENOPS_OTLP_HTTP_PORT, env.GREENOPS_HOST);
  const grpc = await startOtlpGrpcServer({
    host: env.GREENOPS_HOST,
    port: env.GREENOPS_OTLP_GRPC_PORT,
    ingest: app.get(IngestService),
    apiKeys,
    maxRequestBytes: env.GREENOPS_MAX_REQUEST_BYTES,
  });
  logger.info(
    `ingest: OTLP/HTTP at http://${env.GREENOPS_HOST}:${env.GREENOPS_OTLP_HTTP_PORT}/v1/traces`,
  );
  logger.info(`ingest: OTLP/gRPC at http://${env.GREENOPS_HOST}:${grpc.port}`);
  return async () => {
    await grpc.close();
    await app.close();
    await broker.close();
    await publisher.close();
    await db.close();
    await telemetry.shutdown();
  };
}

runService('ingest', main);
