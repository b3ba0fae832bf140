import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createGatewayApp } from '@greenops/gateway';
import {
  createIngestHttpApp,
  IngestService,
  spanTimeLimitsFromEnv,
  startOtlpGrpcServer,
} from '@greenops/ingest';
import {
  EmbeddedEventLogConsumer,
  EmbeddedEventLogInspector,
  EmbeddedEventLogPublisher,
} from '@greenops/messaging';
import {
  ApiKeyStore,
  databaseCheck,
  EmissionQueries,
  insightsReads,
  EmissionStore,
  EventLogTable,
  InsightsStore,
  openEmbeddedTimescale,
  ProjectErasureStore,
  ProjectionRegistry,
  RetentionQueries,
  RetentionStore,
  TelemetryRetentionStore,
  DeletionRequestQueries,
  DeletionRequestStore,
} from '@greenops/persistence';
import { TOPICS } from '@greenops/contracts';
import {
  startProjectorWorkers,
  TelemetryRetentionSweep,
  type EmissionsProjector,
} from '@greenops/projector';
import type { EmbeddedConfig } from './embedded.config';
import { memoryReport } from './memory-report';
import { describeStartupApiKey, ensureStartupApiKey, type StartupApiKey } from './startup-api-key';

export interface RunningPlatform {
  apiKey: StartupApiKey;
  urls: { otlpHttp: string; otlpGrpc: string; graphql: string };
  projector: EmissionsProjector;
  stop(): Promise<void>;
}

const PROJECTOR_GROUP = 'greenops-projector';

/** Exit status when the embedded database is gone for good (EX_SOFTWARE, sysexits.h). */
export const DATABASE_LOST_EXIT_CODE = 70;

type Log = (line: string) => void;

/**
 * After the platform has stopped because its database worker died for good: by default the
 * process exits with DATABASE_LOST_EXIT_CODE, so a supervisor restarts it on the same data.
 */
export type OnDatabaseLost = (cause: Error) => void;

