import { randomBytes } from 'node:crypto';
import { deletionRequestId, moveRequestId } from '@greenops/contracts';
import { ApiKeyStore, openPostgres, type DatabaseHandle } from '@greenops/persistence';
import { createTestDatabase, freePort, kafkaBrokers, waitFor } from '@greenops/testing';
import { graphql } from './support/graphql-client';
import type { ReceivedCommand } from './support/media-holder';
import { OtelSender, type SpanSpec } from './support/otel-senders';
import { ServiceProcess } from './support/service-process';

const DAY_MS = 86_400_000;

/**
 * Retention enforcement in distributed mode (docs/retention.md): ingest, projector and gateway
 * as processes, a real Kafka broker and PostgreSQL; storage spans sent by the OTel SDK's
 * OTLP/HTTP exporter; a media holder — its own OS process (e2e/support/media-holder-process.ts)
 * — consuming greenops.retention.commands.v1 with kafkajs and answering on
 * greenops.retention.confirmations.v1: it confirms sh020-v1 on both systems, fails sh050-v1 and
 * ignores sh040-v1, which goes OVERDUE and is re-sent with the same id; then it confirms the
 * move of sh060-plates to tape. It reports what it saw as stdout lines, which this spec reads.
 */
describe('retention enforcement, distributed mode (Kafka + PostgreSQL + a media holder on Kafka)', () => {
  const run = randomBytes(4).toString('hex');
  const tenantA = `studio-a-${run}`;
  const tenantB = `studio-b-${run}`;
  const adminA = `key-admin-${randomBytes(24).toString('hex')}`;
  const engineA = `key-engine-${randomBytes(24).toString('hex')}`;
  const readA = `key-read-${randomBytes(24).toString('hex')}`;
  const keyB = `key-b-${randomBytes(24).toString('hex')}`;
  let engineKeyId: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DatabaseHandle;
  let ingest: ServiceProcess;
  let projector: ServiceProcess;
  let gateway: ServiceProcess;
  let holder: ServiceProcess;
  let httpUrl: string;
  let graphqlUrl: string;

  async function gql(key: string, query: string, variables: Record<string, unknown> = {}) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes vary per query
    return (await graphql<Record<string, any>>(graphqlUrl, key, query, variables)).body;
  }
  async function ok(key: string, query: string, variables: Record<string, unknown> = {}) {
    const body = await gql(key, query, variables);
    if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }
  const requestIdOf = (artifactId: string, system: string) =>
    deletionRequestId(tenantA, 'series-s01', artifactId, system, 0);

  beforeAll(async () => {
    database = await createTestDatabase('e2e_retention_dist');
    db = await openPostgres(database.url);
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant(tenantA);
    await keys.addKey(tenantA, adminA, ['ingest', 'read', 'admin']);
    engineKeyId = (await keys.addKey(tenantA, engineA, ['policy-engine'])).key.id;
    await keys.addKey(tenantA, readA, ['read']);
    await keys.ensureTenant(tenantB);
    await keys.addKey(tenantB, keyB);

    const [httpPort, grpcPort, graphqlPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const common = {
      GREENOPS_DATABASE_URL: database.url,
      GREENOPS_KAFKA_BROKERS: kafkaBrokers().join(','),
    };
    ingest = ServiceProcess.built('ingest', 'dist/apps/ingest/src/main.js', {
      ...common,
      GREENOPS_OTLP_HTTP_PORT: String(httpPort),
      GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
    });
    projector = ServiceProcess.built('projector', 'dist/apps/projector/src/main.js', {
      ...common,
      GREENOPS_PROJECTOR_GROUP: `projector-retention-${run}`,
      GREENOPS_PROJECTOR_PORT: process.env.GREENOPS_PROJECTOR_PORT ?? String(await freePort()),
      GREENOPS_RETENTION_SWEEP_INTERVAL: '500ms',
      GREENOPS_RETENTION_RESEND_INTERVAL: '10m',
    });
    gateway = ServiceProcess.built('gateway', 'dist/apps/gateway/src/main.js', {
      ...common,
      GREENOPS_GRAPHQL_PORT: String(graphqlPort),
      // graceDays 0 + 10 s: a request unanswered 10 s after enforcement is OVERDUE
      GREENOPS_RETENTION_ANSWER_WINDOW: '10s',
    });
    await Promise.all([
      ingest.start(/OTLP\/gRPC at/),
      projector.start(/consuming/),
      gateway.start(/GraphQL at/),
    ]);
    httpUrl = `http://127.0.0.1:${httpPort}/v1/traces`;
    graphqlUrl = `http://127.0.0.1:${graphqlPort}/graphql`;
    holder = ServiceProcess.built('media-holder', 'dist/e2e/support/media-holder-process.js', {
      GREENOPS_KAFKA_BROKERS: kafkaBrokers().join(','),
      HOLDER_TENANT: tenantA,
      HOLDER_GROUP: `media-holder-${run}`,
      HOLDER_ANSWERS: JSON.stringify({
        'sh020-v1': 'confirm',
        'sh050-v1': 'fail',
        'sh040-v1': 'ignore',
        'sh060-plates': 'confirm',
      }),
    });
    await holder.start(/media-holder ready/, 60000);
  }, 180000);

  /** The commands the holder process reported receiving, in order. */
  const received = (): ReceivedCommand[] =>
    holder.log
      .split('\n')
      .filter((line) => line.startsWith('media-holder received '))
      .map((line) => JSON.parse(line.slice('media-holder received '.length)) as ReceivedCommand);

  afterAll(async () => {
    await holder?.stop();
    await Promise.all([ingest?.stop(), projector?.stop(), gateway?.stop()]);
    await db?.close();
    await database?.drop();
  });

  it('enforces a policy through Kafka: confirmations, a failure, an overdue re-send, booked avoided kg CO2e a year', async () => {
    const start = Date.now() - 90 * DAY_MS;
    // one hour of holding at PUE 1.5 and 200 g/kWh: only the storage factors vary
    const span = (
      artifact: Record<string, string>,
      storage: Record<string, string | number>,
    ): SpanSpec => ({
      name: `hold ${artifact['greenops.artifact.id']}`,
      startMs: start,
      durationS: 3600,
      attributes: {
        'greenops.project.id': 'series-s01',
        'greenops.activity.kind': 'storage',
        'greenops.pue': 1.5,
        'greenops.carbon_intensity.g_per_kwh': 200,
        ...artifact,
        ...storage,
      },
    });
    const hdd10 = (system: string) => ({
      'greenops.storage.bytes': 1e13,
      'greenops.storage.media': 'hdd',
      'greenops.storage.system': system,
    });
    const rejected = (id: string, parent?: string) => ({
      'greenops.artifact.id': id,
      'greenops.artifact.status': 'rejected',
      ...(parent ? { 'greenops.artifact.parent.id': parent } : {}),
    });
    const sender = OtelSender.httpProtobuf(httpUrl, adminA);
    await sender.send([
      span(
        { 'greenops.artifact.id': 'ep01', 'greenops.artifact.status': 'delivered' },
        hdd10('isilon-ldn-1'),
      ),
      span(rejected('sh010-v1', 'ep01'), hdd10('isilon-ldn-1')),
      span(rejected('sh020-v1', 'sh020'), hdd10('isilon-ldn-1')),
      span(
        { 'greenops.artifact.id': 'sh020-v1' },
        {
          'greenops.storage.bytes': 2e12,
          'greenops.storage.media': 'object',
          'greenops.storage.system': 's3:vfx-renders',
        },
      ),
      span(rejected('sh030-v1', 'sh030'), hdd10('isilon-ldn-1')),
      span(rejected('sh040-v1'), hdd10('isilon-par-2')),
      span(rejected('sh050-v1'), hdd10('netapp-1')),
      span(
        { 'greenops.artifact.id': 'sh060-plates', 'greenops.artifact.status': 'archived' },
        hdd10('isilon-arc-1'),
      ),
    ]);
    await sender.shutdown();
    await waitFor(
      async () => {
        const h = (await ok(readA, `{ project(id: "series-s01") { holdings { artifacts } } }`))
          .project?.holdings as Array<{ artifacts: number }> | undefined;
        return h?.reduce((n, x) => n + x.artifacts, 0) === 8;
      },
      { timeoutMs: 60000, description: `8 holdings projected (projector log:\n${projector.log})` },
    );
    const EMISSIONS = `{ project(id: "series-s01") { emissions { co2eG } } }`;
    const emissionsBefore = (await ok(readA, EMISSIONS)).project.emissions.co2eG;

    await ok(
      adminA,
      `mutation { setLegalHold(projectId: "series-s01", artifactId: "sh030", reason: "rights dispute 2026-114") { eventId } }`,
    );
    const policyId: string = (
      await ok(
        adminA,
        `mutation { defineRetentionPolicy(input: { name: "rejected iterations", selector: { statuses: ["rejected"] }, action: DELETE, graceDays: 0 }) { policyId } }`,
      )
    ).defineRetentionPolicy.policyId;
    await waitFor(
      async () =>
        (await ok(readA, `{ retentionPolicies { id } legalHolds { artifactId } }`)).legalHolds
          .length === 1 &&
        (await ok(readA, `{ retentionPolicies { id } }`)).retentionPolicies.length === 1,
      { timeoutMs: 30000, description: 'policy and hold projected' },
    );

    const ENFORCE = `mutation($id: ID!, $key: String!) { enforceRetention(policyId: $id, idempotencyKey: $key) {
      eventId replayed requestIds excludedLegalHold excludedProtectedByStatus } }`;
    // a read key cannot enforce; tenant B does not know the policy
    expect(
      (await gql(readA, ENFORCE, { id: policyId, key: 'k1' })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await gql(keyB, ENFORCE, { id: policyId, key: 'k1' })).errors?.[0].extensions?.code,
    ).toBe('BAD_USER_INPUT');
    const enforced = (await ok(engineA, ENFORCE, { id: policyId, key: 'k1' })).enforceRetention;
    const ids = {
      sh020Isilon: requestIdOf('sh020-v1', 'isilon-ldn-1'),
      sh020S3: requestIdOf('sh020-v1', 's3:vfx-renders'),
      sh040: requestIdOf('sh040-v1', 'isilon-par-2'),
      sh050: requestIdOf('sh050-v1', 'netapp-1'),
    };
    expect([...enforced.requestIds].sort()).toEqual(Object.values(ids).sort());
    expect(enforced.excludedLegalHold).toBe(1); // sh030-v1 feeds held sh030
    expect(enforced.excludedProtectedByStatus).toBe(1); // sh010-v1 feeds delivered ep01

    // a retry at once is the same event with the same ids: published again (recorded once) if
    // the decision is not projected yet, else answered from the recorded decision
    const retried = (await ok(engineA, ENFORCE, { id: policyId, key: 'k1' })).enforceRetention;
    expect(retried.eventId).toBe(enforced.eventId);
    expect([...retried.requestIds].sort()).toEqual(Object.values(ids).sort());

    const REQUESTS = `query($status: DeletionRequestStatus) { deletionRequests(status: $status) { requestId sendCount } }`;
    const settled = await waitFor(
      async () => {
        const [c, f, o] = await Promise.all(
          ['CONFIRMED', 'FAILED', 'OVERDUE'].map(
            async (status) =>
              (await ok(readA, REQUESTS, { status })).deletionRequests as Array<{
                requestId: string;
                sendCount: number;
              }>,
          ),
        );
        return (
          c.length === 2 && f.length === 1 && o.length === 1 && o[0].sendCount >= 2 && { c, f, o }
        );
      },
      {
        timeoutMs: 90000,
        description: `answers and an overdue re-send (projector log:\n${projector.log})`,
      },
    );
    expect(settled.c.map((r) => r.requestId).sort()).toEqual([ids.sh020Isilon, ids.sh020S3].sort());
    expect(settled.f.map((r) => r.requestId)).toEqual([ids.sh050]);
    expect(settled.o.map((r) => r.requestId)).toEqual([ids.sh040]);

    // re-enforcing with the same key once it is recorded: replayed with the same ids, nothing emitted
    const again = (await ok(engineA, ENFORCE, { id: policyId, key: 'k1' })).enforceRetention;
    expect(again).toMatchObject({ replayed: true, eventId: enforced.eventId });
    expect([...again.requestIds].sort()).toEqual(Object.values(ids).sort());

    // the holder got each request once, and the ignored one again with the same id
    await waitFor(async () => received().filter((r) => r.requestId === ids.sh040).length >= 2, {
      timeoutMs: 30000,
      description: 'the overdue request re-sent to the holder',
    });
    const firstSends = received().filter((r: ReceivedCommand) => r.sendNumber === 1);
    expect(firstSends.map((r) => r.requestId).sort()).toEqual(Object.values(ids).sort());
    expect(
      received()
        .filter((r) => r.requestId === ids.sh040)
        .map((r) => r.sendNumber)
        .slice(0, 2),
    ).toEqual([1, 2]);

    // booked: (46.8 + 28.08) g/day × 365 / 1000 = 27.3312 kg CO2e a year (13.6656–40.9968),
    // where 10 TB HDD = 10 × 24 × 0.65 × 1.5 / 1000 × 200 = 46.8 g/day and 2 TB object × 3
    // copies = 2 × 24 × 3 × 0.65 × 1.5 / 1000 × 200 = 28.08 g/day
    const booked = await ok(
      readA,
      `{ project(id: "series-s01") { emissions { co2eG } avoidedEmissions { confirmedDeletions bytesDeleted kgCo2ePerYear { low nominal high } } } }`,
    );
    expect(booked.project.avoidedEmissions).toMatchObject({
      confirmedDeletions: 2,
      bytesDeleted: 1.2e13,
    });
    expect(booked.project.avoidedEmissions.kgCo2ePerYear.nominal).toBeCloseTo(27.3312, 9);
    expect(booked.project.avoidedEmissions.kgCo2ePerYear.low).toBeCloseTo(13.6656, 9);
    expect(booked.project.avoidedEmissions.kgCo2ePerYear.high).toBeCloseTo(40.9968, 9);
    // beside emissions, never subtracted from them
    expect(booked.project.emissions.co2eG).toBe(emissionsBefore);
    // the confirmed holdings are gone; the failed and ignored ones stay
    const left = (
      await ok(readA, `{ project(id: "series-s01") { holdings { storageSystem artifacts } } }`)
    ).project.holdings as Array<{ storageSystem: string; artifacts: number }>;
    expect(left.map((h) => [h.storageSystem, h.artifacts])).toEqual([
      ['isilon-arc-1', 1], // sh060-plates, archived: not a rejected iteration
      ['isilon-ldn-1', 3], // ep01, sh010-v1, sh030-v1
      ['isilon-par-2', 1],
      ['netapp-1', 1],
    ]);

    // audited with the acting key: the engine's enforcement, the holder's answers
    const audit = (
      await ok(readA, `{ retentionAudit(first: 100) { records { action subject keyId } } }`)
    ).retentionAudit.records as Array<{ action: string; subject: string; keyId: string }>;
    expect(audit.filter((r) => r.action === 'ENFORCEMENT')).toEqual([
      { action: 'ENFORCEMENT', subject: policyId, keyId: engineKeyId },
    ]);
    expect(
      audit
        .filter((r) => r.action === 'DELETION_CONFIRMED')
        .map((r) => r.keyId)
        .sort(),
    ).toEqual(['holder:isilon-ldn-1', 'holder:s3:vfx-renders']);
    expect(audit.filter((r) => r.action === 'DELETION_RESENT').map((r) => r.subject)).toContain(
      ids.sh040,
    );

    // a MOVE policy: archived plates to tape, through the same holder process
    const movePolicyId: string = (
      await ok(
        adminA,
        `mutation { defineRetentionPolicy(input: { name: "archived plates to tape", selector: { statuses: ["archived"] }, action: MOVE, toMedia: "tape", graceDays: 0 }) { policyId } }`,
      )
    ).defineRetentionPolicy.policyId;
    await waitFor(
      async () => (await ok(readA, `{ retentionPolicies { id } }`)).retentionPolicies.length === 2,
      { timeoutMs: 30000, description: 'MOVE policy projected' },
    );
    const moved = (await ok(engineA, ENFORCE, { id: movePolicyId, key: 'm1' })).enforceRetention;
    const moveId = moveRequestId(tenantA, 'series-s01', 'sh060-plates', 'isilon-arc-1', 'tape', 0);
    expect(moved.requestIds).toEqual([moveId]);
    const MOVES = `{ deletionRequests(action: MOVE, status: CONFIRMED) { requestId action fromMedia toMedia movedBytes } }`;
    const confirmedMove = await waitFor(
      async () => {
        const r = (await ok(readA, MOVES)).deletionRequests;
        return r.length === 1 && r;
      },
      {
        timeoutMs: 60000,
        description: `the move confirmed by the holder (holder log:\n${holder.log})`,
      },
    );
    expect(confirmedMove).toEqual([
      { requestId: moveId, action: 'MOVE', fromMedia: 'hdd', toMedia: 'tape', movedBytes: 1e13 },
    ]);
    expect(received().filter((r) => r.requestId === moveId)[0]).toMatchObject({
      type: 'RetentionMoveRequested',
      artifactId: 'sh060-plates',
      toMedia: 'tape',
      sendNumber: 1,
    });
    // the holding is on tape: 10 × 24 × 0.065 × 1.5 / 1000 × 200 = 4.68 g/day
    // (libs/factors storage.tape.wh-per-tb-hour: 0.065 (0–0.65) Wh/TB-h, 1 copy)
    const plates = (
      await ok(
        readA,
        `{ artifact(projectId: "series-s01", id: "sh060-plates") { holdings { media co2eGPerDay { nominal } } } }`,
      )
    ).artifact.holdings;
    expect(plates.map((h: { media: string }) => h.media)).toEqual(['tape']);
    expect(plates[0].co2eGPerDay.nominal).toBeCloseTo(4.68, 9);
    // booked: the deletions above plus the move's 46.8 − 4.68 = 42.12 g/day (low 23.4 − 46.8 → 0,
    // high 70.2 − 0): (46.8 + 28.08 + 42.12) × 365 / 1000 = 42.705 kg/yr;
    // low (23.4 + 14.04 + 0) × 0.365 = 13.6656; high (70.2 + 42.12 + 70.2) × 0.365 = 66.6198
    const withMove = (
      await ok(
        readA,
        `{ project(id: "series-s01") { emissions { co2eG } avoidedEmissions { confirmedDeletions confirmedMoves bytesMoved kgCo2ePerYear { low nominal high } } } }`,
      )
    ).project;
    expect(withMove.avoidedEmissions).toMatchObject({
      confirmedDeletions: 2,
      confirmedMoves: 1,
      bytesMoved: 1e13,
    });
    expect(withMove.avoidedEmissions.kgCo2ePerYear.nominal).toBeCloseTo(42.705, 9);
    expect(withMove.avoidedEmissions.kgCo2ePerYear.low).toBeCloseTo(13.6656, 9);
    expect(withMove.avoidedEmissions.kgCo2ePerYear.high).toBeCloseTo(66.6198, 9);
    expect(withMove.emissions.co2eG).toBe(emissionsBefore);
    const moveAudit = (
      await ok(readA, `{ retentionAudit(first: 100) { records { action subject keyId } } }`)
    ).retentionAudit.records.filter((r: { action: string }) => r.action.startsWith('MOVE_'));
    expect(moveAudit).toEqual([
      { action: 'MOVE_REQUESTED', subject: moveId, keyId: engineKeyId },
      { action: 'MOVE_CONFIRMED', subject: moveId, keyId: 'holder:isilon-arc-1' },
    ]);

    // tenant B sees none of it
    const b = await ok(
      keyB,
      `{ deletionRequests { requestId } retentionBreaches { requestId } retentionAvoided { confirmedDeletions } }`,
    );
    expect(b).toEqual({
      deletionRequests: [],
      retentionBreaches: [],
      retentionAvoided: { confirmedDeletions: 0 },
    });
  });
});
