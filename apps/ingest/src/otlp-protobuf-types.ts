import { join } from 'node:path';
import * as protobuf from 'protobufjs';
import { otlpProtoRoot, RPC_STATUS_PROTO, TRACE_SERVICE_PROTO } from './proto-location';

export interface OtlpProtobufTypes {
  exportRequest: protobuf.Type;
  exportResponse: protobuf.Type;
  rpcStatus: protobuf.Type;
}

let cached: OtlpProtobufTypes | undefined;

/** The OTLP trace messages, loaded once from the shipped .proto files. */
export function otlpProtobufTypes(): OtlpProtobufTypes {
  if (cached) return cached;
  const root = new protobuf.Root();
  const protoDir = otlpProtoRoot();
  root.resolvePath = (_origin, target) => join(protoDir, target);
  root.loadSync([TRACE_SERVICE_PROTO, RPC_STATUS_PROTO]);
  root.resolveAll();
  cached = {
    exportRequest: root.lookupType(
      'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
    ),
    exportResponse: root.lookupType(
      'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse',
    ),
    rpcStatus: root.lookupType('google.rpc.Status'),
  };
  return cached;
}
