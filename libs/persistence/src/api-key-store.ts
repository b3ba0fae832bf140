import { createHash, randomUUID } from 'node:crypto';
import {
  API_KEY_MAX_LENGTH,
  API_KEY_ROLES,
  DEFAULT_API_KEY_ROLES,
  isApiKeyRole,
  type ApiCaller,
  type ApiKeyRole,
} from '@greenops/auth';
import type { DatabaseHandle } from './database-handle';
import { optionalText, requireText, requireUuid } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';

/**
 * SHA-256, not bcrypt/argon2: API keys are long random tokens (≥128 bits of entropy), so
 * brute-forcing a hash is hopeless without a slow KDF, and a fast, unsalted, deterministic
 * hash lets every request resolve its tenant with one indexed lookup instead of a
 * deliberately slow comparison against every stored key. (Slow KDFs exist for low-entropy
 * human passwords.)
 */
export function hashApiKey(plaintextKey: string): string {
  return createHash('sha256').update(plaintextKey, 'utf8').digest('hex');
}

const KEY_PREFIX_CHARS = 6;
export const MIN_API_KEY_LENGTH = 16;
/** The credential check refuses longer keys before any lookup (libs/auth). */
export const MAX_API_KEY_LENGTH = API_KEY_MAX_LENGTH;
/**
 * Characters a key may use: the RFC 6750 bearer-token alphabet, so the key travels unchanged in
 * `Authorization: Bearer <key>` (and in gRPC metadata).
 */
export const API_KEY_PATTERN = /^[A-Za-z0-9._~+/=-]+$/;
/** Upper bound of one `listKeys` answer. */
export const MAX_LISTED_KEYS = 1000;

const ENSURE_TENANT = `
  insert into tenants (id, name) values ($1, $2)
  on conflict (id) do update set name = coalesce($3, tenants.name)`;

const ADD_KEY = `
  insert into api_keys (id, tenant_id, key_hash, key_prefix, roles) values ($1, $2, $3, $4, $5)
  on conflict (key_hash) do nothing
  returning id`;

const KEY_COLUMNS = `id, tenant_id, roles, key_prefix, created_at, revoked_at`;

const KEY_BY_HASH = `select ${KEY_COLUMNS} from api_keys where key_hash = $1`;

const RESOLVE = `select id::text as id, tenant_id, roles from api_keys where key_hash = $1 and revoked_at is null`;

// `$1::text is null`: one constant statement serves both "every tenant" and "this tenant".
const LIST_KEYS = `
  select ${KEY_COLUMNS} from api_keys
   where ($1::text is null or tenant_id = $1)
   order by tenant_id, created_at, id
   limit $2`;

const KEY_BY_ID = `
  select ${KEY_COLUMNS} from api_keys where id = $1 and ($2::text is null or tenant_id = $2)`;

// A select around the update: TypeORM answers a bare UPDATE … RETURNING as [rows, count].
const REVOKE = `
  with revoked as (
    update api_keys set revoked_at = now()
     where id = $1 and ($2::text is null or tenant_id = $2) and revoked_at is null
    returning ${KEY_COLUMNS})
  select ${KEY_COLUMNS} from revoked`;

const COUNT_ACTIVE = `
  select count(*)::int as n from api_keys where tenant_id = $1 and revoked_at is null`;

// Roles and callers are defined once, with the credential check, in libs/auth.
export { API_KEY_ROLES, type ApiCaller, type ApiKeyRole };

/** A stored key as an operator may see it: never the key, never its hash. */
export interface ApiKeyInfo {
  id: string;
  tenant: string;
  roles: ApiKeyRole[];
  /** The first characters of the key, to tell keys apart. */
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** The outcome of `addKey`: `created` is false when the tenant already had this key. */
export interface AddedApiKey {
  created: boolean;
  key: ApiKeyInfo;
}

export type RevokeKeyResult =
  | { outcome: 'revoked'; key: ApiKeyInfo }
  | { outcome: 'already-revoked'; key: ApiKeyInfo }
  | { outcome: 'not-found' };

interface KeyRow {
  id: string;
  tenant_id: string;
  roles: string[];
  key_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** Tenants and their hashed API keys; the plaintext key is never stored. */
export class ApiKeyStore {
  constructor(private readonly db: DatabaseHandle) {}

  /** Creates the tenant if missing; a given name replaces the stored one. */
  async ensureTenant(id: string, name?: string): Promise<void> {
    const tenantId = requireText('id', id);
    const newName = optionalText('name', name);
    await this.db.dataSource.query(ENSURE_TENANT, [tenantId, newName ?? tenantId, newName]);
  }

