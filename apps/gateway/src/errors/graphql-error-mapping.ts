import { HttpException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { MethodologyInputError } from '@greenops/methodology';
import { EventLogUnavailableError } from '@greenops/messaging';
import { PersistenceError, PersistenceInputError } from '@greenops/persistence';
import { assertUnreachable } from './assert-unreachable';
import { GatewayError, type GatewayErrorCode } from './gateway-error';

/** The `extensions.code` values clients see (docs/operations.md, "GraphQL errors"). */
export type GraphQLErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COSTLY'
  | 'QUERY_TOO_LARGE'
  | 'RESPONSE_TOO_LARGE'
  | 'READ_TIMEOUT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export interface GraphQLErrorShape {
  code: GraphQLErrorCode;
  /** HTTP status when the error refuses the whole request before it runs. */
  httpStatus: number;
  /** Whether the same request may succeed if sent again later. */
  retryable: boolean;
}

/** The one mapping of gateway error codes. A code without a case fails typecheck. */
export function graphqlErrorShape(code: GatewayErrorCode): GraphQLErrorShape {
  switch (code) {
    case 'INVALID_ARGUMENT':
      return { code: 'BAD_USER_INPUT', httpStatus: 400, retryable: false };
    case 'UNAUTHENTICATED':
      return { code: 'UNAUTHENTICATED', httpStatus: 401, retryable: false };
    case 'FORBIDDEN':
      return { code: 'FORBIDDEN', httpStatus: 403, retryable: false };
    case 'NOT_FOUND':
      return { code: 'NOT_FOUND', httpStatus: 404, retryable: false };
    case 'QUERY_TOO_DEEP':
      return { code: 'QUERY_TOO_DEEP', httpStatus: 400, retryable: false };
    case 'QUERY_TOO_COSTLY':
      return { code: 'QUERY_TOO_COSTLY', httpStatus: 400, retryable: false };
    case 'QUERY_TOO_LARGE':
      return { code: 'QUERY_TOO_LARGE', httpStatus: 400, retryable: false };
    case 'RESPONSE_TOO_LARGE':
      return { code: 'RESPONSE_TOO_LARGE', httpStatus: 400, retryable: false };
    case 'READ_TIMEOUT':
      return { code: 'READ_TIMEOUT', httpStatus: 503, retryable: true };
    case 'EVENT_LOG_UNAVAILABLE':
    case 'DATABASE_UNAVAILABLE':
      return { code: 'SERVICE_UNAVAILABLE', httpStatus: 503, retryable: true };
    case 'INTERNAL':
      return { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, retryable: false };
    default:
      return assertUnreachable(code);
  }
}

/** The gateway code of an error a library raised on purpose; INTERNAL for anything else. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof PersistenceError) return fromPersistence(error);
  if (error instanceof MethodologyInputError) {
    return GatewayError.invalidArgument(error.field, error.reason);
  }
  if (error instanceof EventLogUnavailableError) {
    return new GatewayError('EVENT_LOG_UNAVAILABLE', 'The event log is unavailable; retry shortly');
  }
  if (error instanceof HttpException) return fromHttpStatus(error);
  return new GatewayError('INTERNAL', 'Internal error');
}

function fromPersistence(error: PersistenceError): GatewayError {
  switch (error.code) {
    case 'INVALID_INPUT':
      return error instanceof PersistenceInputError
        ? GatewayError.invalidArgument(error.field, error.reason)
        : new GatewayError('INVALID_ARGUMENT', error.message);
    case 'READ_TIMEOUT':
      return new GatewayError('READ_TIMEOUT', `The query took too long: ${error.message}`);
    case 'DATABASE_UNAVAILABLE':
      return new GatewayError('DATABASE_UNAVAILABLE', 'The database is unavailable; retry shortly');
    default:
      return assertUnreachable(error.code);
  }
}

/** Nest's HTTP exceptions (thrown by guards) by status; any other status is unexpected. */
function fromHttpStatus(error: HttpException): GatewayError {
  switch (error.getStatus()) {
    case 400:
      return new GatewayError('INVALID_ARGUMENT', error.message);
    case 401:
      return new GatewayError('UNAUTHENTICATED', error.message);
    case 403:
      return new GatewayError('FORBIDDEN', error.message);
    case 404:
      return new GatewayError('NOT_FOUND', error.message);
    default:
      return new GatewayError('INTERNAL', 'Internal error');
  }
}

/**
 * The GraphQL error a client gets. `requestLevel`: the error refuses the whole operation before
 * it runs (limits), so it carries the HTTP status too.
 */
export function toGraphQLError(error: GatewayError, requestLevel = false): GraphQLError {
  const shape = graphqlErrorShape(error.code);
  return new GraphQLError(error.message, {
    extensions: {
      ...error.details,
      code: shape.code,
      ...(shape.retryable ? { retryable: true } : {}),
      ...(requestLevel ? { http: { status: shape.httpStatus } } : {}),
    },
  });
}
