/**
 * What an API key may do: `ingest` sends spans (OTLP/HTTP, OTLP/gRPC), `read` queries GraphQL,
 * `admin` changes tenant configuration (factor sets, retention policies, legal holds),
 * `policy-engine` previews and acts on retention (docs/retention.md). A key holds one or more.
 */
export const API_KEY_ROLES = ['ingest', 'read', 'admin', 'policy-engine'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** Roles of a key created without naming any (the first start's key, `addKey` without roles). */
export const DEFAULT_API_KEY_ROLES: readonly ApiKeyRole[] = ['ingest', 'read', 'admin'];

export function isApiKeyRole(value: unknown): value is ApiKeyRole {
  return typeof value === 'string' && (API_KEY_ROLES as readonly string[]).includes(value);
}

/** Who is calling: the tenant of the key and the roles it holds. */
export interface ApiCaller {
  tenant: string;
  roles: ApiKeyRole[];
  /** Id of the key (`greenops keys list`), for audit records; absent where a resolver has none. */
  keyId?: string;
}

/** Looks a plaintext key up (stored hashed); null when it is unknown or revoked. */
export interface ApiCallerResolver {
  resolveCaller(plaintextKey: string): Promise<ApiCaller | null>;
}
