import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { Logger } from '@nestjs/common';
import { extractApiKey } from './api-key';
import { UnauthenticatedError } from './ingest-errors';
import type { IngestService } from './ingest.service';
import { DEFAULT_MAX_REQUEST_BYTES, type ApiKeyResolver } from './ingest-tokens';
import { resourceSpansFromObject } from './otlp-decoder';
import { mapIngestError } from './otlp-error-mapping';
import { exportTraceResponse, type ExportTraceResponse } from './otlp-response';
import { otlpProtoRoot, TRACE_SERVICE_PROTO } from './proto-location';

export interface OtlpGrpcServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  ingest: IngestService;
  apiKeys: ApiKeyResolver;
  /** Max receive message size. Default 4 MiB. */
  maxRequestBytes?: number;
}

export interface OtlpGrpcServer {
  port: number;
  close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 5000;

function traceServiceDefinition(): grpc.ServiceDefinition {
  const definition = protoLoader.loadSync(TRACE_SERVICE_PROTO, {
    includeDirs: [otlpProtoRoot()],
    keepCase: false,
    longs: String,
    enums: Number,
    defaults: false,
    oneofs: false,
  });
  const service = definition['opentelemetry.proto.collector.trace.v1.TraceService'];
  if (!service || !('Export' in service))
    throw new Error('TraceService not found in the OTLP protos');
  return service as grpc.ServiceDefinition;
}

function metadataText(metadata: grpc.Metadata, key: string): string | undefined {
  const value = metadata.get(key)[0];
  return value === undefined ? undefined : value.toString();
}

/** OTLP/gRPC trace receiver: `opentelemetry.proto.collector.trace.v1.TraceService/Export`. */
export async function startOtlpGrpcServer(options: OtlpGrpcServerOptions): Promise<OtlpGrpcServer> {
  const logger = new Logger('OtlpGrpc');
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const server = new grpc.Server({ 'grpc.max_receive_message_length': maxRequestBytes });

  const exportHandler: grpc.handleUnaryCall<unknown, ExportTraceResponse> = (call, callback) => {
    const run = async (): Promise<ExportTraceResponse> => {
      const key = extractApiKey({
        authorization: metadataText(call.metadata, 'authorization'),
        'x-api-key': metadataText(call.metadata, 'x-api-key'),
      });
      if (key === undefined) throw new UnauthenticatedError();
      const tenant = await options.apiKeys.resolveTenant(key);
      if (tenant === null) throw new UnauthenticatedError('unknown API key');
      const outcome = await options.ingest.export(tenant, resourceSpansFromObject(call.request));
      return exportTraceResponse(outcome);
    };
    run().then(
      (response) => callback(null, response),
      (error: unknown) => {
        const mapped = mapIngestError(error);
        if (mapped.httpStatus >= 500 && mapped.httpStatus !== 503) {
          logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        }
        callback({ code: mapped.grpcCode, details: mapped.message });
      },
    );
  };

  server.addService(traceServiceDefinition(), { Export: exportHandler });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `${options.host}:${options.port}`,
      grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    );
  });

  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), SHUTDOWN_GRACE_MS);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
