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
  EmissionQueries,
  EmissionStore,
  EventLogTable,
  openEmbeddedTimescale,
  ProjectionRegistry,
} from '@greenops/persistence';
import { startProjectorWorkers, type EmissionsProjector } from '@greenops/projector';
import type { EmbeddedConfig } from './embedded.config';
import { describeStartupApiKey, ensureStartupApiKey, type StartupApiKey } from './startup-api-key';

export interface RunningPlatform {
  apiKey: StartupApiKey;
  urls: { otlpHttp: string; otlpGrpc: string; graphql: string };
  projector: EmissionsProjector;
  stop(): Promise<void>;
}

const PROJECTOR_GROUP = 'greenops-projector';

type Log = (line: string) => void;

/**
 * Embedded mode: ingest, projector and gateway in one process on embedded TimescaleDB, with the
 * durable event-log table standing in for Kafka behind the same ports.
 */
export async function startEmbeddedPlatform(
  config: EmbeddedConfig,
  log: Log = console.log,
): Promise<RunningPlatform> {
  const started = Date.now();
  log(`greenops: opening embedded TimescaleDB in ${config.GREENOPS_DATA_DIR} …`);
  const db = await openEmbeddedTimescale({
    dataDir: config.GREENOPS_DATA_DIR,
    owner: 'greenops platform',
  });
  const closers: Closer[] = [{ name: 'database', close: () => db.close() }];
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

    const ingestApp = await createIngestHttpApp({
      publisher,
      apiKeys,
      maxRequestBytes: config.GREENOPS_MAX_REQUEST_BYTES,
      spanTimeLimits: spanTimeLimitsFromEnv(config),
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
      apiKeys,
      factorSets: registry,
      publisher,
    });
    await gatewayApp.listen(config.GREENOPS_GRAPHQL_PORT, config.GREENOPS_HOST);
    closers.unshift({ name: 'GraphQL', close: () => gatewayApp.close() });

    const workers = await startProjectorWorkers({
      store,
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
    for (const line of describeStartupApiKey(apiKey, config.GREENOPS_DATA_DIR)) log(line);
    return {
      apiKey,
      urls,
      projector: workers.projector,
      stop: () => closeAll(closers, log),
    };
  } catch (error) {
    await closeAll(closers, log);
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
