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
