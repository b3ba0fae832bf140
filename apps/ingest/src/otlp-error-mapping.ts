import { HttpException } from '@nestjs/common';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { PermissionDeniedError, UnauthenticatedError } from '@greenops/auth';
import { EventLogUnavailableError } from '@greenops/messaging';
import {
  KeyStoreUnavailableError,
  OtlpDecodeError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from './ingest-errors';

export const RETRY_AFTER_SECONDS = 5;

/** How one failure is answered over HTTP and over gRPC. */
export interface MappedError {
  httpStatus: number;
  grpcCode: GrpcStatus;
  /** Safe to show the client. */
  message: string;
  headers: Record<string, string>;
}

/**
 * Every failure the receivers can meet, mapped once for both transports. Anything unexpected
 * is a 500 / INTERNAL with a generic message (details go to the log, not the client).
 */
export function mapIngestError(error: unknown): MappedError {
  if (error instanceof OtlpDecodeError) {
    return {
      httpStatus: 400,
      grpcCode: GrpcStatus.INVALID_ARGUMENT,
      message: error.message,
      headers: {},
    };
  }
  if (error instanceof UnauthenticatedError) {
    return {
      httpStatus: 401,
      grpcCode: GrpcStatus.UNAUTHENTICATED,
      message: error.message,
      headers: { 'WWW-Authenticate': 'Bearer' },
    };
  }
  if (error instanceof PermissionDeniedError) {
    return {
      httpStatus: 403,
      grpcCode: GrpcStatus.PERMISSION_DENIED,
      message: error.message,
      headers: {},
    };
  }
  if (error instanceof PayloadTooLargeError) {
    return {
      httpStatus: 413,
      grpcCode: GrpcStatus.RESOURCE_EXHAUSTED,
      message: error.message,
      headers: {},
    };
  }
  if (error instanceof UnsupportedMediaTypeError) {
    return {
      httpStatus: 415,
      grpcCode: GrpcStatus.INVALID_ARGUMENT,
      message: error.message,
      headers: {},
    };
  }
  if (error instanceof EventLogUnavailableError) {
    return {
      httpStatus: 503,
      grpcCode: GrpcStatus.UNAVAILABLE,
      message: 'event log unavailable, nothing was written; retry later',
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    };
  }
  if (error instanceof KeyStoreUnavailableError) {
    return {
      httpStatus: 503,
      grpcCode: GrpcStatus.UNAVAILABLE,
      message: 'API key store unavailable, nothing was written; retry later',
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    };
  }
  if (error instanceof HttpException) {
    return {
      httpStatus: error.getStatus(),
      grpcCode: GrpcStatus.UNKNOWN,
      message: error.message,
      headers: {},
    };
  }
  return { httpStatus: 500, grpcCode: GrpcStatus.INTERNAL, message: 'internal error', headers: {} };
}

/** The reason of a refusal for the log: the error's message, without its stack. */
export function refusalReason(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0];
  return String(error);
}

/**
 * The ids a log line about a request carries: the caller's `x-request-id` (at most 128
 * characters) and the trace id of its W3C `traceparent`, when it sent them.
 */
export function requestIds(headers: Record<string, string | string[] | undefined>): {
  requestId?: string;
  traceId?: string;
} {
  const one = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const ids: { requestId?: string; traceId?: string } = {};
  const requestId = one('x-request-id');
  if (requestId && /^[\x21-\x7e]{1,128}$/.test(requestId)) ids.requestId = requestId;
  const traceparent = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(
    one('traceparent')?.trim() ?? '',
  );
  if (traceparent && !/^0+$/.test(traceparent[1])) ids.traceId = traceparent[1];
  return ids;
}
