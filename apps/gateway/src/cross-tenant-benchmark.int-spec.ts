import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { EmissionResult } from '@greenops/domain';
import {
  ApiKeyStore,
  EmissionQueries,
  EmissionStore,
  InsightsStore,
  insightsReads,
  openPostgres,
  ProjectionRegistry,
  type DatabaseHandle,
  type EmissionFactInput,
} from '@greenops/persistence';
import { createTestDatabase, type TestDatabase } from '@greenops/testing';
import { createGatewayApp } from './gateway.module';

/** E kWh at PUE 1 on a 100 g/kWh grid: co2e = 100 × E g. */
function fact(tenant: string, projectId: string, energyKwh: number): EmissionFactInput {
  const r = (n: number) => ({ low: n, nominal: n, high: n });
  const co2e = energyKwh * 100;
  const result: EmissionResult = {
    energyItKwh: r(energyKwh),
    energyKwh: r(energyKwh),
    pue: 1,
    intensityGPerKwh: 100,
    marketIntensityGPerKwh: 100,
    operationalG: r(co2e),
    operationalMarketG: r(co2e),
    embodiedG: r(0),
    trainingG: r(0),
    softwareG: r(0),
    co2eG: r(co2e),
    co2eMarketG: r(co2e),
    tier: 'measured',
    scope: 2,
    category: 'scope2.purchased-electricity',
    modelId: 'test',
    factorIds: [],
    methodologyVersion: 't',
    factorSetVersion: 't',
    trainingAllocation: '1a',
    notes: [],
  };
  const at = '2026-03-01T10:00:00Z';
  return {
    tenant,
    projectId,
    eventId: randomUUID(),
    occurredAt: at,
    recordedAt: at,
    activityKind: 'render',
    result,
  };
}

/*
 * Six tenants with declared SERIES projects (CO2E_TOTAL, 100 g per kWh); each contributes the
 * median of its projects:
 *   alpha   alpha-pilot 1 kWh 100 g, alpha-finale 3 kWh 300 g → (100+300)/2 = 200
 *   bravo   bravo-harbour 4 kWh                               → 400
 *   charlie charlie-docs 6 kWh                                → 600
 *   delta   delta-1/2/3: 8, 10, 12 kWh                         → 1000 (the middle one)
 *   echo    echo-short 0.5 kWh                                → 50
 *   foxtrot foxtrot-epic 50 kWh                               → 5000
 * golf has a project too but never opts in.
 */
const TENANTS: Record<string, Array<[project: string, kwh: number]>> = {
  alpha: [
    ['alpha-pilot', 1],
    ['alpha-finale', 3],
  ],
  bravo: [['bravo-harbour', 4]],
  charlie: [['charlie-docs', 6]],
  delta: [
    ['delta-1', 8],
    ['delta-2', 10],
    ['delta-3', 12],
  ],
  echo: [['echo-short', 0.5]],
  foxtrot: [['foxtrot-epic', 50]],
  golf: [['golf-secret', 7]],
};
const adminKey = (t: string) => `ctb-${t}-admin-key-0123456789`;
const READ_KEY = 'ctb-alpha-read-only-key-01234567';

