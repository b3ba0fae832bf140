import type { ExportOutcome } from './ingest.service';
import type { OtlpEncoding } from './otlp-content-type';
import { otlpProtobufTypes } from './otlp-protobuf-types';

/** OTLP ExportTraceServiceResponse as plain data; partialSuccess only when spans were rejected. */
export interface ExportTraceResponse {
  partialSuccess?: { rejectedSpans: number; errorMessage: string };
}

/** The spec: fully accepted → partial_success unset; otherwise the count and the reasons. */
export function exportTraceResponse(outcome: ExportOutcome): ExportTraceResponse {
  if (outcome.rejectedSpans === 0) return {};
  return {
    partialSuccess: {
      rejectedSpans: outcome.rejectedSpans,
      errorMessage: outcome.errorMessage ?? '',
    },
  };
}

export function encodeExportTraceResponse(
  response: ExportTraceResponse,
  encoding: OtlpEncoding,
): Buffer {
  if (encoding === 'json') return Buffer.from(JSON.stringify(response));
  const { exportResponse } = otlpProtobufTypes();
  return Buffer.from(exportResponse.encode(exportResponse.fromObject(response)).finish());
}

/** OTLP/HTTP error body: a google.rpc.Status in the request's encoding. */
export function encodeRpcStatus(code: number, message: string, encoding: OtlpEncoding): Buffer {
  if (encoding === 'json') return Buffer.from(JSON.stringify({ code, message }));
  const { rpcStatus } = otlpProtobufTypes();
  return Buffer.from(rpcStatus.encode(rpcStatus.fromObject({ code, message })).finish());
}
