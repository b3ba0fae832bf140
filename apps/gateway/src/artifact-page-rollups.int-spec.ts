import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { EmissionResult } from '@greenops/domain';
import {
  ApiKeyStore,
  EmissionQueries,
  EmissionStore,
  insightsReads,
  openPostgres,
  ProjectionRegistry,
  type DatabaseHandle,
  type EmissionFactInput,
} from '@greenops/persistence';
import { createTestDatabase, type TestDatabase } from '@greenops/testing';
import { createGatewayApp } from './gateway.module';

const KEY = 'artifact-page-rollups-key-0123456789';
const P = 'page-project';

/** E kWh at PUE 1 on a 100 g/kWh grid (market 40 g/kWh), ±10 %: co2e = 100 × E g. */
function fact(artifactId: string, energyKwh: number): EmissionFactInput {
  const r = (n: number, low = n, high = n) => ({ low, nominal: n, high });
  const co2e = energyKwh * 100;
  const result: EmissionResult = {
    energyItKwh: r(energyKwh),
    energyKwh: r(energyKwh),
    pue: 1,
    intensityGPerKwh: 100,
    marketIntensityGPerKwh: 40,
    operationalG: r(co2e),
    operationalMarketG: r(energyKwh * 40),
    embodiedG: r(0),
    trainingG: r(0),
    softwareG: r(0),
    co2eG: r(co2e, co2e * 0.9, co2e * 1.1),
    co2eMarketG: r(energyKwh * 40),
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
    tenant: 'a',
    projectId: P,
    eventId: randomUUID(),
    occurredAt: at,
    recordedAt: at,
    artifactId,
    activityKind: 'render',
    result,
  };
}

/*
 * 20 shots s00…s19, each with two takes: s<i>-t1 rejected, (i+1) kWh; s<i>-t2 approved, 1 kWh.
 * Artifact ids sort "s00" < "s00-t1" < "s00-t2" < "s01" …, so the first page of 20 holds
 * s00…s06 with their takes (and s06-t1): 7 shots, 7 t1 takes, 6 t2 takes.
 * By hand (100 g/kWh): shot s<i> rolls up (i+1)×100 + 100 g; its take t1 (i+1)×100 g.
 *   s03: 4×100 + 100 = 500 g, 2 activities, delivered 100 g, discarded 400 g, 1 approved child.
 */
describe('an artifact page on PostgreSQL', () => {
  let database: TestDatabase;
  let db: DatabaseHandle;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase('artifact_page_rollups');
    db = await openPostgres(database.url);
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant('a');
    await keys.addKey('a', KEY, ['read']);
    const shots = Array.from({ length: 20 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    const seenAt = '2026-03-01T10:00:00Z';
    await new EmissionStore(db).commitBatch({
      facts: shots.flatMap((s, i) => [fact(`${s}-t1`, i + 1), fact(`${s}-t2`, 1)]),
      artifacts: shots.flatMap((s) => [
        { tenant: 'a', projectId: P, artifactId: s, kind: 'shot', seenAt },
        {
          tenant: 'a',
          projectId: P,
          artifactId: `${s}-t1`,
          parentId: s,
          status: 'rejected',
          seenAt,
        },
        {
          tenant: 'a',
          projectId: P,
          artifactId: `${s}-t2`,
          parentId: s,
          status: 'approved',
          seenAt,
        },
      ]),
      offsets: [],
    });
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

  it('answers a page of 20 artifacts with one roll-up and one iteration statement', async () => {
    const original = db.dataSource.query.bind(db.dataSource);
    const statements: string[] = [];
    const spy = jest
      .spyOn(db.dataSource, 'query')
      .mockImplementation((sql: string, params?: unknown[]) => {
        statements.push(sql);
        return original(sql, params);
      });
    let body: { data?: Record<string, any>; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any -- response shape
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY },
        body: JSON.stringify({
          query: `{ project(id: "${P}") { artifacts(first: 20) { nodes {
            id activityCount emissions { co2eG }
            iteration { deliveredG discardedG }
            sci(per: APPROVED_CHILD) { co2eGPerUnit } } } } }`,
        }),
      });
      body = (await response.json()) as typeof body;
    } finally {
      spy.mockRestore();
    }
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.project.artifacts.nodes as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response shape
    expect(nodes).toHaveLength(20);
    const s03 = nodes.find((n) => n.id === 's03')!;
    expect(s03).toEqual({
      id: 's03',
      activityCount: 2,
      emissions: { co2eG: 500 },
      iteration: { deliveredG: 100, discardedG: 400 },
      sci: { co2eGPerUnit: 500 }, // 500 g ÷ 1 approved child
    });
    // s06-t1 (rejected, 7 kWh): 700 g, all of it discarded, no children.
    expect(nodes.find((n) => n.id === 's06-t1')).toMatchObject({
      emissions: { co2eG: 700 },
      iteration: { deliveredG: 0, discardedG: 700 },
      sci: null,
    });
    // Before: one recursive statement per artifact and field (20 totals + 2 × 20 iterations).
    const recursive = statements.filter((sql) => /with recursive/i.test(sql));
    expect(recursive).toHaveLength(2);
  });
});
