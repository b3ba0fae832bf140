import { randomUUID } from 'node:crypto';
import { ApiKeyStore } from './api-key-store';
import { EmissionQueries } from './emission-queries';
import { EmissionStore } from './emission-store';
import { ProjectionRegistry } from './projection-registry';
import { BACKENDS, type OpenedBackend } from './testing/backends';
import { renderFact } from './testing/fact-fixture';

describe.each(BACKENDS)('ProjectionRegistry on $name', (backend) => {
  let opened: OpenedBackend;
  let registry: ProjectionRegistry;
  let store: EmissionStore;
  let queries: EmissionQueries;

  beforeAll(async () => {
    opened = await backend.open();
    registry = new ProjectionRegistry(opened.db);
    store = new EmissionStore(opened.db);
    queries = new EmissionQueries(opened.db);
  });
  afterAll(() => opened?.dispose());

  it('serves version 1 with the default factor set to a tenant that never rebuilt', async () => {
    expect(await registry.state('fresh')).toEqual({
      tenant: 'fresh',
      currentVersion: 1,
      currentFactorSetVersion: null,
      building: null,
    });
  });

  it('records a published factor set once', async () => {
    const set = {
      tenant: 'acme',
      version: 'fs-1',
      baseVersion: '2026.12.0',
      name: 'studio meter',
      factors: [{ id: 'x', value: 1 }],
      eventId: randomUUID(),
      publishedAt: '2026-11-01T00:00:00Z',
    };
    expect(await registry.recordFactorSet(set)).toBe(true);
    expect(await registry.recordFactorSet(set)).toBe(false);
    expect(await registry.factorSet('acme', 'fs-1')).toMatchObject({
      version: 'fs-1',
      factors: [{ id: 'x', value: 1 }],
      publishedAt: '2026-11-01T00:00:00.000Z',
    });
    expect(await registry.factorSet('other', 'fs-1')).toBeNull();
    expect((await registry.listFactorSets('acme')).map((s) => s.version)).toEqual(['fs-1']);
  });

  it('builds version N+1 beside the served one, then switches what queries serve', async () => {
    const tenant = 'rebuilder';
    // version 1: 2 kWh × 100 g/kWh = 200 g (fixture intensity)
    await store.commitBatch({
      facts: [
        {
          ...renderFact({
            tenant,
            projectId: 'p',
            occurredAt: '2026-03-01T10:00:00Z',
            energyKwh: 2,
            eventId: '6f1d2b4e-4c8f-4d55-9e0a-0c7c5e6d7f01',
          }),
        },
      ],
      artifacts: [],
      offsets: [],
    });

    const building = await registry.startBuilding(tenant, 'fs-2');
    expect(building).toMatchObject({
      currentVersion: 1,
      building: { version: 2, factorSetVersion: 'fs-2', fences: null },
    });
    expect(await registry.startBuilding(tenant, 'fs-2')).toEqual(building); // idempotent per set
    await registry.expectFences(tenant, 2, [0, 3]);
    expect(ProjectionRegistry.fencesComplete(await registry.state(tenant))).toBe(false);
    await registry.recordFence(tenant, 2, 3, '4');
    await registry.recordFence(tenant, 2, 3, '9'); // first sighting wins
    expect(ProjectionRegistry.fencesComplete(await registry.state(tenant))).toBe(false);
    await registry.recordFence(tenant, 2, 0, '17');
    const built = (await registry.building()).find((b) => b.tenant === tenant);
    expect(built?.building?.fences).toEqual({ '0': '17', '3': '4' });
    expect(ProjectionRegistry.fencesComplete(built!)).toBe(true);

    // the same event recomputed in version 2: 3 kWh → 300 g; both rows coexist (key includes the version)
    const rebuilt = renderFact({
      tenant,
      projectId: 'p',
      occurredAt: '2026-03-01T10:00:00Z',
      energyKwh: 3,
      eventId: '6f1d2b4e-4c8f-4d55-9e0a-0c7c5e6d7f01',
    });
    expect(
      (
        await store.commitBatch({
          facts: [{ ...rebuilt, projectionVersion: 2 }],
          artifacts: [],
          offsets: [],
        })
      ).insertedFacts,
    ).toBe(1);
    expect((await queries.projectTotals(tenant, 'p'))?.co2eG).toBeCloseTo(200, 9); // still version 1

    expect(await registry.switchTo(tenant, 2)).toBe(true);
    expect(await registry.switchTo(tenant, 2)).toBe(false);
    expect(await registry.state(tenant)).toEqual({
      tenant,
      currentVersion: 2,
      currentFactorSetVersion: 'fs-2',
      building: null,
    });
    expect((await queries.projectTotals(tenant, 'p'))?.co2eG).toBeCloseTo(300, 9);
    const days = await queries.dailyProjectTotals(
      tenant,
      'p',
      '2026-03-01T00:00:00Z',
      '2026-03-02T00:00:00Z',
    );
    expect(days).toEqual([{ day: '2026-03-01', co2eG: 300, energyKwh: 3 }]);
  });

  it('a newer publication supersedes an unfinished build with a higher version', async () => {
    const tenant = 'superseded';
    expect((await registry.startBuilding(tenant, 'fs-a')).building?.version).toBe(2);
    expect((await registry.startBuilding(tenant, 'fs-b')).building).toEqual({
      version: 3,
      factorSetVersion: 'fs-b',
      fences: null,
    });
    expect(await registry.switchTo(tenant, 2)).toBe(false); // the abandoned build can no longer switch
  });

  it('stores key roles and resolves them with the tenant', async () => {
    const keys = new ApiKeyStore(opened.db);
    await keys.ensureTenant('roles-tenant');
    await keys.addKey('roles-tenant', 'reader-key-0123456789', ['read']);
    await keys.addKey('roles-tenant', 'admin-key-0123456789abc');
    expect(await keys.resolveCaller('reader-key-0123456789')).toMatchObject({
      tenant: 'roles-tenant',
      roles: ['read'],
    });
    expect(await keys.resolveCaller('admin-key-0123456789abc')).toMatchObject({
      tenant: 'roles-tenant',
      roles: ['ingest', 'read', 'admin'],
    });
    await expect(
      keys.addKey('roles-tenant', 'bad-role-key-0123456789', ['root' as never]),
    ).rejects.toMatchObject({ field: 'roles' });
  });
});
