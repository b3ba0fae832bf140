import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { TOPICS } from '@greenops/domain';
import { createGatewayApp } from '@greenops/gateway';
import { createIngestHttpApp, IngestService, startOtlpGrpcServer } from '@greenops/ingest';
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
import {
  DeadLetterRecorder,
  EmissionsProjector,
  FactorSetCatalog,
  ProjectionRebuildRunner,
} from '@greenops/projector';
import type { EmbeddedConfig } from './embedded.config';
import { generateApiKey } from './generate-api-key';

export interface RunningPlatform {
  apiKey: string;
  apiKeyGenerated: boolean;
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
  log(
    `greenops: opening the embedded database (engine ${config.GREENOPS_EMBEDDED_ENGINE}) in ${config.GREENOPS_DATA_DIR} …`,
  );
  const db = await openEmbeddedTimescale({
    dataDir: config.GREENOPS_DATA_DIR,
    engine: config.GREENOPS_EMBEDDED_ENGINE,
  });
  const closers: Closer[] = [{ name: 'database', close: () => db.close() }];
  try {
    const apiKeys = new ApiKeyStore(db);
    await apiKeys.ensureTenant(config.GREENOPS_TENANT);
    const apiKey = config.GREENOPS_API_KEY ?? generateApiKey();
    await apiKeys.addKey(config.GREENOPS_TENANT, apiKey);

    const logTable = new EventLogTable(db);
    const publisher = new EmbeddedEventLogPublisher(logTable);
    const store = new EmissionStore(db);
    const registry = new ProjectionRegistry(db);
    const catalog = new FactorSetCatalog(registry);
    const projector = new EmissionsProjector({
      store,
      groupId: PROJECTOR_GROUP,
      projections: { registry, catalog, publisher, inspector: new EmbeddedEventLogInspector() },
      observer: {
        onSkipped: (s) =>
          log(
            `greenops: projector skipped offset ${s.offset} (${s.eventId ?? 'no id'}): ${s.field}: ${s.reason}`,
          ),
        onRebuildStarted: (b) =>
          log(
            `greenops: factor set ${b.factorSetVersion} published; rebuilding projection v${b.version}`,
          ),
      },
    });
    const embeddedConsumer = (groupId: string, topic: string = TOPICS.activities) =>
      new EmbeddedEventLogConsumer({
        table: logTable,
        groupId,
        topic,
        positions: store,
        onError: (error) =>
          log(`greenops: ${groupId} batch failed, will retry: ${(error as Error).message}`),
      });

    const ingestApp = await createIngestHttpApp({
      publisher,
      apiKeys,
      maxRequestBytes: config.GREENOPS_MAX_REQUEST_BYTES,
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

    const consumer = embeddedConsumer(PROJECTOR_GROUP);
    await consumer.start(projector.handle);
    closers.unshift({ name: 'projector', close: () => consumer.stop() });
    const deadLetterGroup = `${PROJECTOR_GROUP}.dead-letters`;
    const deadLetters = embeddedConsumer(deadLetterGroup, TOPICS.activitiesDlq);
    await deadLetters.start(
      new DeadLetterRecorder(store, deadLetterGroup, (offset, reason) =>
        log(`greenops: malformed DLQ record at ${offset}: ${reason}`),
      ).handle,
    );
    closers.unshift({ name: 'dead-letter recorder', close: () => deadLetters.stop() });
    const rebuilds = new ProjectionRebuildRunner({
      registry,
      store,
      catalog,
      topic: TOPICS.activities,
      consumerFor: (groupId) => embeddedConsumer(groupId),
      log: (line) => log(`greenops: ${line}`),
    });
    rebuilds.start();
    closers.unshift({ name: 'projection rebuilds', close: () => rebuilds.stop() });

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
    log(
      config.GREENOPS_API_KEY
        ? `  API key    from GREENOPS_API_KEY (tenant "${config.GREENOPS_TENANT}")`
        : `  API key    ${apiKey}   (generated for tenant "${config.GREENOPS_TENANT}"; set GREENOPS_API_KEY to choose your own)`,
    );
    return {
      apiKey,
      apiKeyGenerated: !config.GREENOPS_API_KEY,
      urls,
      projector,
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
