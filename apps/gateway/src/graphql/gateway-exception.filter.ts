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
    // Express body parsing refused the request (e.g. 413 over the body limit): answer as it says.
    if (host.getType() === 'http' && isClientHttpError(error)) {
      host
        .switchToHttp()
        .getResponse<Response>()
        .status(error.status)
        .json({
          error: {
            code: error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
            message: error.message,
          },
        });
      return undefined;
    }
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

/** An http-errors error (Express body parsing) that is the client's, with a status to answer. */
function isClientHttpError(error: unknown): error is { status: number; message: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
}