const exitOnDatabaseLost: OnDatabaseLost = () => process.exit(DATABASE_LOST_EXIT_CODE);

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${code}: ${error.message}` : error.message;
}

/**
 * Embedded mode: ingest, projector and gateway in one process on embedded TimescaleDB, with the
 * durable event-log table standing in for Kafka behind the same ports.
 */
export async function startEmbeddedPlatform(
  config: EmbeddedConfig,
  log: Log = console.log,
  onDatabaseLost: OnDatabaseLost = exitOnDatabaseLost,
): Promise<RunningPlatform> {
  const started = Date.now();
  log(
    `greenops: opening the embedded database (engine ${config.GREENOPS_EMBEDDED_ENGINE}) in ${config.GREENOPS_DATA_DIR} …`,
  );
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= closeAll(closers, log));
  const closers: Closer[] = [];
  const db = await openEmbeddedTimescale({
    dataDir: config.GREENOPS_DATA_DIR,
    owner: 'greenops platform',
    engine: config.GREENOPS_EMBEDDED_ENGINE,
    // docs/architecture.md, "Embedded database worker": restarted on the same data folder;
    // after a crash loop the platform stops with a message naming the cause.
    onWorkerRestarted: (cause, restarts) =>
      log(
        `greenops: the embedded TimescaleDB worker died (${describe(cause)}); restarted on ` +
          `${config.GREENOPS_DATA_DIR} (restart ${restarts}); statements in flight failed and are retried by their clients`,
      ),
    onWorkerFailed: (cause) => {
      log(`greenops: FATAL: embedded database lost: ${describe(cause)}; stopping`);
      void stop().then(() => onDatabaseLost(cause));
    },
  });
  closers.push({ name: 'database', close: () => db.close() });
  try {
    const apiKeys = new ApiKeyStore(db);
    const apiKey = await ensureStartupApiKey(
      apiKeys,
      config.GREENOPS_TENANT,
      config.GREENOPS_API_KEY,
    );

    const logTable = new EventLogTable(db);
    const publisher = new EmbeddedEventLogPublisher(logTable);
    const store = new EmissionStore(db);
    const registry = new ProjectionRegistry(db);
    const telemetryRetention = new TelemetryRetentionStore(db, TOPICS.activities);
    // docs/operations.md, "Health and readiness": the embedded log and the read side are both
    // the embedded database, so ingest and GraphQL are ready while it answers.
    const readiness = [databaseCheck(db)];

    const ingestApp = await createIngestHttpApp({
      publisher,
      apiKeys,
      maxRequestBytes: config.GREENOPS_MAX_REQUEST_BYTES,
      spanTimeLimits: spanTimeLimitsFromEnv(config),
      readiness,
    });
    await ingestApp.listen(config.GREENOPS_OTLP_HTTP_PORT, config.GREENOPS_HOST);
    closers.unshift({ name: 'OTLP/HTTP', close: () => ingestApp.close() });

    const grpc = await startOtlpGrpcServer({
      host: config.GREENOPS_HOST,
      port: config.GREENOPS_OTLP_GRPC_PORT,
      ingest: ingestApp.get(IngestService),
      apiKeys,
      maxRequestBytes: config.GREENOPS_MAX_REQUEST_BYTES,
    });
    closers.unshift({ name: 'OTLP/gRPC', close: () => grpc.close() });

    const gatewayApp = await createGatewayApp({
      queries: new EmissionQueries(db),
      insights: insightsReads(db),
      apiKeys,
      factorSets: registry,
      retention: new RetentionQueries(db),
      telemetryRetention: { retention: telemetryRetention, erasure: new ProjectErasureStore(db) },
      enforcement: {
        requests: new DeletionRequestQueries(db),
        answerWindowMs: config.GREENOPS_RETENTION_ANSWER_WINDOW,
      },
      publisher,
      maxResponseBytes: config.GREENOPS_GRAPHQL_MAX_RESPONSE_BYTES,
      // The dashboard's "send your first span" snippets show the receivers' real URLs.
      dashboard: {
        client: {
          otlpHttpUrl: `http://${config.GREENOPS_HOST}:${portOf(ingestApp)}/v1/traces`,
          otlpGrpcUrl: `http://${config.GREENOPS_HOST}:${grpc.port}`,
        },
      },
      readiness,
    });
    await gatewayApp.listen(config.GREENOPS_GRAPHQL_PORT, config.GREENOPS_HOST);
    closers.unshift({ name: 'GraphQL', close: () => gatewayApp.close() });

    const workers = await startProjectorWorkers({
      store,
      retentionStore: new RetentionStore(db),
      enforcement: {
        store: new DeletionRequestStore(db),
        sweepIntervalMs: config.GREENOPS_RETENTION_SWEEP_INTERVAL,
        resendIntervalMs: config.GREENOPS_RETENTION_RESEND_INTERVAL,
      },
      insights: new InsightsStore(db),
      registry,
      publisher,
      inspector: new EmbeddedEventLogInspector(),
      consumerFor: (groupId, topic) =>
        new EmbeddedEventLogConsumer({
          table: logTable,
          groupId,
          topic,
          positions: store,
          onError: (error) =>
            log(`greenops: ${groupId} batch failed, will retry: ${(error as Error).message}`),
        }),
      groupId: PROJECTOR_GROUP,
      log: (line) => log(`greenops: ${line}`),
    });
    closers.unshift({ name: 'projector', close: () => workers.stop() });

    // docs/retention.md, "The platform's own data": hourly, and at start.
    const sweep = new TelemetryRetentionSweep({
      store: telemetryRetention,
      log: (line) => log(`greenops: ${line}`),
    });
    sweep.start();
    closers.unshift({ name: 'telemetry retention sweep', close: () => sweep.stop() });

    // docs/operations.md, "Embedded mode's memory": `kill -USR2 <pid>` logs where it is.
    const onUsr2 = () =>
      void memoryReport(db.workerMemory).then((line) => log(`greenops: memory (MiB): ${line}`));
    process.on('SIGUSR2', onUsr2);
    closers.unshift({
      name: 'memory report',
      close: async () => void process.off('SIGUSR2', onUsr2),
    });

    const host = config.GREENOPS_HOST;
    const urls = {
      otlpHttp: `http://${host}:${portOf(ingestApp)}/v1/traces`,
      otlpGrpc: `http://${host}:${grpc.port}`,
      graphql: `http://${host}:${portOf(gatewayApp)}/graphql`,
    };
    log(`greenops: ready in ${((Date.now() - started) / 1000).toFixed(1)} s (embedded mode)`);
    log(`  OTLP/HTTP  ${urls.otlpHttp}`);
    log(`  OTLP/gRPC  ${urls.otlpGrpc}`);
    log(`  GraphQL    ${urls.graphql}`);
    log(`  Dashboard  ${urls.graphql.replace(/graphql$/, '')}`);
    for (const line of describeStartupApiKey(apiKey, config.GREENOPS_DATA_DIR)) log(line);
    return {
      apiKey,
      urls,
      projector: workers.projector,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function portOf(app: INestApplication): number {
  return (app.getHttpServer().address() as AddressInfo).port;
}

interface Closer {
  name: string;
  close: () => Promise<void>;
}

/** Stops in reverse start order: receivers first, so nothing is accepted that is not persisted. */
async function closeAll(closers: Closer[], log: Log): Promise<void> {
  for (const { name, close } of closers) {
    const started = Date.now();
    try {
      await close();
      log(`greenops: stopped ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      log(`greenops: stopping ${name} failed: ${(error as Error).message}`);
    }
  }
}
