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

/**
 * The API key store (the database) could not be asked whether a key is valid, e.g. while
 * PostgreSQL restarts: 503 / UNAVAILABLE with Retry-After, so exporters retry rather than drop
 * the batch as they would after a 500. Nothing of the request was written.
 */
export class KeyStoreUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`API key store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'KeyStoreUnavailableError';
  }
}
