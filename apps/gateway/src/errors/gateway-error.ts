/**
 * Every error the gateway answers with on purpose, by code. The closed list is mapped once, to
 * GraphQL error codes (graphql-error-mapping.ts); docs/operations.md says what each means.
 */
export const GATEWAY_ERROR_CODES = [
  'INVALID_ARGUMENT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COSTLY',
  'QUERY_TOO_LARGE',
  'RESPONSE_TOO_LARGE',
  'READ_TIMEOUT',
  'EVENT_LOG_UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

/** Details a client may read (numbers and names only: never stack traces or SQL). */
export type GatewayErrorDetails = Record<string, string | number>;

export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly details: GatewayErrorDetails = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  /** A bad argument: the message and the `field` extension name it. */
  static invalidArgument(field: string, reason: string): GatewayError {
    return new GatewayError('INVALID_ARGUMENT', `${field}: ${reason}`, { field });
  }
}
