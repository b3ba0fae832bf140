import { status as GrpcStatus } from '@grpc/grpc-js';
import { KeyStoreUnavailableError } from './ingest-errors';
import { withKeyStoreAvailability } from './key-store-availability';
import { mapIngestError } from './otlp-error-mapping';

describe('withKeyStoreAvailability', () => {
  it('passes callers and unknown keys through', async () => {
    const caller = { tenant: 't', roles: ['ingest' as const] };
    const resolver = withKeyStoreAvailability({
      resolveCaller: async (key) => (key === 'good' ? caller : null),
    });
    await expect(resolver.resolveCaller('good')).resolves.toBe(caller);
    await expect(resolver.resolveCaller('other')).resolves.toBeNull();
  });

  it('turns a failed lookup (database down) into 503 / UNAVAILABLE with Retry-After', async () => {
    const down = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const resolver = withKeyStoreAvailability({
      resolveCaller: async () => {
        throw down;
      },
    });
    const error = await resolver.resolveCaller('any').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyStoreUnavailableError);
    expect((error as KeyStoreUnavailableError).cause).toBe(down);
    expect(mapIngestError(error)).toEqual({
      httpStatus: 503,
      grpcCode: GrpcStatus.UNAVAILABLE,
      message: 'API key store unavailable, nothing was written; retry later',
      headers: { 'Retry-After': '5' },
    });
  });

  it('does not wrap twice', async () => {
    const inner = withKeyStoreAvailability({
      resolveCaller: async () => {
        throw new Error('down');
      },
    });
    const error = await withKeyStoreAvailability(inner)
      .resolveCaller('any')
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('API key store unavailable: down');
  });
});
