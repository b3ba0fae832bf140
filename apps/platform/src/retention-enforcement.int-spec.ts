import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import {
  activityEventId,
  deletionRequestId,
  encodeLogRecord,
  moveRequestId,
  TOPICS,
  type ActivityRecorded,
  type LogRecord,
} from '@greenops/contracts';
import { createGatewayApp } from '@greenops/gateway';
import {
  EmbeddedEventLogConsumer,
  EmbeddedEventLogInspector,
  EmbeddedEventLogPublisher,
  type EventLogPublisher,
} from '@greenops/messaging';
import {
  ApiKeyStore,
  DeletionRequestQueries,
  DeletionRequestStore,
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
import {
  DeletionRequestDispatcher,
  startProjectorWorkers,
  type ProjectorWorkers,
} from '@greenops/projector';
import { createTestDatabase, waitFor, type TestDatabase } from '@greenops/testing';

const ADMIN_A = 'enforce-int-admin-a-0123456789ab';
const READ_A = 'enforce-int-read-a-01234567890ab';
const ENGINE_A = 'enforce-int-engine-a-0123456789a';
const INGEST_A = 'enforce-int-ingest-a-0123456789a';
const KEY_B = 'enforce-int-key-b-0123456789abcd';

const OLD = '2026-06-01T00:00:00.000Z';
const TRACE = '5cf92f3577b34da6a3ce929d0e0e4736';
/** A holder has this long to answer (grace 0 days + this window): short, for OVERDUE. */
const ANSWER_WINDOW_MS = 6000;

function storageSpan(
  tenant: string,
  spanId: string,
  artifact: { id: string; parentId?: string; status?: string },
  storage: { bytes: number; media: 'hdd' | 'object' | 'tape'; system: string },
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

function record(e: ActivityRecorded): LogRecord {
  const encoded = encodeLogRecord(e);
  if (!encoded.ok) throw new Error(`${encoded.field}: ${encoded.reason}`);
  return encoded.record;
}

const requestIdOf = (tenant: string, artifactId: string, system: string, generation = 0) =>
  deletionRequestId(tenant, 'series-s01', artifactId, system, generation);

describe('retention enforcement in embedded mode: requests, pull API, answers, overdue re-sends, breaches, booked avoided (PostgreSQL)', () => {
  let database: TestDatabase;
  let db: DatabaseHandle;
  let app: INestApplication;
  let url: string;
  let workers: ProjectorWorkers;
  let engineKeyId: string;
  let policyId: string;
  const warnings: string[] = [];
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

  /** The commands on the embedded log: [requestId, sendNumber] in log order. */
  async function commands(): Promise<Array<[string, number]>> {
    const entries = await new EventLogTable(db).readAfter(TOPICS.retentionCommands, null, 1000);
    return entries.map((e) => {
      const p = (e.value as { payload: { requestId: string; sendNumber: number } }).payload;
      return [p.requestId, p.sendNumber];
    });
  }

  const ENFORCE = `mutation($id: ID!, $key: String!) { enforceRetention(policyId: $id, idempotencyKey: $key, reason: "nightly") {
    eventId replayed requestIds alreadyRequested excludedLegalHold excludedProtectedByStatus remaining } }`;
  const REQUESTS = `query($system: String, $status: DeletionRequestStatus) { deletionRequests(system: $system, status: $status) {
    requestId artifactId storageSystem status sendCount bytes deadline co2eGPerDay { nominal } } }`;

  beforeAll(async () => {
    database = await createTestDatabase('retention_enforce_int');
    db = await openPostgres(database.url, { poolSize: 4 });
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant('a');
    await keys.addKey('a', ADMIN_A, ['ingest', 'read', 'admin']);
    await keys.addKey('a', READ_A, ['read']);
    engineKeyId = (await keys.addKey('a', ENGINE_A, ['policy-engine'])).key.id;
    await keys.addKey('a', INGEST_A, ['ingest']);
    await keys.ensureTenant('b');
    await keys.addKey('b', KEY_B);
    const table = new EventLogTable(db);
    const store = new EmissionStore(db);
    workers = await startProjectorWorkers({
      store,
      retentionStore: new RetentionStore(db),
      enforcement: {
        store: new DeletionRequestStore(db),
        sweepIntervalMs: 200,
        resendIntervalMs: 600_000, // one re-send per OVERDUE request within the test
      },
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
      warn: (line) => warnings.push(line),
      progressIntervalMs: 0,
    });
    app = await createGatewayApp({
      queries: new EmissionQueries(db),
      apiKeys: keys,
      factorSets: new ProjectionRegistry(db),
      retention: new RetentionQueries(db),
      enforcement: { requests: new DeletionRequestQueries(db), answerWindowMs: ANSWER_WINDOW_MS },
      insights: insightsReads(db),
      publisher: publisher(),
    });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;

    // ep01 (delivered) ← sh010-v1 (rejected): protected by status.
    // sh020 ← sh020-v1 (rejected) on two systems; sh040-v1 (rejected): candidates.
    // sh030 (held) ← sh030-v1 (rejected): protected by the legal hold.
    await publisher().publish(
      [
        storageSpan(
          'a',
          '0000000000000001',
          { id: 'ep01', status: 'delivered' },
          { bytes: 1e13, media: 'hdd', system: 'isilon-ldn-1' },
        ),
        storageSpan(
          'a',
          '0000000000000002',
          { id: 'sh010-v1', parentId: 'ep01', status: 'rejected' },
          { bytes: 1e13, media: 'hdd', system: 'isilon-ldn-1' },
        ),
        storageSpan(
          'a',
          '0000000000000003',
          { id: 'sh020-v1', parentId: 'sh020', status: 'rejected' },
          { bytes: 1e13, media: 'hdd', system: 'isilon-ldn-1' },
        ),
        storageSpan(
          'a',
          '0000000000000004',
          { id: 'sh020-v1' },
          { bytes: 2e12, media: 'object', system: 's3:vfx-renders' },
        ),
        storageSpan(
          'a',
          '0000000000000005',
          { id: 'sh030-v1', parentId: 'sh030', status: 'rejected' },
          { bytes: 1e13, media: 'hdd', system: 'isilon-ldn-1' },
        ),
        storageSpan(
          'a',
          '0000000000000007',
          { id: 'sh040-v1', status: 'rejected' },
          { bytes: 1e12, media: 'hdd', system: 'isilon-ldn-1' },
        ),
        storageSpan(
          'b',
          '0000000000000006',
          { id: 'sh020-v1', status: 'rejected' },
          { bytes: 1e12, media: 'hdd', system: 'netapp-b' },
        ),
      ].map(record),
    );
    await ok(
      ADMIN_A,
      `mutation { setLegalHold(projectId: "series-s01", artifactId: "sh030", reason: "rights dispute 2026-114") { eventId } }`,
    );
    const defined = await ok(
      ADMIN_A,
      `mutation($input: DefineRetentionPolicyInput!) { defineRetentionPolicy(input: $input) { policyId } }`,
      {
        input: {
          name: 'rejected iterations',
          selector: { statuses: ['rejected'] },
          action: 'DELETE',
          graceDays: 0,
          reason: 'storage plan 2026',
        },
      },
    );
    policyId = defined.defineRetentionPolicy.policyId;
    await waitFor(
      async () => {
        const d = await ok(
          ADMIN_A,
          `{ retentionPolicies { id } legalHolds { artifactId } project(id: "series-s01") { holdings { artifacts } } }`,
        );
        const held = d.project?.holdings?.reduce(
          (n: number, h: { artifacts: number }) => n + h.artifacts,
          0,
        );
        return d.retentionPolicies.length === 1 && d.legalHolds.length === 1 && held === 6 && d;
      },
      { timeoutMs: 30000, description: 'holdings, policy and hold projected' },
    );
  }, 90000);

  afterAll(async () => {
    await app?.close();
    await workers?.stop();
    await db?.close();
    await database?.drop();
  });

  it('enforces a policy: one request per (artifact, system) with a stable id, sent once; re-enforcing emits nothing', async () => {
    // roles: read and ingest cannot enforce; tenant B does not know the policy
    for (const key of [READ_A, INGEST_A]) {
      const body = await gql(key, ENFORCE, { id: policyId, key: 'nightly-1' });
      expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(
      (await gql(KEY_B, ENFORCE, { id: policyId, key: 'nightly-1' })).errors?.[0].extensions?.code,
    ).toBe('BAD_USER_INPUT');

    const first = (await ok(ENGINE_A, ENFORCE, { id: policyId, key: 'nightly-1' }))
      .enforceRetention;
    const expected = [
      requestIdOf('a', 'sh020-v1', 'isilon-ldn-1'),
      requestIdOf('a', 'sh020-v1', 's3:vfx-renders'),
      requestIdOf('a', 'sh040-v1', 'isilon-ldn-1'),
    ];
    expect(first).toMatchObject({
      replayed: false,
      alreadyRequested: 0,
      excludedLegalHold: 1, // sh030-v1 feeds held sh030
      excludedProtectedByStatus: 1, // sh010-v1 feeds delivered ep01
      remaining: 0,
    });
    expect([...first.requestIds].sort()).toEqual([...expected].sort());

    // the sweep sends each request once, on the commands topic of the embedded log
    await waitFor(async () => (await commands()).length === 3, {
      timeoutMs: 20000,
      description: 'three commands sent',
    });
    const pulled = (await ok(ENGINE_A, REQUESTS, { system: 'isilon-ldn-1' })).deletionRequests;
    expect(pulled.map((r: { artifactId: string }) => r.artifactId).sort()).toEqual([
      'sh020-v1',
      'sh040-v1',
    ]);
    // 10 TB HDD: 10 × 24 × 0.65 × 1.5 / 1000 × 200 = 46.8 g/day
    const sh020 = pulled.find((r: { artifactId: string }) => r.artifactId === 'sh020-v1');
    expect(sh020.co2eGPerDay.nominal).toBeCloseTo(46.8, 9);
    expect(sh020.status).toBe('PENDING');

    // the same key again: replayed, nothing emitted; another key: everything already requested
    const again = (await ok(ENGINE_A, ENFORCE, { id: policyId, key: 'nightly-1' }))
      .enforceRetention;
    expect(again).toMatchObject({ replayed: true, eventId: first.eventId });
    expect([...again.requestIds].sort()).toEqual([...first.requestIds].sort());
    const other = (await ok(ENGINE_A, ENFORCE, { id: policyId, key: 'nightly-2' }))
      .enforceRetention;
    expect(other).toMatchObject({ replayed: false, requestIds: [], alreadyRequested: 3 });
    await new Promise((r) => setTimeout(r, 1000)); // two sweeps later, still three commands
    const sent = await commands();
    expect(
      sent
        .filter(([, n]) => n === 1)
        .map(([id]) => id)
        .sort(),
    ).toEqual([...expected].sort());

    // tenant B sees none of it, and cannot answer tenant A's request
    expect((await ok(KEY_B, REQUESTS)).deletionRequests).toEqual([]);
    const foreign = await gql(
      KEY_B,
      `mutation($id: ID!) { confirmDeletion(requestId: $id, deletedBytes: 1) { eventId } }`,
      { id: expected[0] },
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  }, 60000);

  it('confirms one, fails one, lets one go OVERDUE and re-sends it with the same id; books avoided emissions beside emissions', async () => {
    const confirmed = requestIdOf('a', 'sh020-v1', 'isilon-ldn-1');
    const failed = requestIdOf('a', 'sh020-v1', 's3:vfx-renders');
    const ignored = requestIdOf('a', 'sh040-v1', 'isilon-ldn-1');
    await ok(
      ENGINE_A,
      `mutation($id: ID!) { confirmDeletion(requestId: $id, deletedBytes: 1e13, reason: "volume purged") { eventId } }`,
      { id: confirmed },
    );
    await ok(
      ENGINE_A,
      `mutation($id: ID!) { failDeletion(requestId: $id, reason: "object lock until 2027") { eventId } }`,
      { id: failed },
    );
    // a fail without a reason is refused by field
    expect(
      (
        await gql(
          ENGINE_A,
          `mutation($id: ID!) { failDeletion(requestId: $id, reason: " ") { eventId } }`,
          { id: ignored },
        )
      ).errors?.[0].extensions?.code,
    ).toBe('BAD_USER_INPUT');

    const overdue = await waitFor(
      async () => {
        const [c, f, o] = await Promise.all(
          ['CONFIRMED', 'FAILED', 'OVERDUE'].map(
            async (status) => (await ok(READ_A, REQUESTS, { status })).deletionRequests,
          ),
        );
        return (
          c.length === 1 && f.length === 1 && o.length === 1 && o[0].sendCount === 2 && { c, f, o }
        );
      },
      { timeoutMs: 30000, description: 'answers projected and the ignored request re-sent' },
    );
    expect(overdue.c[0].requestId).toBe(confirmed);
    expect(overdue.f[0].requestId).toBe(failed);
    expect(overdue.o[0].requestId).toBe(ignored);
    const sent = await commands();
    expect(sent.filter(([id]) => id === ignored)).toEqual([
      [ignored, 1],
      [ignored, 2],
    ]);
    expect(sent.filter(([id]) => id === confirmed)).toEqual([[confirmed, 1]]);

    // the confirmed holding is gone; the failed one stays
    const holdings = (
      await ok(
        READ_A,
        `{ artifact(projectId: "series-s01", id: "sh020-v1") { holdings { storageSystem } } }`,
      )
    ).artifact.holdings;
    expect(holdings).toEqual([{ storageSystem: 's3:vfx-renders' }]);

    // booked: 46.8 g/day × 365 / 1000 = 17.082 kg/yr (23.4 → 8.541, 70.2 → 25.623)
    const AVOIDED = `{ retentionAvoided { confirmedDeletions bytesDeleted kgCo2ePerYear { low nominal high } kgCo2eToDate { nominal } }
      project(id: "series-s01") { avoidedEmissions { confirmedDeletions kgCo2ePerYear { nominal } } }
      retentionPolicies { id avoided { confirmedDeletions kgCo2ePerYear { nominal } } } }`;
    const booked = await ok(READ_A, AVOIDED);
    expect(booked.retentionAvoided).toMatchObject({ confirmedDeletions: 1, bytesDeleted: 1e13 });
    expect(booked.retentionAvoided.kgCo2ePerYear.nominal).toBeCloseTo(17.082, 9);
    expect(booked.retentionAvoided.kgCo2ePerYear.low).toBeCloseTo(8.541, 9);
    expect(booked.retentionAvoided.kgCo2ePerYear.high).toBeCloseTo(25.623, 9);
    // to date: 46.8 g/day over at most a minute since confirmation < 46.8 / 1440 / 1000 kg
    expect(booked.retentionAvoided.kgCo2eToDate.nominal).toBeGreaterThan(0);
    expect(booked.retentionAvoided.kgCo2eToDate.nominal).toBeLessThan(46.8 / 1440 / 1000);
    expect(booked.project.avoidedEmissions.kgCo2ePerYear.nominal).toBeCloseTo(17.082, 9);
    expect(booked.retentionPolicies[0].avoided.kgCo2ePerYear.nominal).toBeCloseTo(17.082, 9);
    // tenant B books nothing
    expect(
      (await ok(KEY_B, `{ retentionAvoided { confirmedDeletions } }`)).retentionAvoided,
    ).toEqual({
      confirmedDeletions: 0,
    });

    // a failed request may be requested again, under its next generation's id
    const retry = (await ok(ENGINE_A, ENFORCE, { id: policyId, key: 'nightly-3' }))
      .enforceRetention;
    expect(retry.requestIds).toEqual([requestIdOf('a', 'sh020-v1', 's3:vfx-renders', 1)]);
    // the overdue one is never requested twice; the confirmed one holds nothing any more
    expect(retry.alreadyRequested).toBe(1);
  }, 60000);

  it('flags a storage span observed after a confirmed deletion as a policy breach', async () => {
    const now = new Date().toISOString();
    await publisher().publish([
      record(
        storageSpan(
          'a',
          '0000000000000008',
          { id: 'sh020-v1' },
          { bytes: 1e13, media: 'hdd', system: 'isilon-ldn-1' },
          now,
        ),
      ),
    ]);
    const breaches = await waitFor(
      async () => {
        const b = (
          await ok(
            READ_A,
            `{ retentionBreaches { artifactId storageSystem requestId bytes eventId } }`,
          )
        ).retentionBreaches;
        return b.length === 1 && b;
      },
      { timeoutMs: 20000, description: 'breach recorded' },
    );
    expect(breaches[0]).toEqual({
      artifactId: 'sh020-v1',
      storageSystem: 'isilon-ldn-1',
      requestId: requestIdOf('a', 'sh020-v1', 'isilon-ldn-1'),
      bytes: 1e13,
      eventId: activityEventId('a', TRACE, '0000000000000008'),
    });
    expect((await ok(KEY_B, `{ retentionBreaches { requestId } }`)).retentionBreaches).toEqual([]);
  }, 30000);

  it('audits every enforcement, request, answer and re-send with the acting key, append-only', async () => {
    const records = (
      await ok(READ_A, `{ retentionAudit(first: 100) { records { action subject keyId reason } } }`)
    ).retentionAudit.records as Array<{
      action: string;
      subject: string;
      keyId: string;
      reason: string;
    }>;
    const of = (action: string) => records.filter((r) => r.action === action);
    expect(of('ENFORCEMENT').map((r) => [r.subject, r.keyId])).toEqual([
      [policyId, engineKeyId],
      [policyId, engineKeyId],
      [policyId, engineKeyId],
    ]);
    expect(of('DELETION_REQUESTED')).toHaveLength(4); // three, then the failed one's next generation
    expect(of('DELETION_CONFIRMED').map((r) => [r.subject, r.keyId, r.reason])).toEqual([
      [requestIdOf('a', 'sh020-v1', 'isilon-ldn-1'), engineKeyId, 'volume purged'],
    ]);
    expect(of('DELETION_FAILED').map((r) => [r.subject, r.reason])).toEqual([
      [requestIdOf('a', 'sh020-v1', 's3:vfx-renders'), 'object lock until 2027'],
    ]);
    expect(of('DELETION_RESENT').map((r) => [r.subject, r.keyId])).toEqual([
      [requestIdOf('a', 'sh040-v1', 'isilon-ldn-1'), 'greenops:retention-sweep'],
    ]);
    expect(
      (await gql(INGEST_A, `{ deletionRequests { requestId } }`)).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    await expect(
      db.dataSource.query(
        `update retention_audit set reason = 'x' where action = 'DELETION_CONFIRMED'`,
      ),
    ).rejects.toThrow(/append-only/);
  });
  it('passes over bad answers on the confirmations topic by field; the rest of the batch goes through', async () => {
    const retried = requestIdOf('a', 'sh020-v1', 's3:vfx-renders', 1);
    const answer = (tenant: string, requestId: string, type = 'RetentionDeletionFailed') => ({
      topic: TOPICS.retentionConfirmations,
      key: `${tenant}/${requestId}`,
      value: {
        id: deletionRequestId(tenant, 'answer', requestId, type, 0),
        type,
        version: 1,
        tenant,
        projectId: 'series-s01',
        occurredAt: new Date().toISOString(),
        recordedAt: new Date().toISOString(),
        payload: { requestId, actor: { keyId: 'holder:s3', reason: 'bucket gone' } },
      },
    });
    await new EventLogTable(db).append([
      { topic: TOPICS.retentionConfirmations, key: 'x', value: { not: 'an event' } },
      answer('a\u0007', retried), // a control character in the tenant
      answer('a', '00000000-0000-4000-8000-000000000000'), // no such request
      answer('a', retried), // good
    ]);
    await waitFor(
      async () =>
        (await ok(READ_A, `{ deletionRequests(status: FAILED) { requestId } }`)).deletionRequests
          .length === 2,
      { timeoutMs: 20000, description: 'the good answer projected' },
    );
    const skipped = warnings.filter((w) => w.startsWith('retention: skipped answer'));
    expect(skipped).toHaveLength(3);
    expect(skipped[0]).toMatch(/: type: /);
    expect(skipped[1]).toMatch(/enforcement\[0\]\.tenant: must not contain control characters$/);
    expect(skipped[2]).toMatch(
      /payload\.requestId: no deletion request of this tenant has that id$/,
    );
  }, 30000);
});

describe('retention enforcement of a MOVE policy in embedded mode: move commands, answers, new tier, breaches, booked tier difference (PostgreSQL)', () => {
  const ADMIN = 'move-int-admin-m-0123456789abcd';
  const READ = 'move-int-read-m-01234567890abcd';
  const ENGINE = 'move-int-engine-m-0123456789abc';
  let database: TestDatabase;
  let db: DatabaseHandle;
  let app: INestApplication;
  let url: string;
  let workers: ProjectorWorkers;
  let engineKeyId: string;
  let policyId: string;
  const publisher = () => new EmbeddedEventLogPublisher(new EventLogTable(db));
  const moveId = (artifactId: string, system: string, generation = 0) =>
    moveRequestId('m', 'series-s01', artifactId, system, 'tape', generation);

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
  /** The commands on the embedded log: [type, requestId, sendNumber, fromMedia, toMedia]. */
  async function commands(): Promise<Array<[string, string, number, string?, string?]>> {
    const entries = await new EventLogTable(db).readAfter(TOPICS.retentionCommands, null, 1000);
    return entries.map((e) => {
      const v = e.value as {
        type: string;
        payload: { requestId: string; sendNumber: number; fromMedia?: string; toMedia?: string };
      };
      return [
        v.type,
        v.payload.requestId,
        v.payload.sendNumber,
        v.payload.fromMedia,
        v.payload.toMedia,
      ];
    });
  }
  const ENFORCE = `mutation($id: ID!, $key: String!) { enforceRetention(policyId: $id, idempotencyKey: $key) {
    eventId replayed requestIds alreadyRequested excludedLegalHold } }`;
  const MOVES = `query($status: DeletionRequestStatus) { deletionRequests(action: MOVE, status: $status, first: 10) {
    requestId artifactId storageSystem action fromMedia toMedia status sendCount movedBytes
    co2eGPerDay { low nominal high } } }`;

  beforeAll(async () => {
    database = await createTestDatabase('retention_move_int');
    db = await openPostgres(database.url, { poolSize: 4 });
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant('m');
    await keys.addKey('m', ADMIN, ['ingest', 'read', 'admin']);
    await keys.addKey('m', READ, ['read']);
    engineKeyId = (await keys.addKey('m', ENGINE, ['policy-engine'])).key.id;
    const table = new EventLogTable(db);
    const store = new EmissionStore(db);
    workers = await startProjectorWorkers({
      store,
      retentionStore: new RetentionStore(db),
      enforcement: {
        store: new DeletionRequestStore(db),
        sweepIntervalMs: 200,
        resendIntervalMs: 600_000,
      },
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
      warn: () => undefined,
      progressIntervalMs: 0,
    });
    app = await createGatewayApp({
      queries: new EmissionQueries(db),
      apiKeys: keys,
      factorSets: new ProjectionRegistry(db),
      retention: new RetentionQueries(db),
      enforcement: { requests: new DeletionRequestQueries(db), answerWindowMs: ANSWER_WINDOW_MS },
      insights: insightsReads(db),
      publisher: publisher(),
    });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
    // mv010-v1: 10 TB HDD; mv020-v1: 2 TB object (3 copies); mv030-v1 already on tape;
    // mv040-v1 under a legal hold. All rejected.
    await publisher().publish(
      [
        storageSpan(
          'm',
          '00000000000000a1',
          { id: 'mv010-v1', status: 'rejected' },
          { bytes: 1e13, media: 'hdd', system: 'isilon-ldn-1' },
        ),
        storageSpan(
          'm',
          '00000000000000a2',
          { id: 'mv020-v1', status: 'rejected' },
          { bytes: 2e12, media: 'object', system: 's3:vfx-renders' },
        ),
        storageSpan(
          'm',
          '00000000000000a3',
          { id: 'mv030-v1', status: 'rejected' },
          { bytes: 1e13, media: 'tape', system: 'lto-ldn-1' },
        ),
        storageSpan(
          'm',
          '00000000000000a4',
          { id: 'mv040-v1', status: 'rejected' },
          { bytes: 1e13, media: 'hdd', system: 'isilon-ldn-1' },
        ),
      ].map(record),
    );
    await ok(
      ADMIN,
      `mutation { setLegalHold(projectId: "series-s01", artifactId: "mv040-v1", reason: "litigation 2026-7") { eventId } }`,
    );
    policyId = (
      await ok(
        ADMIN,
        `mutation($input: DefineRetentionPolicyInput!) { defineRetentionPolicy(input: $input) { policyId } }`,
        {
          input: {
            name: 'rejected to tape',
            selector: { statuses: ['rejected'] },
            action: 'MOVE',
            toMedia: 'tape',
            graceDays: 0,
            reason: 'storage plan 2026',
          },
        },
      )
    ).defineRetentionPolicy.policyId;
    await waitFor(
      async () => {
        const d = await ok(
          ADMIN,
          `{ retentionPolicies { id } legalHolds { artifactId } project(id: "series-s01") { holdings { artifacts } } }`,
        );
        const held = d.project?.holdings?.reduce(
          (n: number, h: { artifacts: number }) => n + h.artifacts,
          0,
        );
        return d.retentionPolicies.length === 1 && d.legalHolds.length === 1 && held === 4;
      },
      { timeoutMs: 30000, description: 'holdings, policy and hold projected' },
    );
  }, 90000);

  afterAll(async () => {
    await app?.close();
    await workers?.stop();
    await db?.close();
    await database?.drop();
  });

  // Storage model (docs/methodology.md; libs/factors storage.factors.ts, Cloud Carbon Footprint
  // coefficients, 2021: HDD and object 0.65 (0.325–0.975) Wh/TB-h, object 3 copies; tape 0.065
  // (0–0.65) Wh/TB-h, GreenOps assumption 2026, 1 copy), PUE 1.5, 200 g CO2e/kWh:
  //   mv010-v1 10 TB HDD:     10 × 24 × 0.65 × 1.5 / 1000 × 200      = 46.8  g/day (23.4–70.2)
  //            on tape:       10 × 24 × 0.065 × 1.5 / 1000 × 200     = 4.68  g/day (0–46.8)
  //            avoided:       46.8 − 4.68 = 42.12; low 23.4 − 46.8 → 0; high 70.2 − 0 = 70.2
  //   mv020-v1 2 TB object:   2 × 24 × 3 × 0.65 × 1.5 / 1000 × 200   = 28.08 g/day (14.04–42.12)
  //            on tape (1×):  2 × 24 × 0.065 × 1.5 / 1000 × 200      = 0.936 g/day (0–9.36)
  //            avoided:       28.08 − 0.936 = 27.144; low 14.04 − 9.36 = 4.68; high 42.12
  it("enforces a MOVE policy: one move per holding not on tape and not held, the preview's avoided figure, move commands", async () => {
    const preview = (
      await ok(
        READ,
        `query($id: ID!) { retentionPreview(policyId: $id) { candidates { artifactId avoidedKgCo2ePerYear { nominal } } } }`,
        { id: policyId },
      )
    ).retentionPreview;
    // 42.12 × 365 / 1000 = 15.3738 kg/yr; 27.144 × 365 / 1000 = 9.90756 kg/yr
    const previewed = Object.fromEntries(
      preview.candidates.map(
        (c: { artifactId: string; avoidedKgCo2ePerYear: { nominal: number } }) => [
          c.artifactId,
          c.avoidedKgCo2ePerYear.nominal,
        ],
      ),
    );
    expect(Object.keys(previewed).sort()).toEqual(['mv010-v1', 'mv020-v1']);
    expect(previewed['mv010-v1']).toBeCloseTo(15.3738, 9);
    expect(previewed['mv020-v1']).toBeCloseTo(9.90756, 9);

    expect(
      (await gql(READ, ENFORCE, { id: policyId, key: 'tape-1' })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const first = (await ok(ENGINE, ENFORCE, { id: policyId, key: 'tape-1' })).enforceRetention;
    const expected = [moveId('mv010-v1', 'isilon-ldn-1'), moveId('mv020-v1', 's3:vfx-renders')];
    expect([...first.requestIds].sort()).toEqual([...expected].sort());
    expect(first).toMatchObject({ replayed: false, alreadyRequested: 0, excludedLegalHold: 1 });
    // a move never shares an id with a deletion of the same holding
    expect(expected).not.toContain(
      deletionRequestId('m', 'series-s01', 'mv010-v1', 'isilon-ldn-1', 0),
    );

    await waitFor(async () => (await commands()).length === 2, {
      timeoutMs: 20000,
      description: 'two move commands sent',
    });
    expect((await commands()).sort()).toEqual(
      [
        ['RetentionMoveRequested', expected[0], 1, 'hdd', 'tape'],
        ['RetentionMoveRequested', expected[1], 1, 'object', 'tape'],
      ].sort(),
    );
    // the pull API lists moves only when asked: a deletion poller never sees one
    expect((await ok(ENGINE, `{ deletionRequests { requestId } }`)).deletionRequests).toEqual([]);
    const moves = (await ok(ENGINE, MOVES)).deletionRequests;
    const mv010 = moves.find((r: { artifactId: string }) => r.artifactId === 'mv010-v1');
    expect(mv010).toMatchObject({
      action: 'MOVE',
      fromMedia: 'hdd',
      toMedia: 'tape',
      status: 'PENDING',
    });
    expect(mv010.co2eGPerDay.nominal).toBeCloseTo(42.12, 9);
    expect(mv010.co2eGPerDay.low).toBe(0);
    expect(mv010.co2eGPerDay.high).toBeCloseTo(70.2, 9);

    const again = (await ok(ENGINE, ENFORCE, { id: policyId, key: 'tape-1' })).enforceRetention;
    expect(again).toMatchObject({ replayed: true, eventId: first.eventId });
    const other = (await ok(ENGINE, ENFORCE, { id: policyId, key: 'tape-2' })).enforceRetention;
    expect(other).toMatchObject({ replayed: false, requestIds: [], alreadyRequested: 2 });
  }, 60000);

  it('confirms one move and fails one; the holding is on tape at the tape rate; books the tier difference beside emissions', async () => {
    const moved = moveId('mv010-v1', 'isilon-ldn-1');
    const failed = moveId('mv020-v1', 's3:vfx-renders');
    // a move is answered as a move
    const wrong = await gql(
      ENGINE,
      `mutation($id: ID!) { confirmDeletion(requestId: $id, deletedBytes: 1e13) { eventId } }`,
      { id: moved },
    );
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].message).toMatch(/MOVE request/);
    expect(
      (
        await gql(
          READ,
          `mutation($id: ID!) { confirmMove(requestId: $id, movedBytes: 1e13) { eventId } }`,
          { id: moved },
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    await ok(
      ENGINE,
      `mutation($id: ID!) { confirmMove(requestId: $id, movedBytes: 1e13, reason: "written to LTO-9") { eventId } }`,
      { id: moved },
    );
    await ok(
      ENGINE,
      `mutation($id: ID!) { failMove(requestId: $id, reason: "tape library offline") { eventId } }`,
      { id: failed },
    );
    await waitFor(
      async () => {
        const [c, f] = await Promise.all(
          ['CONFIRMED', 'FAILED'].map(
            async (status) => (await ok(READ, MOVES, { status })).deletionRequests,
          ),
        );
        return (
          c.length === 1 && f.length === 1 && c[0].requestId === moved && c[0].movedBytes === 1e13
        );
      },
      { timeoutMs: 20000, description: 'move answers projected' },
    );
    const holding = (
      await ok(
        READ,
        `{ artifact(projectId: "series-s01", id: "mv010-v1") { holdings { storageSystem media co2eGPerDay { low nominal high } } } }`,
      )
    ).artifact.holdings;
    expect(holding).toHaveLength(1);
    expect(holding[0]).toMatchObject({ storageSystem: 'isilon-ldn-1', media: 'tape' });
    expect(holding[0].co2eGPerDay.nominal).toBeCloseTo(4.68, 9);
    expect(holding[0].co2eGPerDay.high).toBeCloseTo(46.8, 9);

    // booked: 42.12 g/day × 365 / 1000 = 15.3738 kg/yr (low 0, high 70.2 × 0.365 = 25.623)
    const booked = await ok(
      READ,
      `{ retentionAvoided { confirmedDeletions confirmedMoves bytesMoved kgCo2ePerYear { low nominal high } }
           retentionPolicies { avoided { confirmedMoves kgCo2ePerYear { nominal } } } }`,
    );
    expect(booked.retentionAvoided).toMatchObject({
      confirmedDeletions: 0,
      confirmedMoves: 1,
      bytesMoved: 1e13,
    });
    expect(booked.retentionAvoided.kgCo2ePerYear.nominal).toBeCloseTo(15.3738, 9);
    expect(booked.retentionAvoided.kgCo2ePerYear.low).toBe(0);
    expect(booked.retentionAvoided.kgCo2ePerYear.high).toBeCloseTo(25.623, 9);
    expect(booked.retentionPolicies[0].avoided.kgCo2ePerYear.nominal).toBeCloseTo(15.3738, 9);
  }, 60000);

  it('requests a failed move again under its next id, lets it go OVERDUE and re-sends it with the same id', async () => {
    const retry = (await ok(ENGINE, ENFORCE, { id: policyId, key: 'tape-3' })).enforceRetention;
    // mv010-v1 is on tape now: no longer a candidate; mv020-v1's move failed: next generation
    expect(retry.requestIds).toEqual([moveId('mv020-v1', 's3:vfx-renders', 1)]);
    const overdue = await waitFor(
      async () => {
        const o = (await ok(READ, MOVES, { status: 'OVERDUE' })).deletionRequests;
        return o.length === 1 && o[0].sendCount === 2 && o;
      },
      { timeoutMs: 30000, description: 'the retried move re-sent once overdue' },
    );
    expect(overdue[0].requestId).toBe(retry.requestIds[0]);
    expect((await commands()).filter(([, id]) => id === retry.requestIds[0])).toEqual([
      ['RetentionMoveRequested', retry.requestIds[0], 1, 'object', 'tape'],
      ['RetentionMoveRequested', retry.requestIds[0], 2, 'object', 'tape'],
    ]);
  }, 60000);

  it('flags bytes seen again on the old tier after a confirmed move as a breach, not those on the new tier', async () => {
    const later = (ms: number) => new Date(Date.now() + ms).toISOString();
    await publisher().publish(
      [
        storageSpan(
          'm',
          '00000000000000b1',
          { id: 'mv010-v1' },
          { bytes: 1e13, media: 'tape', system: 'isilon-ldn-1' },
          later(0),
        ),
        storageSpan(
          'm',
          '00000000000000b2',
          { id: 'mv010-v1' },
          { bytes: 1e13, media: 'hdd', system: 'isilon-ldn-1' },
          later(1000),
        ),
      ].map(record),
    );
    const breaches = await waitFor(
      async () => {
        const b = (await ok(READ, `{ retentionBreaches { artifactId requestId eventId } }`))
          .retentionBreaches;
        return b.length > 0 && b;
      },
      { timeoutMs: 20000, description: 'breach recorded' },
    );
    expect(breaches).toEqual([
      {
        artifactId: 'mv010-v1',
        requestId: moveId('mv010-v1', 'isilon-ldn-1'),
        eventId: activityEventId('m', TRACE, '00000000000000b2'),
      },
    ]);
  }, 30000);

  it('audits move requests, answers and re-sends with the acting key', async () => {
    const records = (
      await ok(READ, `{ retentionAudit(first: 100) { records { action subject keyId reason } } }`)
    ).retentionAudit.records as Array<{
      action: string;
      subject: string;
      keyId: string;
      reason: string;
    }>;
    const of = (action: string) => records.filter((r) => r.action === action);
    expect(of('MOVE_REQUESTED')).toHaveLength(3);
    expect(of('DELETION_REQUESTED')).toHaveLength(0);
    expect(of('MOVE_CONFIRMED').map((r) => [r.subject, r.keyId, r.reason])).toEqual([
      [moveId('mv010-v1', 'isilon-ldn-1'), engineKeyId, 'written to LTO-9'],
    ]);
    expect(of('MOVE_FAILED').map((r) => [r.subject, r.reason])).toEqual([
      [moveId('mv020-v1', 's3:vfx-renders'), 'tape library offline'],
    ]);
    expect(of('MOVE_RESENT').map((r) => [r.subject, r.keyId])).toEqual([
      [moveId('mv020-v1', 's3:vfx-renders', 1), 'greenops:retention-sweep'],
    ]);
  });
});

describe('retention enforcement: a sender killed halfway (PostgreSQL)', () => {
  let database: TestDatabase;
  let db: DatabaseHandle;
  const TENANT = 'kill';

  beforeAll(async () => {
    database = await createTestDatabase('retention_enforce_kill');
    db = await openPostgres(database.url, { poolSize: 4 });
  }, 60000);
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  /** A publisher that dies on its n-th call, before (or after) writing. */
  function dyingPublisher(inner: EventLogPublisher, dieOnCall: number, afterWrite: boolean) {
    let calls = 0;
    return {
      publish: async (records: readonly LogRecord[]) => {
        calls += 1;
        if (calls === dieOnCall && !afterWrite) throw new Error('killed before publishing');
        await inner.publish(records);
        if (calls === dieOnCall && afterWrite) throw new Error('killed after publishing');
      },
      close: async () => undefined,
    };
  }

  it('after a restart every candidate has exactly one request id, sent; none lost, none doubled', async () => {
    const store = new RetentionStore(db);
    const requestIds = ['a1', 'a2', 'a3', 'a4', 'a5'].map((a) =>
      deletionRequestId(TENANT, 'p', a, 'isilon', 0),
    );
    const decision = {
      type: 'deletionsDecided' as const,
      tenant: TENANT,
      eventId: '6d1e0c2a-4b7f-5a3e-9c8d-2f1b0a9e8d7c',
      occurredAt: new Date(Date.now() - 1000).toISOString(),
      keyId: 'engine',
      reason: 'test',
      idempotencyKey: 'k',
      policyId: null,
      policyRef: 'opa:retention/allow',
      requests: requestIds.map((requestId, i) => ({
        requestId,
        projectId: 'p',
        artifactId: `a${i + 1}`,
        storageSystem: 'isilon',
        uri: null,
        bytes: 1e12,
        co2eGPerDay: { low: 2.34, nominal: 4.68, high: 7.02 },
        deadline: new Date(Date.now() + 3600_000).toISOString(),
      })),
    };
    // the projector died after committing once and re-reads the decision: still five requests
    const batch = { holdings: [], changes: [], enforcement: [decision], offsets: [] };
    await store.commitRetentionBatch(batch);
    await store.commitRetentionBatch(batch);

    const log = new EmbeddedEventLogPublisher(new EventLogTable(db));
    const requests = new DeletionRequestStore(db);
    const sender = (publisher: EventLogPublisher, leaseMs: number) =>
      new DeletionRequestDispatcher({
        store: requests,
        publisher,
        sweepIntervalMs: 1000,
        resendIntervalMs: 3600_000,
        leaseMs,
        batchSize: 2,
        warn: () => undefined,
      });
    // first sender: batch 1 sent and recorded; batch 2 published but the process dies before
    // recording it; batch 3 never claimed
    await expect(sender(dyingPublisher(log, 2, true), 500).sweep()).rejects.toThrow(/killed/);
    // a second sender dies before publishing its first batch (batch 3 claimed, never sent)
    await expect(sender(dyingPublisher(log, 1, false), 500).sweep()).rejects.toThrow(/killed/);
    await new Promise((r) => setTimeout(r, 600)); // the dead senders' leases expire
    expect(await sender(log, 60_000).sweep()).toBe(3); // batch 2 again (same ids) and batch 3

    const entries = await new EventLogTable(db).readAfter(TOPICS.retentionCommands, null, 100);
    const sent = entries.map(
      (e) => (e.value as { payload: { requestId: string } }).payload.requestId,
    );
    // 2 + 2 (died before recording) + 2 again + 1 = 7 sends of 5 distinct ids
    expect([...new Set(sent)].sort()).toEqual([...requestIds].sort());
    expect(sent).toHaveLength(7);
    const rows: Array<{ request_id: string; send_count: number }> = await db.dataSource.query(
      `select request_id::text, send_count from retention_deletion_requests where tenant_id = $1 order by request_id`,
      [TENANT],
    );
    expect(rows.map((r) => r.request_id)).toEqual([...requestIds].sort());
    expect(rows.every((r) => r.send_count === 1)).toBe(true);
    // nothing left to send until the deadline
    expect(await sender(log, 60_000).sweep()).toBe(0);
  }, 30000);
});
