/**
 * Errors the OTLP receivers map to HTTP statuses and gRPC codes (see otlp-error-mapping.ts).
 * The others come from libs: UnauthenticatedError and PermissionDeniedError (libs/auth,
 * 401 / 403) and EventLogUnavailableError (libs/messaging, 503 / UNAVAILABLE).
 */

/** The request body is not a structurally valid ExportTraceServiceRequest: 400 / INVALID_ARGUMENT. */
export class OtlpDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OtlpDecodeError';
  }
}

/** Content-Type or Content-Encoding the receiver does not speak: 415. */
export class UnsupportedMediaTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** Body over the configured limit, compressed or decompressed: 413 / RESOURCE_EXHAUSTED. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body exceeds the limit of ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}