describe('cross-tenant benchmarks on PostgreSQL', () => {
  let database: TestDatabase;
  let db: DatabaseHandle;
  let app: INestApplication;
  let url: string;

  async function gql(key: string, query: string) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query }),
    });
    const text = await response.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes vary per query
    const body = JSON.parse(text) as { data?: Record<string, any>; errors?: any[] };
    return { text, body };
  }

  const optIn = (tenant: string, on = true) =>
    gql(adminKey(tenant), `mutation { setBenchmarkSharing(optIn: ${on}) { optedIn } }`);

  const BENCHMARK = `{ crossTenantBenchmarks(kpi: CO2E_TOTAL, productionType: SERIES) {
      optedIn tenantCount bands { fromPercentile toPercentile tenantCount meanValue }
      bestBand q1 median q3 worstBand ownContribution ownPercentile
      ownProjects { projectId value percentile } references { id unit low high } } }`;

  beforeAll(async () => {
    database = await createTestDatabase('cross_tenant_benchmark');
    db = await openPostgres(database.url);
    const keys = new ApiKeyStore(db);
    const insights = new InsightsStore(db);
    const facts: EmissionFactInput[] = [];
    for (const [tenant, projects] of Object.entries(TENANTS)) {
      await keys.ensureTenant(tenant);
      await keys.addKey(tenant, adminKey(tenant));
      await insights.record({
        declarations: projects.map(([projectId]) => ({
          tenant,
          projectId,
          eventId: randomUUID(),
          declaredAt: '2026-03-01T00:00:00Z',
          declaration: {
            name: `${projectId} secret name`,
            productionType: 'series',
            tags: [],
          },
        })),
      });
      facts.push(...projects.map(([projectId, kwh]) => fact(tenant, projectId, kwh)));
    }
    await keys.addKey('alpha', READ_KEY, ['read']);
    await new EmissionStore(db).commitBatch({ facts, artifacts: [], offsets: [] });
    app = await createGatewayApp({
      queries: new EmissionQueries(db),
      insights: insightsReads(db),
      apiKeys: keys,
      factorSets: new ProjectionRegistry(db),
    });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await database?.drop();
  });

  it('shows nothing to a tenant that does not share, and nothing under five tenants', async () => {
    let { body } = await gql(adminKey('alpha'), BENCHMARK);
    expect(body.errors).toBeUndefined();
    expect(body.data!.crossTenantBenchmarks).toMatchObject({
      optedIn: false,
      tenantCount: null,
      bands: [],
      median: null,
      ownContribution: 200, // its own figure: (100 + 300)/2
      ownPercentile: null,
    });
    for (const t of ['alpha', 'bravo', 'charlie', 'delta']) {
      expect((await optIn(t)).body.data!.setBenchmarkSharing).toEqual({ optedIn: true });
    }
    ({ body } = await gql(adminKey('alpha'), BENCHMARK));
    expect(body.data!.crossTenantBenchmarks).toMatchObject({
      optedIn: true,
      tenantCount: null, // 4 < 5
      bands: [],
      bestBand: null,
      q1: null,
      median: null,
      q3: null,
      worstBand: null,
    });
  });

  it('gives five tenants one band: the mean of their five contributions', async () => {
    await optIn('echo');
    const { body } = await gql(adminKey('alpha'), BENCHMARK);
    // [50, 200, 400, 600, 1000]: (50+200+400+600+1000)/5 = 2250/5 = 450 — no tenant's figure
    expect(body.data!.crossTenantBenchmarks).toMatchObject({
      tenantCount: 5,
      bands: [{ fromPercentile: 0, toPercentile: 100, tenantCount: 5, meanValue: 450 }],
      bestBand: 450,
      q1: 450,
      median: 450,
      q3: 450,
      worstBand: 450,
      ownContribution: 200,
      ownPercentile: 50, // one band: at its centre
      ownProjects: [
        { projectId: 'alpha-finale', value: 300, percentile: 50 },
        { projectId: 'alpha-pilot', value: 100, percentile: 50 },
      ],
    });
  });

  it('gives six tenants two bands of three, never naming or revealing another tenant', async () => {
    await optIn('foxtrot');
    const { body, text } = await gql(adminKey('alpha'), BENCHMARK);
    const ctb = body.data!.crossTenantBenchmarks;
    // [50, 200, 400 | 600, 1000, 5000]: means 650/3 = 216.67 and 6600/3 = 2200, centres 25, 75;
    // median at 50: 216.67 + (2200 − 216.67) × 0.5 = 1208.33; alpha's 200 ≤ 216.67 → 25.
    expect(ctb.tenantCount).toBe(6);
    expect(ctb.bands.map((b: { meanValue: number }) => b.meanValue)).toEqual([
      expect.closeTo(650 / 3, 9),
      2200,
    ]);
    expect(ctb.median).toBeCloseTo(1208.3333333, 6);
    expect([ctb.q1, ctb.q3]).toEqual([expect.closeTo(650 / 3, 9), 2200]);
    expect(ctb.ownPercentile).toBe(25);
    // Series have the Carbon Trust case-study scenes beside them, in their own unit.
    expect(ctb.references.map((r: { unit: string }) => r.unit)).toEqual([
      'kgCO2e per final-pixel scene',
      'kgCO2e per final-pixel scene',
      'kgCO2e per final-pixel scene',
    ]);
    for (const leak of ['bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'secret']) {
      expect(text).not.toContain(leak);
    }
    // No other tenant's contribution (400, 600, 1000, 50, 5000) is a returned statistic.
    const stats = [ctb.bestBand, ctb.q1, ctb.median, ctb.q3, ctb.worstBand];
    for (const other of [400, 600, 1000, 50, 5000]) expect(stats).not.toContain(other);
  });

  it('leaves out a tenant that withdraws, at once, and keeps the change with its key', async () => {
    await optIn('foxtrot', false);
    const { body } = await gql(adminKey('alpha'), BENCHMARK);
    expect(body.data!.crossTenantBenchmarks.tenantCount).toBe(5);
    const audit: Array<{ opted_in: boolean; key_id: string }> = await db.dataSource.query(
      `select opted_in, key_id from benchmark_sharing_changes where tenant_id = $1 order by seq`,
      ['foxtrot'],
    );
    expect(audit.map((a) => a.opted_in)).toEqual([true, false]);
    expect(audit.every((a) => a.key_id.length > 0 && a.key_id !== 'unknown')).toBe(true);
  });

  it("refuses a read key the mutation, and answers another tenant's project with nothing", async () => {
    const { body } = await gql(
      READ_KEY,
      'mutation { setBenchmarkSharing(optIn: false) { optedIn } }',
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(READ_KEY, '{ benchmarkSharing { optedIn } }')).body.data).toEqual({
      benchmarkSharing: { optedIn: true },
    });
    const other = await gql(
      adminKey('alpha'),
      '{ project(id: "bravo-harbour") { id benchmark(kpi: CO2E_TOTAL) { value } } }',
    );
    expect(other.body.data).toEqual({ project: null });
  });
});
