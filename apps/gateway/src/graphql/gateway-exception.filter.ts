import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/** Errors of our own libraries that name the offending field (persistence, methodology). */
interface FieldError extends Error {
  field: string;
  reason: string;
}

function isFieldError(error: unknown): error is FieldError {
  return (
    error instanceof Error &&
    typeof (error as Partial<FieldError>).field === 'string' &&
    typeof (error as Partial<FieldError>).reason === 'string'
  );
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Maps every error a resolver can raise to a GraphQL error with a stable code. Input errors name
 * the field; anything unexpected is logged and answered without internals.
 */
@Catch()
export class GatewayExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(error: unknown, _host: ArgumentsHost): GraphQLError {
    if (error instanceof GraphQLError) return error;
    if (isFieldError(error)) {
      return new GraphQLError(`${error.field}: ${error.reason}`, {
        extensions: { code: 'BAD_USER_INPUT', field: error.field },
      });
    }
    if (error instanceof Error && error.name === 'EventLogUnavailableError') {
      return new GraphQLError('The event log is unavailable; retry shortly', {
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return new GraphQLError(error.message, {
        extensions: { code: HTTP_CODES[status] ?? 'BAD_REQUEST' },
      });
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return new GraphQLError('Internal error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}
