/**
 * What an API key may do: `ingest` sends spans (OTLP/HTTP, OTLP/gRPC), `read` queries GraphQL,
 * `admin` changes tenant configuration (factor sets). A key holds one or more of them.
 */
export const API_KEY_ROLES = ['ingest', 'read', 'admin'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export function isApiKeyRole(value: unknown): value is ApiKeyRole {
  return typeof value === 'string' && (API_KEY_ROLES as readonly string[]).includes(value);
}

/** Who is calling: the tenant of the key and the roles it holds. */
export interface ApiCaller {
  tenant: string;
  roles: ApiKeyRole[];
}

/** Looks a plaintext key up (stored hashed); null when it is unknown or revoked. */
export interface ApiCallerResolver {
  resolveCaller(plaintextKey: string): Promise<ApiCaller | null>;
}
