import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiKeyStore,
  openEmbeddedTimescale,
  openPostgres,
  type DatabaseHandle,
} from '@greenops/persistence';
import { createTestDatabase, runBuiltCli, type TestDatabase } from '@greenops/testing';

const GENERATED_KEY = /^gok_[A-Za-z0-9_-]{43}$/; // 32 random bytes, base64url
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

interface ListedKey {
  id: string;
  tenant: string;
  roles: string[];
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The built CLI (dist/apps/cli/src/main.js) as a process, against PostgreSQL 15. */
describe('greenops keys, distributed mode (PostgreSQL 15)', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let db: DatabaseHandle | undefined;

  /** What the services do with a key: resolve it, through a store of our own. */
  async function resolve(key: string) {
    db ??= await openPostgres(database.url, { poolSize: 1 });
    return new ApiKeyStore(db).resolveCaller(key);
  }

  async function list(tenant?: string): Promise<ListedKey[]> {
    const run = await runBuiltCli(
      ['keys', 'list', '--json', ...(tenant ? ['--tenant', tenant] : [])],
      env,
    );
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as ListedKey[];
  }

  beforeAll(async () => {
    database = await createTestDatabase('cli_keys');
    env = { GREENOPS_DATABASE_URL: database.url };
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('create → list → the key resolves → revoke → it no longer resolves', async () => {
    const created = await runBuiltCli(
      ['keys', 'create', '--tenant', 'studio-q', '--role', 'ingest,read'],
      env,
    );
    expect(created.stderr).toContain(`database postgres@127.0.0.1:5432/${database.name}`);
    expect(created.code).toBe(0);
    // stdout holds the key and nothing else, so `$(greenops keys create …)` captures it.
    const key = created.stdout.trim();
    expect(created.stdout).toBe(`${key}\n`);
    expect(key).toMatch(GENERATED_KEY);
    expect(created.stderr).toMatch(/created key [0-9a-f-]{36} for tenant "studio-q"/);

    const [listed, ...others] = await list('studio-q');
    expect(others).toEqual([]);
    expect(listed).toMatchObject({
      tenant: 'studio-q',
      roles: ['ingest', 'read'],
      prefix: key.slice(0, 6),
      revokedAt: null,
    });
    const table = await runBuiltCli(['keys', 'list'], env);
    expect(table.stdout).toMatch(/^ID\s+TENANT\s+ROLES\s+PREFIX\s+CREATED\s+REVOKED\n/);
    expect(table.stdout).toContain(listed!.id);
    for (const output of [table.stdout, table.stderr, JSON.stringify(listed)]) {
      expect(output).not.toContain(key);
      expect(output).not.toContain(sha256(key));
    }

    expect(await resolve(key)).toMatchObject({ tenant: 'studio-q', roles: ['ingest', 'read'] });

    const revoked = await runBuiltCli(['keys', 'revoke', listed!.id], env);
    expect(revoked.code).toBe(0);
    expect(revoked.stderr).toContain(`revoked key ${listed!.id} (tenant "studio-q"`);
    expect(await resolve(key)).toBeNull();
    expect((await list('studio-q'))[0]!.revokedAt).not.toBeNull();

    const again = await runBuiltCli(['keys', 'revoke', listed!.id], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('was already revoked');
  });

  it('registers a key from an environment variable, idempotently, and never prints it', async () => {
    const key = 'provisioned-key-0123456789abcdef';
    const args = ['keys', 'create', '--tenant', 'studio-r', '--role', 'ingest', '--key-env', 'K'];
    const first = await runBuiltCli(args, { ...env, K: key });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).not.toContain(key);
    const rerun = await runBuiltCli(args, { ...env, K: key });
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain('already registered for tenant "studio-r" with roles ingest');
    expect(await list('studio-r')).toHaveLength(1);
    expect(await resolve(key)).toMatchObject({ tenant: 'studio-r', roles: ['ingest'] });

    // Another tenant cannot claim it; once revoked it cannot come back.
    const stolen = await runBuiltCli(
      ['keys', 'create', '--tenant', 'studio-s', '--role', 'read', '--key', key],
      env,
    );
    expect(stolen.code).toBe(1);
    expect(stolen.stderr).toContain('refused: the key is already registered to another tenant');
    const [stored] = await list('studio-r');
    expect(
      (await runBuiltCli(['keys', 'revoke', stored!.id, '--tenant', 'studio-r'], env)).code,
    ).toBe(0);
    const revived = await runBuiltCli(args, { ...env, K: key });
    expect(revived.code).toBe(1);
    expect(revived.stderr).toContain('a revoked key cannot be reused');
    expect(await resolve(key)).toBeNull();
  });

  it('tenant-scoped revocation does not reach another tenant; unknown ids fail', async () => {
    const created = await runBuiltCli(
      ['keys', 'create', '--tenant', 'studio-t', '--role', 'read'],
      env,
    );
    const key = created.stdout.trim();
    const [listed] = await list('studio-t');
    const wrongTenant = await runBuiltCli(
      ['keys', 'revoke', listed!.id, '--tenant', 'studio-q'],
      env,
    );
    expect(wrongTenant.code).toBe(1);
    expect(wrongTenant.stderr).toContain(`no key with id ${listed!.id} for tenant "studio-q"`);
    expect(await resolve(key)).toMatchObject({ tenant: 'studio-t', roles: ['read'] });
    const unknown = await runBuiltCli(
      ['keys', 'revoke', '00000000-0000-4000-8000-000000000000'],
      env,
    );
    expect(unknown.code).toBe(1);
  });

  it('exit codes: 64 for the command line, 78 for the environment, 1 when the database is away', async () => {
    const usage = await runBuiltCli(['keys', 'create', '--tenant', 'a'], env);
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('--role is required');

    const help = await runBuiltCli(['keys', 'list', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: greenops keys list');

    const badUrl = await runBuiltCli(['keys', 'list'], { GREENOPS_DATABASE_URL: 'mysql://x/y' });
    expect(badUrl.code).toBe(78);
    expect(badUrl.stderr).toContain('GREENOPS_DATABASE_URL: must be a postgres:// URL');

    const unsetVariable = await runBuiltCli(
      ['keys', 'create', '--tenant', 'a', '--role', 'read', '--key-env', 'NOT_SET'],
      env,
    );
    expect(unsetVariable.code).toBe(78);
    expect(unsetVariable.stderr).toContain('NOT_SET: is not set');

    // Port 1 on loopback: nothing listens there.
    const away = await runBuiltCli(['keys', 'list'], {
      GREENOPS_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
    });
    expect(away.code).toBe(1);
    expect(away.stderr).toContain('could not open the database');
  });
});

/** The built CLI against an embedded data dir: only while no platform holds it. */
describe('greenops keys, embedded mode (data dir)', () => {
  const parent = mkdtempSync(join(tmpdir(), 'greenops-cli-'));
  const dataDir = join(parent, 'data');
  const env = { GREENOPS_DATA_DIR: dataDir };
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('refuses a folder that holds no database instead of creating one', async () => {
    const run = await runBuiltCli(['keys', 'list'], env);
    expect(run.code).toBe(78);
    expect(run.stderr).toContain(
      `GREENOPS_DATA_DIR: ${dataDir} holds no embedded GreenOps database`,
    );
  });

  it('create → list → resolves → refused while the data dir is open elsewhere → revoke → gone', async () => {
    // A data dir as the platform's first start leaves it.
    await (await openEmbeddedTimescale({ dataDir, owner: 'greenops platform' })).close();

    const created = await runBuiltCli(
      ['keys', 'create', '--tenant', 'default', '--role', 'ingest,read,admin'],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stderr).toContain(`embedded data dir ${dataDir}`);
    const key = created.stdout.trim();
    expect(key).toMatch(GENERATED_KEY);

    const listed = await runBuiltCli(['keys', 'list', '--tenant', 'default', '--json'], env);
    expect(listed.code).toBe(0);
    const [entry] = JSON.parse(listed.stdout) as ListedKey[];
    expect(entry).toMatchObject({ tenant: 'default', roles: ['ingest', 'read', 'admin'] });
    expect(entry!.id).toMatch(UUID);

    // This test process opens the data dir, as a running platform would: the CLI must refuse.
    const platformLike = await openEmbeddedTimescale({ dataDir, owner: 'greenops platform' });
    try {
      expect(await new ApiKeyStore(platformLike).resolveCaller(key)).toMatchObject({
        tenant: 'default',
        roles: ['ingest', 'read', 'admin'],
      });
      const refused = await runBuiltCli(['keys', 'revoke', entry!.id], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`is in use by greenops platform (pid ${process.pid}`);
      expect(refused.stderr).toContain('Stop that process first');
      // Refusing changed nothing: the key still resolves through the open handle.
      expect(await new ApiKeyStore(platformLike).resolveTenant(key)).toBe('default');
    } finally {
      await platformLike.close();
    }

    const revoked = await runBuiltCli(['keys', 'revoke', entry!.id], env);
    expect(revoked.code).toBe(0);
    const reopened = await openEmbeddedTimescale({ dataDir });
    try {
      expect(await new ApiKeyStore(reopened).resolveCaller(key)).toBeNull();
    } finally {
      await reopened.close();
    }
  });
});
