import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@greenops/contracts';
import type { EmissionResult } from '@greenops/domain';
import {
  ApiKeyStore,
  EmissionQueries,
  EmissionStore,
  insightsReads,
  openPostgres,
  ProjectErasureStore,
  ProjectionRegistry,
  RetentionQueries,
  TelemetryRetentionStore,
  type DatabaseHandle,
  type EmissionFactInput,
} from '@greenops/persistence';
import { createTestDatabase, type TestDatabase } from '@greenops/testing';
import { createGatewayApp } from './gateway.module';

const ADMIN = 'telemetry-ret-admin-key-0123456789';
const READ = 'telemetry-ret-read-key-01234567890';
const INGEST = 'telemetry-ret-ingest-key-012345678';
const POLICY = 'telemetry-ret-policy-key-012345678';
const ADMIN_B = 'telemetry-ret-admin-b-key-01234567';
const DAY_MS = 86_400_000;

/** E kWh at PUE 1 and 100 g/kWh (40 g/kWh market): co2eG = E × 100. */
function fact(tenant: string, projectId: string, occurredAt: string, energyKwh: number) {
  const r = (n: number) => ({ low: n, nominal: n, high: n });
  const result: EmissionResult = {
    energyItKwh: r(energyKwh),
    energyKwh: r(energyKwh),
    pue: 1,
    intensityGPerKwh: 100,
    marketIntensityGPerKwh: 40,
    operationalG: r(energyKwh * 100),
    operationalMarketG: r(energyKwh * 40),
    embodiedG: r(0),
    trainingG: r(0),
    softwareG: r(0),
    co2eG: r(energyKwh * 100),
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
  const input: EmissionFactInput = {
    tenant,
    projectId,
    eventId: randomUUID(),
    occurredAt,
    recordedAt: occurredAt,
    activityKind: 'render',
    result,
  };
  return input;
}

/*
 * Seed, relative to today (UTC midnight D): tenant a, project p1 — 2 kWh at D − 100 days,
 * 3 kWh at D − 50 days, 4 kWh at D − 5 days (+10 h each); tenant b, project p1 — the same.
 * rawDays 30 → cutoff D − 30 days: the first two facts of a go (2 removed), 1 stays.
 * Totals: (2 + 3 + 4) kWh × 100 g/kWh = 900 g CO2e, before and after.
 */
describe('telemetry retention and erasure through GraphQL (PostgreSQL 15)', () => {
  let database: TestDatabase;
  let db: DatabaseHandle;
  let app: INestApplication;
  let url: string;
  let adminKeyId: string;
  const todayMs = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const at = (daysAgo: number) =>
    new Date(todayMs - daysAgo * DAY_MS + 10 * 3_600_000).toISOString();
  const cutoff = new Date(todayMs - 30 * DAY_MS).toISOString();

  async function gql(query: string, key: string) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes vary per query
    return (await response.json()) as { data?: Record<string, any>; errors?: any[] };
  }
  const countFacts = async (tenant: string) =>
    (
      (await db.dataSource.query(
        'select count(*)::int as n from emission_facts where tenant_id = $1',
        [tenant],
      )) as Array<{ n: number }>
    )[0].n;

  beforeAll(async () => {
    database = await createTestDatabase('gateway_telemetry_ret');
    db = await openPostgres(database.url);
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant('a');
    adminKeyId = (await keys.addKey('a', ADMIN, ['admin', 'read'])).key.id;
    await keys.addKey('a', READ, ['read']);
    await keys.addKey('a', INGEST, ['ingest']);
    await keys.addKey('a', POLICY, ['policy-engine']);
    await keys.ensureTenant('b');
    await keys.addKey('b', ADMIN_B, ['admin', 'read']);
    await new EmissionStore(db).commitBatch({
      facts: ['a', 'b'].flatMap((t) => [
        fact(t, 'p1', at(100), 2),
        fact(t, 'p1', at(50), 3),
        fact(t, 'p1', at(5), 4),
      ]),
      artifacts: [],
      offsets: [],
    });
    app = await createGatewayApp({
      queries: new EmissionQueries(db),
      insights: insightsReads(db),
      apiKeys: keys,
      factorSets: new ProjectionRegistry(db),
      retention: new RetentionQueries(db),
      telemetryRetention: {
        retention: new TelemetryRetentionStore(db, TOPICS.activities),
        erasure: new ProjectErasureStore(db),
      },
    });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await database?.drop();
  });

  it.each([
    ['read', READ],
    ['ingest', INGEST],
    ['policy-engine', POLICY],
  ])('a %s key can neither set, enforce nor erase', async (_role, key) => {
    for (const mutation of [
      'mutation { setTelemetryRetention(rawDays: 1, reason: "x") { rawDays } }',
      'mutation { enforceTelemetryRetention(reason: "x") { facts } }',
      'mutation { eraseProject(projectId: "p1", keepTotals: false, reason: "x") { facts } }',
    ]) {
      const body = await gql(mutation, key);
      expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await countFacts('a')).toBe(3);
    const audit = await gql('{ retentionAudit { records { action } } }', ADMIN);
    expect(audit.data?.retentionAudit.records).toEqual([]);
  });

  it('refuses a window out of range and a blank reason, naming the argument', async () => {
    const zero = await gql(
      'mutation { setTelemetryRetention(rawDays: 0, reason: "x") { rawDays } }',
      ADMIN,
    );
    expect(zero.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(zero.errors?.[0].message).toContain('rawDays');
    const blank = await gql(
      'mutation { setTelemetryRetention(rawDays: 30, reason: "  ") { rawDays } }',
      ADMIN,
    );
    expect(blank.errors?.[0].message).toContain('reason');
  });

  it('an admin sets 30 days and enforces: 2 facts go, totals stay 900 g, restatableFrom is the cutoff, all audited', async () => {
    const before = await gql('{ project(id: "p1") { emissions { co2eG } } }', READ);
    expect(before.data?.project.emissions.co2eG).toBe(900); // (2 + 3 + 4) kWh × 100 g/kWh
    const set = await gql(
      'mutation { setTelemetryRetention(rawDays: 30, reason: "contract clause 7") { rawDays setBy restatableFrom } }',
      ADMIN,
    );
    expect(set.data?.setTelemetryRetention).toEqual({
      rawDays: 30,
      setBy: adminKeyId,
      restatableFrom: null,
    });
    const run = await gql(
      'mutation { enforceTelemetryRetention(reason: "now") { cutoff facts logRecords } }',
      ADMIN,
    );
    expect(run.data?.enforceTelemetryRetention).toEqual({ cutoff, facts: 2, logRecords: 0 });
    expect(await countFacts('a')).toBe(1);
    expect(await countFacts('b')).toBe(3);
    const after = await gql(
      '{ project(id: "p1") { emissions { co2eG } } projection { restatableFrom } telemetryRetention { rawDays restatableFrom } }',
      READ,
    );
    expect(after.data).toEqual({
      project: { emissions: { co2eG: 900 } },
      projection: { restatableFrom: cutoff },
      telemetryRetention: { rawDays: 30, restatableFrom: cutoff },
    });
    const other = await gql(
      '{ projection { restatableFrom } telemetryRetention { rawDays } }',
      ADMIN_B,
    );
    expect(other.data).toEqual({ projection: { restatableFrom: null }, telemetryRetention: null });
  });

  it("an admin erases p1 keeping totals; tenant b's p1 is untouched; the audit lists every action", async () => {
    const erased = await gql(
      'mutation { eraseProject(projectId: "p1", keepTotals: true, reason: "data subject request") { facts keepTotals } }',
      ADMIN,
    );
    expect(erased.data?.eraseProject).toEqual({ facts: 1, keepTotals: true });
    expect(await countFacts('a')).toBe(0);
    expect(await countFacts('b')).toBe(3);
    const totals = await gql('{ project(id: "p1") { emissions { co2eG } } }', READ);
    expect(totals.data?.project.emissions.co2eG).toBe(900);
    const audit = await gql(
      '{ retentionAudit { records { action projectId keyId reason } } }',
      READ,
    );
    expect(audit.data?.retentionAudit.records).toEqual([
      {
        action: 'TELEMETRY_RETENTION_SET',
        projectId: null,
        keyId: adminKeyId,
        reason: 'contract clause 7',
      },
      { action: 'TELEMETRY_RETENTION_ENFORCED', projectId: null, keyId: adminKeyId, reason: 'now' },
      {
        action: 'PROJECT_ERASED',
        projectId: 'p1',
        keyId: adminKeyId,
        reason: 'data subject request',
      },
    ]);
    const auditB = await gql('{ retentionAudit { records { action } } }', ADMIN_B);
    expect(auditB.data?.retentionAudit.records).toEqual([]);
  });
});
