import { Catch, Logger, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { toGatewayError, toGraphQLError } from '../errors/graphql-error-mapping';

/**
 * Maps every error a resolver can raise to a GraphQL error with a stable code
 * (errors/graphql-error-mapping.ts). Anything unexpected is logged and answered without internals.
 */
@Catch()
export class GatewayExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(error: unknown, _host: ArgumentsHost): GraphQLError {
    // graphql-js's own errors (e.g. a variable of the wrong type) are already client errors.
    if (error instanceof GraphQLError) return error;
    const mapped = toGatewayError(error);
    if (mapped.code === 'INTERNAL') {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    return toGraphQLError(mapped);
  }
}
