import type { ApiCaller, ApiCallerResolver } from './api-key-role';
import { PermissionDeniedError, UnauthenticatedError } from './auth-errors';
import {
  API_KEY_MAX_LENGTH,
  authenticateApiKey,
  authorizeApiKey,
  requireAnyRole,
} from './caller-authorization';

const KEYS: Record<string, ApiCaller> = {
  'ingest-key-0123456789': { tenant: 'acme', roles: ['ingest'] },
  'read-key-0123456789ab': { tenant: 'acme', roles: ['read'] },
};

/** Counts lookups, to show which failures never reach the key store. */
class CountingResolver implements ApiCallerResolver {
  lookups = 0;
  async resolveCaller(key: string): Promise<ApiCaller | null> {
    this.lookups++;
    return KEYS[key] ?? null;
  }
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('authorizeApiKey', () => {
  it('returns the caller when the key holds the role', async () => {
    const resolver = new CountingResolver();
    await expect(
      authorizeApiKey({ authorization: 'Bearer ingest-key-0123456789' }, resolver, 'ingest'),
    ).resolves.toEqual({ tenant: 'acme', roles: ['ingest'] });
  });

  it('a valid key without the role is denied, naming the role', async () => {
    const error = await failure(
      authorizeApiKey({ 'x-api-key': 'read-key-0123456789ab' }, new CountingResolver(), 'ingest'),
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as Error).message).toBe("this API key lacks the 'ingest' role");
  });

  it('no key: unauthenticated, without a lookup', async () => {
    const resolver = new CountingResolver();
    const error = await failure(authorizeApiKey({}, resolver, 'read'));
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as UnauthenticatedError).reason).toBe('missing');
    expect((error as Error).message).toBe(
      'missing API key: send Authorization: Bearer <key> or x-api-key: <key>',
    );
    expect(resolver.lookups).toBe(0);
  });

  it('an unknown key: unauthenticated', async () => {
    const error = await failure(
      authenticateApiKey({ 'x-api-key': 'nope-nope-nope-nope' }, new CountingResolver()),
    );
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as Error).message).toBe('unknown or revoked API key');
  });

  it('an over-long key is unknown without a lookup', async () => {
    const resolver = new CountingResolver();
    const error = await failure(
      authenticateApiKey({ 'x-api-key': 'k'.repeat(API_KEY_MAX_LENGTH + 1) }, resolver),
    );
    expect((error as UnauthenticatedError).reason).toBe('unknown');
    expect(resolver.lookups).toBe(0);
  });
});

describe('requireAnyRole', () => {
  const engine: ApiCaller = { tenant: 't', roles: ['policy-engine'] };

  it('passes with any one of the roles', () => {
    expect(() => requireAnyRole(engine, ['read', 'policy-engine'])).not.toThrow();
  });

  it('names every acceptable role when none is held', () => {
    expect(() =>
      requireAnyRole({ tenant: 't', roles: ['ingest'] }, ['read', 'policy-engine']),
    ).toThrow("this API key lacks the 'read' role (or 'policy-engine')");
    expect(() => requireAnyRole(engine, ['admin'])).toThrow(PermissionDeniedError);
  });
});
