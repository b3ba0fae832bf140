import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { activityEventId, encodeLogRecord, type ActivityRecorded } from '@greenops/contracts';
import { createGatewayApp } from '@greenops/gateway';
import {
  EmbeddedEventLogConsumer,
  EmbeddedEventLogInspector,
  EmbeddedEventLogPublisher,
} from '@greenops/messaging';
import {
  ApiKeyStore,
  EmissionQueries,
  EmissionStore,
  EventLogTable,
  insightsReads,
  openPostgres,
  ProjectionRegistry,
  RetentionQueries,
  RetentionStore,
  type DatabaseHandle,
} from '@greenops/persistence';
import { startProjectorWorkers, type ProjectorWorkers } from '@greenops/projector';
import { createTestDatabase, waitFor, type TestDatabase } from '@greenops/testing';

const ADMIN_A = 'retention-int-admin-a-0123456789';
const READ_A = 'retention-int-read-a-01234567890';
const ENGINE_A = 'retention-int-engine-a-012345678';
const INGEST_A = 'retention-int-ingest-a-012345678';
const KEY_B = 'retention-int-key-b-0123456789ab';

const OLD = '2026-06-01T00:00:00.000Z';
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

/**
 * A one-hour storage span at PUE 1.5 and 200 g/kWh, so only the storage factors vary
 * (Cloud Carbon Footprint storage coefficients, band ±50 %: HDD and object 0.65 Wh/TB-h,
 * object 3 copies by default).
 */
function storageSpan(
  tenant: string,
  spanId: string,
  artifact: { id: string; parentId?: string; status?: string },
  storage: { bytes: number; media: 'hdd' | 'object'; system: string; uri?: string },
  startTime = OLD,
): ActivityRecorded {
  const endTime = new Date(Date.parse(startTime) + 3600_000).toISOString();
  return {
    id: activityEventId(tenant, TRACE, spanId),
    type: 'ActivityRecorded',
    version: 1,
    tenant,
    projectId: 'series-s01',
    occurredAt: startTime,
    recordedAt: endTime,
    payload: {
      kind: 'storage',
      name: `hold ${artifact.id}`,
      traceId: TRACE,
      spanId,
      startTime,
      endTime,
      durationS: 3600,
      artifact: { kind: 'iteration', ...artifact },
      measurements: { storage, pue: 1.5, intensityGPerKwh: 200 },
    },
  };
}