  /**
   * Idempotent for the same tenant (the stored key, its roles and its revocation are left as
   * they are); a key already owned by another tenant is refused. Roles default to all three
   * (the single key of embedded mode).
   */
  async addKey(
    tenant: string,
    plaintextKey: string,
    roles: readonly ApiKeyRole[] = DEFAULT_API_KEY_ROLES,
  ): Promise<AddedApiKey> {
    if (roles.length === 0 || roles.some((r) => !API_KEY_ROLES.includes(r))) {
      throw new PersistenceInputError(
        'roles',
        `must be a non-empty subset of ${API_KEY_ROLES.join(', ')}`,
      );
    }
    const tenantId = requireText('tenant', tenant);
    const key = requireText('plaintextKey', plaintextKey);
    if (key.length < MIN_API_KEY_LENGTH || key.length > MAX_API_KEY_LENGTH) {
      throw new PersistenceInputError(
        'plaintextKey',
        `must be ${MIN_API_KEY_LENGTH} to ${MAX_API_KEY_LENGTH} characters`,
      );
    }
    if (!API_KEY_PATTERN.test(key)) {
      throw new PersistenceInputError(
        'plaintextKey',
        'may only contain letters, digits and ._~+/=- (it is sent as a bearer token)',
      );
    }
    const keyHash = hashApiKey(key);
    return this.db.dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(ADD_KEY, [
        randomUUID(),
        tenantId,
        keyHash,
        key.slice(0, KEY_PREFIX_CHARS),
        [...new Set(roles)],
      ]);
      const rows: KeyRow[] = await tx.query(KEY_BY_HASH, [keyHash]);
      const row = rows[0];
      if (!row || row.tenant_id !== tenantId) {
        throw new PersistenceInputError('plaintextKey', 'is already registered to another tenant');
      }
      return { created: inserted.length > 0, key: keyInfo(row) };
    });
  }

  /** The tenant of an active key, or null. */
  async resolveTenant(plaintextKey: string): Promise<string | null> {
    return (await this.resolveCaller(plaintextKey))?.tenant ?? null;
  }

  /** Tenant and roles of an active key, or null. */
  async resolveCaller(plaintextKey: string): Promise<ApiCaller | null> {
    if (typeof plaintextKey !== 'string' || plaintextKey.length === 0) return null;
    const rows: Array<{ id: string; tenant_id: string; roles: string[] }> =
      await this.db.dataSource.query(RESOLVE, [hashApiKey(plaintextKey)]);
    const row = rows[0];
    return row
      ? { tenant: row.tenant_id, roles: row.roles.filter(isApiKeyRole), keyId: row.id }
      : null;
  }

  /**
   * Keys of one tenant, or of every tenant when `tenant` is undefined, oldest first per tenant,
   * revoked ones included; at most `limit` (≤ MAX_LISTED_KEYS).
   */
  async listKeys(opts: { tenant?: string; limit?: number } = {}): Promise<ApiKeyInfo[]> {
    const tenantId = optionalText('tenant', opts.tenant);
    const limit = opts.limit ?? MAX_LISTED_KEYS;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LISTED_KEYS) {
      throw new PersistenceInputError('limit', `must be an integer from 1 to ${MAX_LISTED_KEYS}`);
    }
    const rows: KeyRow[] = await this.db.dataSource.query(LIST_KEYS, [tenantId, limit]);
    return rows.map(keyInfo);
  }

  /**
   * Revokes a key by its id: it stops resolving at once. With `tenant`, only that tenant's key
   * (another tenant's id is 'not-found'). Revoking twice keeps the first revocation time.
   */
  async revokeKey(id: string, tenant?: string): Promise<RevokeKeyResult> {
    const keyId = requireUuid('id', id);
    const tenantId = optionalText('tenant', tenant);
    return this.db.dataSource.transaction(async (tx) => {
      const revoked: KeyRow[] = await tx.query(REVOKE, [keyId, tenantId]);
      if (revoked[0]) return { outcome: 'revoked', key: keyInfo(revoked[0]) };
      const existing: KeyRow[] = await tx.query(KEY_BY_ID, [keyId, tenantId]);
      return existing[0]
        ? { outcome: 'already-revoked', key: keyInfo(existing[0]) }
        : { outcome: 'not-found' };
    });
  }

  /** How many keys of the tenant still resolve. */
  async countActiveKeys(tenant: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.db.dataSource.query(COUNT_ACTIVE, [
      requireText('tenant', tenant),
    ]);
    return rows[0]?.n ?? 0;
  }
}

function keyInfo(row: KeyRow): ApiKeyInfo {
  return {
    id: row.id,
    tenant: row.tenant_id,
    roles: row.roles.filter(isApiKeyRole),
    prefix: row.key_prefix,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  };
}
