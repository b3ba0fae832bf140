import { createHash, randomUUID } from 'node:crypto';
import {
  API_KEY_MAX_LENGTH,
  API_KEY_ROLES,
  isApiKeyRole,
  type ApiCaller,
  type ApiKeyRole,
} from '@greenops/auth';
import type { DatabaseHandle } from './database-handle';
import { optionalText, requireText } from './input-checks';
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

const ENSURE_TENANT = `
  insert into tenants (id, name) values ($1, $2)
  on conflict (id) do update set name = coalesce($3, tenants.name)`;

const ADD_KEY = `
  insert into api_keys (id, tenant_id, key_hash, key_prefix, roles) values ($1, $2, $3, $4, $5)
  on conflict (key_hash) do nothing
  returning id`;

// Roles and callers are defined once, with the credential check, in libs/auth.
export { API_KEY_ROLES, type ApiCaller, type ApiKeyRole };

const KEY_OWNER = `select tenant_id from api_keys where key_hash = $1`;

const RESOLVE = `select tenant_id, roles from api_keys where key_hash = $1 and revoked_at is null`;

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
   * Idempotent for the same tenant; a key already owned by another tenant is refused.
   * Roles default to all three (the single key of embedded mode).
   */
  async addKey(
    tenant: string,
    plaintextKey: string,
    roles: readonly ApiKeyRole[] = API_KEY_ROLES,
  ): Promise<void> {
    if (roles.length === 0 || roles.some((r) => !API_KEY_ROLES.includes(r))) {
      throw new PersistenceInputError(
        'roles',
        `must be a non-empty subset of ${API_KEY_ROLES.join(', ')}`,
      );
    }
    const tenantId = requireText('tenant', tenant);
    const key = requireText('plaintextKey', plaintextKey);
    if (key.length < MIN_API_KEY_LENGTH) {
      throw new PersistenceInputError(
        'plaintextKey',
        `must be at least ${MIN_API_KEY_LENGTH} characters`,
      );
    }
    if (key.length > API_KEY_MAX_LENGTH) {
      // Longer keys are refused by the credential check before any lookup.
      throw new PersistenceInputError(
        'plaintextKey',
        `must be at most ${API_KEY_MAX_LENGTH} characters`,
      );
    }
    const keyHash = hashApiKey(key);
    await this.db.dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(ADD_KEY, [
        randomUUID(),
        tenantId,
        keyHash,
        key.slice(0, KEY_PREFIX_CHARS),
        [...new Set(roles)],
      ]);
      if (inserted.length > 0) return;
      const owner: Array<{ tenant_id: string }> = await tx.query(KEY_OWNER, [keyHash]);
      if (owner[0]?.tenant_id !== tenantId) {
        throw new PersistenceInputError('plaintextKey', 'is already registered to another tenant');
      }
    });
  }

  /** The tenant of an active key, or null. */
  async resolveTenant(plaintextKey: string): Promise<string | null> {
    return (await this.resolveCaller(plaintextKey))?.tenant ?? null;
  }

  /** Tenant and roles of an active key, or null. */
  async resolveCaller(plaintextKey: string): Promise<ApiCaller | null> {
    if (typeof plaintextKey !== 'string' || plaintextKey.length === 0) return null;
    const rows: Array<{ tenant_id: string; roles: string[] }> = await this.db.dataSource.query(
      RESOLVE,
      [hashApiKey(plaintextKey)],
    );
    const row = rows[0];
    return row ? { tenant: row.tenant_id, roles: row.roles.filter(isApiKeyRole) } : null;
  }
}
