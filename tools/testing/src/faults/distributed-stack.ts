import { freePort } from '../free-port';
import { ManagedProcess } from './managed-process';

export interface DistributedStack {
  ingest: ManagedProcess;
  projector: ManagedProcess;
  gateway: ManagedProcess;
  /** Ingest, projector, gateway: what a fault test stops at the end. */
  services: ManagedProcess[];
  urls: { otlp: string; graphql: string };
  /** Every service's output, for failure messages. */
  logs(): string;
}

/**
 * One ingest, one projector and one gateway of the built apps on a database and a broker, each
 * on free ports, started and waited for (the distributed mode of the README's quick start).
 */
export async function startDistributedStack(options: {
  databaseUrl: string;
  brokers: string;
  projectorGroup: string;
}): Promise<DistributedStack> {
  const [httpPort, grpcPort, graphqlPort, projectorPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const common = {
    GREENOPS_DATABASE_URL: options.databaseUrl,
    GREENOPS_KAFKA_BROKERS: options.brokers,
  };
  const ingest = ManagedProcess.built('ingest', 'dist/apps/ingest/src/main.js', {
    ...common,
    GREENOPS_OTLP_HTTP_PORT: String(httpPort),
    GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
  });
  const projector = ManagedProcess.built('projector', 'dist/apps/projector/src/main.js', {
    ...common,
    GREENOPS_PROJECTOR_GROUP: options.projectorGroup,
    GREENOPS_PROJECTOR_PORT: String(projectorPort),
  });
  const gateway = ManagedProcess.built('gateway', 'dist/apps/gateway/src/main.js', {
    ...common,
    GREENOPS_GRAPHQL_PORT: String(graphqlPort),
  });
  const services = [ingest, projector, gateway];
  await Promise.all([
    ingest.start(/OTLP\/gRPC at/),
    projector.start(/consuming/),
    gateway.start(/GraphQL at/),
  ]);
  return {
    ingest,
    projector,
    gateway,
    services,
    urls: {
      otlp: `http://127.0.0.1:${httpPort}/v1/traces`,
      graphql: `http://127.0.0.1:${graphqlPort}/graphql`,
    },
    logs: () => services.map((s) => `${s.name}:\n${s.log}`).join('\n'),
  };
}
