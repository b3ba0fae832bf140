import { Catch, Logger, type ArgumentsHost } from '@nestjs/common';
import type { Response } from 'express';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { graphqlErrorShape, toGatewayError, toGraphQLError } from '../errors/graphql-error-mapping';

/**
 * Maps every error a resolver can raise to a GraphQL error with a stable code
 * (errors/graphql-error-mapping.ts). Anything unexpected is logged and answered without internals.
 * Plain HTTP routes (health, report downloads) get the same code as JSON with its HTTP status.
 */
@Catch()
export class GatewayExceptionFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(error: unknown, host: ArgumentsHost): GraphQLError | undefined {
    // graphql-js's own errors (e.g. a variable of the wrong type) are already client errors.
    if (error instanceof GraphQLError) return error;
    const mapped = toGatewayError(error);
    if (mapped.code === 'INTERNAL') {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    if (host.getType() === 'http') {
      const shape = graphqlErrorShape(mapped.code);
      host
        .switchToHttp()
        .getResponse<Response>()
        .status(shape.httpStatus)
        .json({ error: { code: shape.code, message: mapped.message, ...mapped.details } });
      return undefined;
    }
    return toGraphQLError(mapped);
  }
}
