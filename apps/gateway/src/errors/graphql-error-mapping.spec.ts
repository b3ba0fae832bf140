import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { MethodologyInputError } from '@greenops/methodology';
import { EventLogUnavailableError } from '@greenops/messaging';
import {
  PERSISTENCE_ERROR_CODES,
  PersistenceError,
  PersistenceInputError,
  type PersistenceErrorCode,
} from '@greenops/persistence';
import { GATEWAY_ERROR_CODES, GatewayError } from './gateway-error';
import { graphqlErrorShape, toGatewayError, toGraphQLError } from './graphql-error-mapping';

const OPERATIONS_DOC = readFileSync(
  join(__dirname, '..', '..', '..', '..', 'docs', 'operations.md'),
  'utf8',
);

/** A persistence error with any code, as a new subclass would raise it. */
class AnyPersistenceError extends PersistenceError {
  constructor(readonly code: PersistenceErrorCode) {
    super(`a ${code} error`);
  }
}

describe('GraphQL error mapping', () => {
  it.each(GATEWAY_ERROR_CODES)(
    'maps %s to a GraphQL code the operations guide explains',
    (code) => {
      const shape = graphqlErrorShape(code);
      expect(shape.code).toMatch(/^[A-Z_]+$/);
      expect(shape.httpStatus).toBeGreaterThanOrEqual(400);
      // Only an unexpected failure is an internal error.
      expect(shape.code === 'INTERNAL_SERVER_ERROR').toBe(code === 'INTERNAL');
      expect(OPERATIONS_DOC).toContain(`\`${shape.code}\``);
    },
  );

  it.each(PERSISTENCE_ERROR_CODES)('maps the persistence code %s to a gateway code', (code) => {
    const mapped = toGatewayError(new AnyPersistenceError(code));
    expect(mapped.code).not.toBe('INTERNAL');
    expect(GATEWAY_ERROR_CODES).toContain(mapped.code);
  });

  it('names the argument of input errors from every library', () => {
    for (const error of [
      new PersistenceInputError('projectId', 'must not contain control characters'),
      new MethodologyInputError('projectId', 'must not contain control characters'),
      GatewayError.invalidArgument('projectId', 'must not contain control characters'),
    ]) {
      const graphql = toGraphQLError(toGatewayError(error));
      expect(graphql.message).toBe('projectId: must not contain control characters');
      expect(graphql.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'projectId' });
    }
  });

  it('maps the guards, the event log and anything unexpected', () => {
    expect(toGatewayError(new UnauthorizedException('Invalid API key')).code).toBe(
      'UNAUTHENTICATED',
    );
    expect(toGatewayError(new ForbiddenException('no admin role')).code).toBe('FORBIDDEN');
    const unavailable = toGraphQLError(toGatewayError(new EventLogUnavailableError('down')));
    expect(unavailable.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    const internal = toGraphQLError(toGatewayError(new TypeError('x is undefined')));
    expect(internal.message).toBe('Internal error');
    expect(internal.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('gives request-level refusals their HTTP status', () => {
    const error = new GatewayError('QUERY_TOO_DEEP', 'too deep', { depth: 12, maxDepth: 10 });
    expect(toGraphQLError(error, true).extensions).toEqual({
      code: 'QUERY_TOO_DEEP',
      depth: 12,
      maxDepth: 10,
      http: { status: 400 },
    });
  });
});
