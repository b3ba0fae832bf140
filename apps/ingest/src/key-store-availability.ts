import type { ApiCaller, ApiCallerResolver } from '@greenops/auth';
import { KeyStoreUnavailableError } from './ingest-errors';

/**
 * The API key resolver the receivers use: a lookup that fails (the database does not answer)
 * becomes KeyStoreUnavailableError, answered 503 / UNAVAILABLE with Retry-After, which OTLP
 * clients retry. An unknown key is still `null` (401).
 */
export function withKeyStoreAvailability(resolver: ApiCallerResolver): ApiCallerResolver {
  return {
    async resolveCaller(plaintextKey: string): Promise<ApiCaller | null> {
      try {
        return await resolver.resolveCaller(plaintextKey);
      } catch (error) {
        if (error instanceof KeyStoreUnavailableError) throw error;
        throw new KeyStoreUnavailableError(error);
      }
    },
  };
}