describe('retention: holdings, policies, legal holds, preview and audit (embedded log on PostgreSQL)', () => {
  let database: TestDatabase;
  let db: DatabaseHandle;
  let app: INestApplication;
  let url: string;
  let workers: ProjectorWorkers;
  let adminKeyId: string;
  const publisher = () => new EmbeddedEventLogPublisher(new EventLogTable(db));

  async function gql(key: string, query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query, variables }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes vary per query
    return (await response.json()) as { data?: Record<string, any>; errors?: Array<any> };
  }

  async function ok(key: string, query: string, variables: Record<string, unknown> = {}) {
    const body = await gql(key, query, variables);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  }

  const PREVIEW = `query($id: ID!) { retentionPreview(policyId: $id) {
    candidateCount bytes excludedProtectedByStatus excludedLegalHold
    co2eGPerDay { low nominal high } avoidedKgCo2ePerYear { low nominal high }
    candidates { artifactId bytes holdings { storageSystem uri media bytes } } } }`;

  beforeAll(async () => {
    database = await createTestDatabase('retention_int');
    db = await openPostgres(database.url, { poolSize: 4 });
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant('a');
    adminKeyId = (await keys.addKey('a', ADMIN_A, ['ingest', 'read', 'admin'])).key.id;
    await keys.addKey('a', READ_A, ['read']);
    await keys.addKey('a', ENGINE_A, ['policy-engine']);
    await keys.addKey('a', INGEST_A, ['ingest']);
    await keys.ensureTenant('b');
    await keys.addKey('b', KEY_B);
    const table = new EventLogTable(db);
    const store = new EmissionStore(db);
    workers = await startProjectorWorkers({
      store,
      retentionStore: new RetentionStore(db),
      registry: new ProjectionRegistry(db),
      publisher: publisher(),
      inspector: new EmbeddedEventLogInspector(),
      consumerFor: (groupId, topic) =>
        new EmbeddedEventLogConsumer({
          table,
          groupId,
          topic,
          positions: store,
          pollIntervalMs: 50,
        }),
      groupId: 'greenops-projector',
      log: () => undefined,
      progressIntervalMs: 0,
    });
    app = await createGatewayApp({
      queries: new EmissionQueries(db),
      apiKeys: keys,
      factorSets: new ProjectionRegistry(db),
      retention: new RetentionQueries(db),
      insights: insightsReads(db),
      publisher: publisher(),
    });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;

    // ep01 (delivered) ← sh010-v1 (rejected): protected by status.
    // sh020 ← sh020-v1 (rejected), on two systems: the candidate.
    // sh030 (to be held) ← sh030-v1 (rejected).
    const events = [
      storageSpan(
        'a',
        '0000000000000001',
        { id: 'ep01', status: 'delivered' },
        {
          bytes: 1e13,
          media: 'hdd',
          system: 'isilon-ldn-1',
        },
      ),
      storageSpan(
        'a',
        '0000000000000002',
        { id: 'sh010-v1', parentId: 'ep01', status: 'rejected' },
        {
          bytes: 1e13,
          media: 'hdd',
          system: 'isilon-ldn-1',
        },
      ),
      storageSpan(
        'a',
        '0000000000000003',
        { id: 'sh020-v1', parentId: 'sh020', status: 'rejected' },
        {
          bytes: 1e13,
          media: 'hdd',
          system: 'isilon-ldn-1',
          uri: '/ifs/vfx/sh020/v1',
        },
      ),
      storageSpan(
        'a',
        '0000000000000004',
        { id: 'sh020-v1' },
        {
          bytes: 2e12,
          media: 'object',
          system: 's3:vfx-renders',
          uri: 's3://vfx-renders/sh020/v1/',
        },
      ),
      storageSpan(
        'a',
        '0000000000000005',
        { id: 'sh030-v1', parentId: 'sh030', status: 'rejected' },
        {
          bytes: 1e13,
          media: 'hdd',
          system: 'isilon-ldn-1',
        },
      ),
      storageSpan(
        'b',
        '0000000000000006',
        { id: 'sh020-v1', status: 'rejected' },
        {
          bytes: 1e12,
          media: 'hdd',
          system: 'netapp-b',
        },
      ),
    ];
    await publisher().publish(
      events.map((e) => {
        const encoded = encodeLogRecord(e);
        if (!encoded.ok) throw new Error(`${encoded.field}: ${encoded.reason}`);
        return encoded.record;
      }),
    );
  }, 60000);

  afterAll(async () => {
    await app?.close();
    await workers?.stop();
    await db?.close();
    await database?.drop();
  });

  it('keeps holdings per artifact and system with the storage model’s rate', async () => {
    const q = `{ project(id: "series-s01") { holdings { storageSystem media artifacts bytes co2eGPerDay { low nominal high } } }
      artifact(projectId: "series-s01", id: "sh020-v1") { holdings { storageSystem uri media bytes lastObservedAt co2eGPerDay { nominal } } } }`;
    const data = await waitFor(
      async () => {
        const d = await ok(ADMIN_A, q);
        return d.project?.holdings?.length === 2 && d.artifact?.holdings?.length === 2 && d;
      },
      { timeoutMs: 30000, description: 'holdings projected' },
    );
    // isilon: 4 artifacts × 10 TB HDD; each 10 × 24 × 0.65 Wh × 1.5 / 1000 × 200 = 46.8 g/day
    // (23.4–70.2) → 187.2 (93.6–280.8). s3: 2 TB object × 3 copies: 2 × 24 × 3 × 0.65 × 1.5
    // / 1000 × 200 = 28.08 g/day (14.04–42.12).
    const [isilon, s3] = data.project.holdings;
    expect(isilon).toMatchObject({
      storageSystem: 'isilon-ldn-1',
      media: 'hdd',
      artifacts: 4,
      bytes: 4e13,
    });
    expect(isilon.co2eGPerDay.nominal).toBeCloseTo(187.2, 9);
    expect(isilon.co2eGPerDay.low).toBeCloseTo(93.6, 9);
    expect(isilon.co2eGPerDay.high).toBeCloseTo(280.8, 9);
    expect(s3).toMatchObject({
      storageSystem: 's3:vfx-renders',
      media: 'object',
      artifacts: 1,
      bytes: 2e12,
    });
    expect(s3.co2eGPerDay.nominal).toBeCloseTo(28.08, 9);
    expect(data.artifact.holdings.map((h: { uri: string }) => h.uri)).toEqual([
      '/ifs/vfx/sh020/v1',
      's3://vfx-renders/sh020/v1/',
    ]);
    expect(data.artifact.holdings[0].lastObservedAt).toBe('2026-06-01T01:00:00.000Z');

    // tenant B sees only its own holding under the same project and artifact ids
    const b = await ok(KEY_B, q);
    expect(b.project.holdings.map((h: { storageSystem: string }) => h.storageSystem)).toEqual([
      'netapp-b',
    ]);
    expect(b.artifact.holdings).toHaveLength(1);
  });

  it('defines a policy and a legal hold as events; previews avoided kg CO2e a year; audits each action', async () => {
    const hold = await ok(
      ADMIN_A,
      `mutation { setLegalHold(projectId: "series-s01", artifactId: "sh030", reason: "rights dispute 2026-114") { eventId } }`,
    );
    const defined = await ok(
      ADMIN_A,
      `mutation($input: DefineRetentionPolicyInput!) { defineRetentionPolicy(input: $input) { policyId eventId } }`,
      {
        input: {
          name: 'rejected iterations after 30 days',
          selector: { statuses: ['rejected'], minAgeDays: 30, ageBasis: 'STATUS_CHANGE' },
          action: 'DELETE',
          graceDays: 7,
          reason: 'storage plan 2026',
        },
      },
    );
    const policyId: string = defined.defineRetentionPolicy.policyId;
    await waitFor(
      async () => {
        const d = await ok(READ_A, `{ retentionPolicies { id } legalHolds { artifactId } }`);
        return d.retentionPolicies.length === 1 && d.legalHolds.length === 1;
      },
      { timeoutMs: 30000, description: 'policy and hold projected' },
    );

    const preview = (await ok(ENGINE_A, PREVIEW, { id: policyId })).retentionPreview;
    expect(preview.candidates.map((c: { artifactId: string }) => c.artifactId)).toEqual([
      'sh020-v1',
    ]);
    expect(preview).toMatchObject({
      candidateCount: 1,
      bytes: 1.2e13,
      excludedProtectedByStatus: 1, // sh010-v1 feeds delivered ep01
      excludedLegalHold: 1, // sh030-v1 feeds held sh030
    });
    // (46.8 + 28.08) g/day × 365 / 1000 = 27.3312 kg/year; low (23.4 + 14.04) × 0.365 =
    // 13.6656; high (70.2 + 42.12) × 0.365 = 40.9968
    expect(preview.co2eGPerDay.nominal).toBeCloseTo(74.88, 9);
    expect(preview.avoidedKgCo2ePerYear.nominal).toBeCloseTo(27.3312, 9);
    expect(preview.avoidedKgCo2ePerYear.low).toBeCloseTo(13.6656, 9);
    expect(preview.avoidedKgCo2ePerYear.high).toBeCloseTo(40.9968, 9);

    // the read key sees the same preview; tenant B sees neither the policy nor its preview
    expect((await ok(READ_A, PREVIEW, { id: policyId })).retentionPreview.candidateCount).toBe(1);
    expect((await ok(KEY_B, PREVIEW, { id: policyId })).retentionPreview).toBeNull();
    expect(await ok(KEY_B, `{ retentionPolicies { id } legalHolds { artifactId } }`)).toEqual({
      retentionPolicies: [],
      legalHolds: [],
    });

    // releasing the hold makes sh030-v1 a candidate: + 46.8 g/day → 121.68 × 0.365 = 44.4132 kg
    await ok(
      ADMIN_A,
      `mutation { releaseLegalHold(projectId: "series-s01", artifactId: "sh030", reason: "settled") { eventId } }`,
    );
    const released = await waitFor(
      async () => {
        const p = (await ok(ENGINE_A, PREVIEW, { id: policyId })).retentionPreview;
        return p.candidateCount === 2 && p;
      },
      { timeoutMs: 30000, description: 'hold released' },
    );
    expect(released.avoidedKgCo2ePerYear.nominal).toBeCloseTo(44.4132, 9);

    await ok(
      ADMIN_A,
      `mutation($id: ID!) { retireRetentionPolicy(policyId: $id, reason: "replaced") { eventId } }`,
      {
        id: policyId,
      },
    );
    await waitFor(
      async () => (await ok(ENGINE_A, PREVIEW, { id: policyId })).retentionPreview === null,
      { timeoutMs: 30000, description: 'policy retired' },
    );

    const audit = (
      await ok(
        READ_A,
        `{ retentionAudit(first: 10) { records { eventId action projectId subject keyId reason } hasNextPage } }`,
      )
    ).retentionAudit;
    expect(audit.hasNextPage).toBe(false);
    expect(
      audit.records.map((r: { action: string; subject: string; keyId: string; reason: string }) => [
        r.action,
        r.subject,
        r.keyId,
        r.reason,
      ]),
    ).toEqual([
      ['LEGAL_HOLD_SET', 'sh030', adminKeyId, 'rights dispute 2026-114'],
      ['POLICY_DEFINED', policyId, adminKeyId, 'storage plan 2026'],
      ['LEGAL_HOLD_RELEASED', 'sh030', adminKeyId, 'settled'],
      ['POLICY_RETIRED', policyId, adminKeyId, 'replaced'],
    ]);
    expect(audit.records[0].eventId).toBe(hold.setLegalHold.eventId);
    expect(
      (await ok(KEY_B, `{ retentionAudit { records { eventId } } }`)).retentionAudit.records,
    ).toEqual([]);

    // the trail is append-only, even for the database role
    await expect(db.dataSource.query(`delete from retention_audit`)).rejects.toThrow(/append-only/);
  });

  it('checks roles: read and policy-engine cannot define or hold, ingest sees nothing', async () => {
    const define = `mutation { defineRetentionPolicy(input: { name: "x", selector: {}, action: DELETE, graceDays: 0 }) { policyId } }`;
    const hold = `mutation { setLegalHold(projectId: "p", artifactId: "a", reason: "r") { eventId } }`;
    for (const key of [READ_A, ENGINE_A, INGEST_A]) {
      for (const q of [define, hold]) {
        const body = await gql(key, q);
        expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    }
    for (const q of [
      `{ retentionPolicies { id } }`,
      `{ retentionAudit { records { eventId } } }`,
    ]) {
      expect((await gql(INGEST_A, q)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    // policy-engine may list policies and preview, but not read the audit trail
    expect((await gql(ENGINE_A, `{ retentionPolicies { id } }`)).errors).toBeUndefined();
    expect(
      (await gql(ENGINE_A, `{ retentionAudit { records { eventId } } }`)).errors?.[0].extensions
        ?.code,
    ).toBe('FORBIDDEN');
  });

  it('refuses bad arguments by field', async () => {
    const body = await gql(
      ADMIN_A,
      `mutation { defineRetentionPolicy(input: { name: "m", selector: { media: ["floppy"] }, action: MOVE, toMedia: "tape", graceDays: 0 }) { policyId } }`,
    );
    expect(body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.selector.media[0]',
    });
    const move = await gql(
      ADMIN_A,
      `mutation { defineRetentionPolicy(input: { name: "m", selector: {}, action: MOVE, graceDays: 0 }) { policyId } }`,
    );
    expect(move.errors?.[0].extensions).toMatchObject({ field: 'input.toMedia' });
    const preview = await gql(
      ENGINE_A,
      `{ retentionPreview(policyId: "not-a-uuid") { candidateCount } }`,
    );
    expect(preview.errors?.[0].extensions).toMatchObject({ field: 'policyId' });
  });
});
