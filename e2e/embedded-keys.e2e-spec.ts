import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runBuiltCli } from '@greenops/testing';
import { graphql } from './support/graphql-client';
import { ServiceProcess } from './support/service-process';

const GENERATED_KEY_LINE = /API key {4}(gok_[A-Za-z0-9_-]{43})\n/;
/** The banner's key lines are the last it prints: ready once both are out. */
const KEY_LINES_PRINTED = /API key[^\n]*\n[^\n]*\n/;

/**
 * Embedded mode without GREENOPS_API_KEY: a key is generated on the first start of a data dir
 * only, restarts add none (they point at the keys CLI instead), and a tenant left without an
 * active key gets a new one at the next start. The keys CLI cannot open the data dir while the
 * platform holds it.
 */
describe('embedded mode: the generated API key', () => {
  const parent = mkdtempSync(join(tmpdir(), 'greenops-e2e-keys-'));
  const dataDir = join(parent, 'data');
  let env: Record<string, string>;
  let graphqlUrl: string;
  let platform: ServiceProcess | undefined;

  async function startPlatform(): Promise<ServiceProcess> {
    platform = ServiceProcess.built('platform', 'dist/apps/platform/src/main.js', env);
    await platform.start(KEY_LINES_PRINTED, 120000);
    return platform;
  }

  async function queryStatus(key: string): Promise<string | undefined> {
    const { body } = await graphql<{ project: null }>(
      graphqlUrl,
      key,
      '{ project(id: "none") { id } }',
    );
    return body.errors?.[0]?.extensions?.code as string | undefined;
  }

  async function listedKeys(): Promise<Array<{ id: string; revokedAt: string | null }>> {
    const run = await runBuiltCli(['keys', 'list', '--tenant', 'default', '--json'], {
      GREENOPS_DATA_DIR: dataDir,
    });
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as Array<{ id: string; revokedAt: string | null }>;
  }

  beforeAll(async () => {
    const [httpPort, grpcPort, graphqlPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    env = {
      GREENOPS_DATA_DIR: dataDir,
      GREENOPS_OTLP_HTTP_PORT: String(httpPort),
      GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
      GREENOPS_GRAPHQL_PORT: String(graphqlPort),
    };
    graphqlUrl = `http://127.0.0.1:${graphqlPort}/graphql`;
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it('generates one key on the first start and none on two restarts', async () => {
    const first = await startPlatform();
    const key = GENERATED_KEY_LINE.exec(first.log)?.[1];
    expect(key).toBeDefined();
    expect(await queryStatus(key!)).toBeUndefined(); // the printed key works

    // While the platform runs, the CLI refuses to open its data dir.
    const refused = await runBuiltCli(['keys', 'list'], { GREENOPS_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is in use by greenops platform');
    await first.stop();

    for (let restart = 1; restart <= 2; restart++) {
      const again = await startPlatform();
      expect(again.log).not.toMatch(GENERATED_KEY_LINE);
      expect(again.log).toContain('tenant "default" has 1 active key');
      expect(again.log).toContain(`GREENOPS_DATA_DIR=${dataDir} npx greenops keys list`);
      expect(await queryStatus(key!)).toBeUndefined(); // the first key still works
      await again.stop();
    }

    const keys = await listedKeys();
    expect(keys).toHaveLength(1);
    expect(keys[0]!.revokedAt).toBeNull();
  });

  it('generates a new key when every key of the tenant was revoked', async () => {
    const [only] = await listedKeys();
    const revoked = await runBuiltCli(['keys', 'revoke', only!.id], { GREENOPS_DATA_DIR: dataDir });
    expect(revoked.code).toBe(0);

    const next = await startPlatform();
    const key = GENERATED_KEY_LINE.exec(next.log)?.[1];
    expect(key).toBeDefined();
    expect(await queryStatus(key!)).toBeUndefined();
    await next.stop();

    const keys = await listedKeys();
    expect(keys.map((k) => k.revokedAt === null)).toEqual([false, true]);
  });
});
