import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { Logger } from '@nestjs/common';
import { authorizeApiKey, type ApiCallerResolver, type CredentialHeaders } from '@greenops/auth';
import type { IngestService } from './ingest.service';
import { DEFAULT_MAX_REQUEST_BYTES } from './ingest-tokens';
import { decodeProtobufTraceRequest } from './otlp-decoder';
import { mapIngestError, refusalReason } from './otlp-error-mapping';
import { exportTraceResponse, type ExportTraceResponse } from './otlp-response';
import { otlpProtoRoot, TRACE_SERVICE_PROTO } from './proto-location';
import { withKeyStoreAvailability } from './key-store-availability';

export interface OtlpGrpcServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  ingest: IngestService;
  apiKeys: ApiCallerResolver;
  /** Max receive message size. Default 4 MiB. */
  maxRequestBytes?: number;
}

export interface OtlpGrpcServer {
  port: number;
  close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 5000;

/**
 * TraceService with the request left as bytes: grpc-js answers INTERNAL when its own
 * deserializer throws, so the body is decoded in the handler instead, by the same decoder as
 * OTLP/HTTP protobuf, and a malformed one is INVALID_ARGUMENT like any other bad request.
 */
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
  const exportMethod = (service as grpc.ServiceDefinition)['Export'];
  return {
    Export: { ...exportMethod, requestDeserialize: (bytes: Buffer): Buffer => bytes },
  };
}

/** The credential headers as gRPC metadata carries them (text values; names are lower case). */
function credentialHeaders(metadata: grpc.Metadata): CredentialHeaders {
  const text = (key: string): string[] => metadata.get(key).map((value) => value.toString());
  return { authorization: text('authorization'), 'x-api-key': text('x-api-key') };
}

/** OTLP/gRPC trace receiver: `opentelemetry.proto.collector.trace.v1.TraceService/Export`. */
export async function startOtlpGrpcServer(options: OtlpGrpcServerOptions): Promise<OtlpGrpcServer> {
  const logger = new Logger('OtlpGrpc');
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const server = new grpc.Server({ 'grpc.max_receive_message_length': maxRequestBytes });
  const apiKeys = withKeyStoreAvailability(options.apiKeys);

  const exportHandler: grpc.handleUnaryCall<Buffer, ExportTraceResponse> = (call, callback) => {
    const run = async (): Promise<ExportTraceResponse> => {
      const caller = await authorizeApiKey(credentialHeaders(call.metadata), apiKeys, 'ingest');
      const resourceSpans = decodeProtobufTraceRequest(call.request);
      return exportTraceResponse(await options.ingest.export(caller.tenant, resourceSpans));
    };
    run().then(
      (response) => callback(null, response),
      (error: unknown) => {
        const mapped = mapIngestError(error);
        if (mapped.httpStatus === 503) {
          logger.warn(`refused Export with UNAVAILABLE: ${refusalReason(error)}`);
        } else if (mapped.httpStatus >= 500) {
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
