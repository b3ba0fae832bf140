import { createHash } from 'node:crypto';
import { ApiKeyStore } from './api-key-store';
import { BACKENDS, type OpenedBackend } from './testing/backends';

const KEY_A = 'gk_live_3f9a1c77b2e04d5aa1b2c3d4e5f60718';
const KEY_B = 'gk_live_0c1d2e3f405162738495a6b7c8d9eaf0';

describe.each(BACKENDS)('ApiKeyStore on $name', (backend) => {
  let opened: OpenedBackend;
  let keys: ApiKeyStore;

  beforeAll(async () => {
    opened = await backend.open();
    keys = new ApiKeyStore(opened.db);
    await keys.ensureTenant('acme', 'Acme Pictures');
    await keys.ensureTenant('globex');
    await keys.addKey('acme', KEY_A);
    await keys.addKey('globex', KEY_B);
  });
  afterAll(() => opened?.dispose());

  it('resolves each key to its own tenant, unknown keys to null', async () => {
    expect(await keys.resolveTenant(KEY_A)).toBe('acme');
    expect(await keys.resolveTenant(KEY_B)).toBe('globex');
    expect(await keys.resolveTenant(`${KEY_A}x`)).toBeNull();
    expect(await keys.resolveTenant('')).toBeNull();
  });

  it('stores only the SHA-256 hex of the key, never the plaintext', async () => {
    const rows: Array<Record<string, unknown>> = await opened.db.dataSource.query(
      'select * from api_keys where tenant_id = $1',
      ['acme'],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].key_hash).toBe(createHash('sha256').update(KEY_A).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(KEY_A);
    expect(rows[0].key_prefix).toBe('gk_liv');
  });

  it('adding the same key twice is idempotent; another tenant cannot claim it', async () => {
    await keys.addKey('acme', KEY_A);
    const count: Array<{ n: number }> = await opened.db.dataSource.query(
      'select count(*)::int as n from api_keys',
    );
    expect(count[0].n).toBe(2);
    await expect(keys.addKey('globex', KEY_A)).rejects.toMatchObject({ field: 'plaintextKey' });
    expect(await keys.resolveTenant(KEY_A)).toBe('acme');
  });

  it('a revoked key no longer resolves', async () => {
    const key = 'gk_live_revoked_0000000000000000';
    await keys.addKey('acme', key);
    await opened.db.dataSource.query('update api_keys set revoked_at = now() where key_hash = $1', [
      createHash('sha256').update(key).digest('hex'),
    ]);
    expect(await keys.resolveTenant(key)).toBeNull();
  });

  it('keeps tenant names and refuses short keys with a reason', async () => {
    await keys.ensureTenant('acme');
    const rows: Array<{ name: string }> = await opened.db.dataSource.query(
      'select name from tenants where id = $1',
      ['acme'],
    );
    expect(rows[0].name).toBe('Acme Pictures');
    await expect(keys.addKey('acme', 'short')).rejects.toMatchObject({ field: 'plaintextKey' });
  });
});

describe.each(BACKENDS)('ApiKeyStore key management on $name', (backend) => {
  let opened: OpenedBackend;
  let keys: ApiKeyStore;
  const KEY_C = 'gk_live_c0000000000000000000000001';
  const KEY_D = 'gk_live_d0000000000000000000000002';
  const KEY_E = 'gk_live_e0000000000000000000000003';

  beforeAll(async () => {
    opened = await backend.open();
    keys = new ApiKeyStore(opened.db);
    await keys.ensureTenant('acme');
    await keys.ensureTenant('globex');
  });
  afterAll(() => opened?.dispose());

  it('addKey tells a new key from one the tenant already has, with its id and roles', async () => {
    const first = await keys.addKey('acme', KEY_C, ['ingest', 'read']);
    expect(first).toMatchObject({
      created: true,
      key: { tenant: 'acme', roles: ['ingest', 'read'], prefix: 'gk_liv', revokedAt: null },
    });
    const again = await keys.addKey('acme', KEY_C, ['admin']);
    expect(again.created).toBe(false);
    expect(again.key.id).toBe(first.key.id);
    expect(again.key.roles).toEqual(['ingest', 'read']); // the stored roles are kept
  });

  it('lists keys per tenant or all, never the key or its hash', async () => {
    await keys.addKey('acme', KEY_D, ['read']);
    await keys.addKey('globex', KEY_E, ['admin']);
    const acme = await keys.listKeys({ tenant: 'acme' });
    expect(acme.map((k) => [k.tenant, k.roles])).toEqual([
      ['acme', ['ingest', 'read']],
      ['acme', ['read']],
    ]);
    expect(acme.every((k) => k.createdAt instanceof Date)).toBe(true);
    const all = await keys.listKeys();
    expect(all.map((k) => k.tenant)).toEqual(['acme', 'acme', 'globex']);
    const text = JSON.stringify(all);
    for (const key of [KEY_C, KEY_D, KEY_E]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(createHash('sha256').update(key).digest('hex'));
    }
    expect(await keys.listKeys({ tenant: 'nobody' })).toEqual([]);
    expect(await keys.listKeys({ limit: 1 })).toHaveLength(1);
    await expect(keys.listKeys({ limit: 0 })).rejects.toMatchObject({ field: 'limit' });
  });

  it('revokes by id: the key stops resolving; tenant-scoped revocation cannot reach another tenant', async () => {
    const [globexKey] = await keys.listKeys({ tenant: 'globex' });
    expect(await keys.revokeKey(globexKey!.id, 'acme')).toEqual({ outcome: 'not-found' });
    expect(await keys.resolveTenant(KEY_E)).toBe('globex');
    expect(await keys.countActiveKeys('globex')).toBe(1);

    const revoked = await keys.revokeKey(globexKey!.id, 'globex');
    expect(revoked.outcome).toBe('revoked');
    expect(await keys.resolveCaller(KEY_E)).toBeNull();
    expect(await keys.countActiveKeys('globex')).toBe(0);

    const twice = await keys.revokeKey(globexKey!.id);
    expect(twice.outcome).toBe('already-revoked');
    if (revoked.outcome === 'revoked' && twice.outcome === 'already-revoked') {
      expect(twice.key.revokedAt).toEqual(revoked.key.revokedAt); // the first time is kept
    }
    expect(await keys.revokeKey('00000000-0000-4000-8000-000000000000')).toEqual({
      outcome: 'not-found',
    });
    await expect(keys.revokeKey('not-a-uuid')).rejects.toMatchObject({ field: 'id' });
    // The other tenant's keys are untouched.
    expect(await keys.countActiveKeys('acme')).toBe(2);
  });

  it('refuses keys a bearer header could not carry', async () => {
    await expect(keys.addKey('acme', 'has spaces in the key 0123')).rejects.toMatchObject({
      field: 'plaintextKey',
    });
    await expect(keys.addKey('acme', 'k'.repeat(513))).rejects.toMatchObject({
      field: 'plaintextKey',
    });
  });
});
