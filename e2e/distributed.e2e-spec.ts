import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { parseLogRecord, TOPICS, type RejectedSpan } from '@greenops/contracts';
import { ApiKeyStore, openPostgres, type DatabaseHandle } from '@greenops/persistence';
import { createTestDatabase, kafkaBrokers, waitFor } from '@greenops/testing';
import { freePort } from '@greenops/testing';
import { EMISSIONS_FIELDS, graphql } from './support/graphql-client';
import { expectEmissions, type EmissionsLike } from './support/expect-emissions';
import { OtelSender, type SpanSpec } from './support/otel-senders';
import { otlpJsonRequest, postOtlpJson } from './support/otlp-json';
import {
  EXPECTED,
  gbRender,
  hostEmbodiedG,
  renderScenarioSpans,
  T0,
  untaggedRenderSpan,
} from './support/render-scenario';
import { ServiceProcess } from './support/service-process';

/**
 * Distributed mode: ingest, projector and gateway as separate processes (built dist/), a real
 * Kafka broker, a real PostgreSQL 15 database, spans sent by the official OTel JS exporters.
 */
describe('distributed mode (Kafka + PostgreSQL)', () => {
  const run = randomBytes(4).toString('hex');
  const tenantA = `studio-a-${run}`;
  const tenantB = `studio-b-${run}`;
  const keyA = `key-a-${randomBytes(24).toString('hex')}`;
  const keyB = `key-b-${randomBytes(24).toString('hex')}`;
  const keyAReadOnly = `key-a-ro-${randomBytes(24).toString('hex')}`;
  // Tenant C publishes a factor set: projection versions are per tenant, so the other tests'
  // tenants are served version 1 whatever order the tests run in.
  const tenantC = `studio-c-${run}`;
  const keyC = `key-c-${randomBytes(24).toString('hex')}`;
  const group = `projector-e2e-${run}`;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DatabaseHandle;
  let ingest: ServiceProcess;
  let projector: ServiceProcess;
  let gateway: ServiceProcess;
  let httpUrl: string;
  let grpcUrl: string;
  let graphqlUrl: string;

  const projectQuery = `query($id: ID!) { project(id: $id) { id emissions { ${EMISSIONS_FIELDS} } } }`;
  const artifactQuery = `query($p: ID!, $id: ID!) { artifact(projectId: $p, id: $id) { id projectId kind status activityCount emissions { ${EMISSIONS_FIELDS} } } }`;

  async function projectEmissions(key: string, id: string): Promise<EmissionsLike | null> {
    const { body } = await graphql<{ project: { emissions: EmissionsLike } | null }>(
      graphqlUrl,
      key,
      projectQuery,
      { id },
    );
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data?.project?.emissions ?? null;
  }

  async function factCount(tenant: string, projectId: string): Promise<number> {
    const rows: Array<{ n: string }> = await db.dataSource.query(
      `select count(*)::text as n from emission_facts
        where tenant_id = $1 and project_id = $2
          and projection_version = coalesce((select current_version from tenant_projections where tenant_id = $1), 1)`,
      [tenant, projectId],
    );
    return Number(rows[0].n);
  }

  beforeAll(async () => {
    database = await createTestDatabase('e2e_dist');
    db = await openPostgres(database.url);
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant(tenantA);
    await keys.addKey(tenantA, keyA);
    await keys.addKey(tenantA, keyAReadOnly, ['read']);
    await keys.ensureTenant(tenantB);
    await keys.addKey(tenantB, keyB);
    await keys.ensureTenant(tenantC);
    await keys.addKey(tenantC, keyC);

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
      // later than the 2000-01-01 default, to show the setting reaches the receivers
      GREENOPS_SPAN_EARLIEST: '2020-01-01T00:00:00Z',
    });
    projector = ServiceProcess.built('projector', 'dist/apps/projector/src/main.js', {
      ...common,
      GREENOPS_PROJECTOR_GROUP: group,
      GREENOPS_PROJECTOR_PORT: String(await freePort()),
    });
    gateway = ServiceProcess.built('gateway', 'dist/apps/gateway/src/main.js', {
      ...common,
      GREENOPS_GRAPHQL_PORT: String(graphqlPort),
    });
    await Promise.all([
      ingest.start(/OTLP\/gRPC at/),
      projector.start(/consuming/),
      gateway.start(/GraphQL at/),
    ]);
    httpUrl = `http://127.0.0.1:${httpPort}/v1/traces`;
    grpcUrl = `http://127.0.0.1:${grpcPort}`;
    graphqlUrl = `http://127.0.0.1:${graphqlPort}/graphql`;
  });

  afterAll(async () => {
    await Promise.all([ingest?.stop(), projector?.stop(), gateway?.stop()]);
    await db?.close();
    await database?.drop();
  });

  it('projects render spans sent over OTLP/HTTP protobuf and OTLP/gRPC to the CO2e worked by hand', async () => {
    const http = OtelSender.httpProtobuf(httpUrl, keyA);
    const grpc = OtelSender.grpc(grpcUrl, keyA);
    await http.send(renderScenarioSpans('series-s01'));
    await grpc.send([untaggedRenderSpan('series-s01')]);
    await Promise.all([http.shutdown(), grpc.shutdown()]);

    await waitFor(async () => (await factCount(tenantA, 'series-s01')) === 4, {
      timeoutMs: 60000,
      description: `4 facts for series-s01 (projector log:\n${projector.log})`,
    });

    expectEmissions((await projectEmissions(keyA, 'series-s01')) ?? undefined, EXPECTED.project);

    const { body } = await graphql<{
      artifact: { activityCount: number; kind: string; status: string; emissions: EmissionsLike };
    }>(graphqlUrl, keyA, artifactQuery, { p: 'series-s01', id: 'sh010-v1' });
    expect(body.errors).toBeUndefined();
    expect(body.data?.artifact).toMatchObject({
      kind: 'shot-version',
      status: 'rejected',
      activityCount: 1,
    });
    expectEmissions(body.data?.artifact.emissions, EXPECTED.sh010v1);

    // sh010 rolls up its two versions and its own comp; sc01 exists only as sh010's parent.
    for (const id of ['sh010', 'sc01']) {
      const rolled = await graphql<{
        artifact: { activityCount: number; emissions: EmissionsLike };
      }>(graphqlUrl, keyA, artifactQuery, { p: 'series-s01', id });
      expect(rolled.body.data?.artifact.activityCount).toBe(EXPECTED.sh010.activityCount);
      expectEmissions(rolled.body.data?.artifact.emissions, EXPECTED.sh010);
    }
  });

  it('counts a re-sent batch once', async () => {
    const sender = OtelSender.httpProtobuf(httpUrl, keyA);
    const spans: SpanSpec[] = [0, 1, 2].map((i) => ({
      name: `dup ${i}`,
      startMs: T0 + i * 1000,
      durationS: 60,
      attributes: {
        'greenops.project.id': 'dup-project',
        'greenops.activity.kind': 'render',
        'greenops.energy.kwh': 0.1,
        'greenops.pue': 1,
        'greenops.carbon_intensity.g_per_kwh': 300,
      },
    }));
    await sender.send(spans);
    await sender.resend(sender.finishedSpans()); // a collector retrying the same batch
    await sender.resend(sender.finishedSpans());
    // A marker sent after the duplicates: once it is projected, the duplicates were consumed too
    // (same project key → same partition, in order).
    await sender.send([
      {
        ...spans[0],
        name: 'marker',
        attributes: { ...spans[0].attributes, 'greenops.energy.kwh': 1 },
      },
    ]);
    await sender.shutdown();
    await waitFor(async () => (await factCount(tenantA, 'dup-project')) >= 4, {
      timeoutMs: 60000,
      description: 'marker fact',
    });
    expect(await factCount(tenantA, 'dup-project')).toBe(4);
    // operational 3 × 0.1 kWh × 300 g/kWh + 1 kWh × 300 g/kWh = 90 + 300 = 390 g; 4 one-minute host shares
    expectEmissions((await projectEmissions(keyA, 'dup-project')) ?? undefined, {
      energyKwh: 1.3,
      operationalG: 390,
      co2eG: 390 + 4 * hostEmbodiedG(60),
    });
  });

  it('rejects a malformed span with its reason (OTLP partial success and DLQ) while its batch-mates land', async () => {
    const good = {
      name: 'good render',
      startMs: T0,
      durationS: 60,
      attributes: {
        'greenops.project.id': 'partial-project',
        'greenops.activity.kind': 'render',
        'greenops.energy.kwh': 2,
        'greenops.pue': 1,
        'greenops.carbon_intensity.g_per_kwh': 50,
      },
    };
    const bad = {
      name: 'no project',
      startMs: T0,
      durationS: 60,
      attributes: { 'greenops.activity.kind': 'render' },
    };
    const worse = {
      ...good,
      name: 'bad energy',
      attributes: { ...good.attributes, 'greenops.energy.kwh': 'lots' },
    };
    const { body, ids } = otlpJsonRequest([good, bad, worse]);
    const response = await postOtlpJson(httpUrl, keyA, body);
    expect(response.status).toBe(200);
    expect(Number(response.json.partialSuccess?.rejectedSpans)).toBe(2);
    expect(response.json.partialSuccess?.errorMessage).toContain('greenops.project.id');
    expect(response.json.partialSuccess?.errorMessage).toContain('greenops.energy.kwh');

    await waitFor(async () => (await factCount(tenantA, 'partial-project')) === 1, {
      timeoutMs: 60000,
      description: 'good span projected',
    });
    // 2 kWh × 50 g/kWh = 100 g, + one minute of host embodied
    expectEmissions((await projectEmissions(keyA, 'partial-project')) ?? undefined, {
      energyKwh: 2,
      operationalG: 100,
      co2eG: 100 + hostEmbodiedG(60),
    });

    // The reasons are on the dead-letter topic.
    const kafka = new Kafka({
      clientId: 'e2e-dlq',
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: `dlq-reader-${run}` });
    const rejected: RejectedSpan[] = [];
    const unreadable: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.activitiesDlq, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        // Read as the projector reads it: through the RejectedSpan contract.
        const value: unknown = JSON.parse(message.value?.toString('utf8') ?? 'null');
        const parsed = parseLogRecord(TOPICS.activitiesDlq, value);
        if (!parsed.ok) unreadable.push(`${parsed.field}: ${parsed.reason}`);
        else if (parsed.event.type === 'RejectedSpan' && parsed.event.tenant === tenantA)
          rejected.push(parsed.event);
      },
    });
    try {
      await waitFor(async () => rejected.length >= 2, {
        timeoutMs: 30000,
        description: 'two DLQ records',
      });
    } finally {
      await consumer.disconnect();
    }
    expect(unreadable).toEqual([]);
    expect(rejected.find((r) => r.spanId === ids[1].spanId)).toMatchObject({
      field: 'greenops.project.id',
    });
    expect(rejected.find((r) => r.spanId === ids[2].spanId)).toMatchObject({
      field: 'greenops.energy.kwh',
    });

    // … and the tenant can ask the API what was refused and why (recorded from the DLQ topic).
    const rejectedQuery = '{ rejectedSpans(first: 50) { spanId spanName field reason } }';
    type Rejections = {
      rejectedSpans: Array<{ spanId: string; spanName: string; field: string; reason: string }>;
    };
    const listed = await waitFor(
      async () => {
        const { body } = await graphql<Rejections>(graphqlUrl, keyA, rejectedQuery);
        const rows = body.data?.rejectedSpans ?? [];
        return rows.some((r) => r.spanId === ids[2].spanId) ? rows : undefined;
      },
      { timeoutMs: 30000, description: 'rejections listed by GraphQL' },
    );
    expect(listed.find((r) => r.spanId === ids[1].spanId)).toMatchObject({
      spanName: 'no project',
      field: 'greenops.project.id',
    });
    expect(listed.find((r) => r.spanId === ids[2].spanId)).toMatchObject({
      spanName: 'bad energy',
      field: 'greenops.energy.kwh',
    });
    const otherTenant = await graphql<Rejections>(graphqlUrl, keyB, rejectedQuery);
    expect(otherTenant.body.data?.rejectedSpans.some((r) => r.spanId === ids[1].spanId)).toBe(
      false,
    );
  });

  it('answers 401 without a valid key, on ingest and GraphQL', async () => {
    const { body } = otlpJsonRequest([]);
    expect((await postOtlpJson(httpUrl, null, body)).status).toBe(401);
    expect((await postOtlpJson(httpUrl, 'not-a-key', body)).status).toBe(401);
    const anonymous = await graphql(graphqlUrl, null, '{ project(id: "series-s01") { id } }');
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers 403 to a key that may read but not ingest, and lets it read', async () => {
    const { body } = otlpJsonRequest([
      {
        name: 'from a read-only key',
        startMs: T0,
        durationS: 60,
        attributes: {
          'greenops.project.id': 'read-only-project',
          'greenops.activity.kind': 'render',
          'greenops.energy.kwh': 1,
        },
      },
    ]);
    const response = await postOtlpJson(httpUrl, keyAReadOnly, body);
    expect(response.status).toBe(403);
    expect(response.json).toEqual({ code: 7, message: "this API key lacks the 'ingest' role" });
    const read = await graphql(
      graphqlUrl,
      keyAReadOnly,
      '{ project(id: "read-only-project") { id } }',
    );
    expect(read.body).toEqual({ data: { project: null } });
  });

  it('rejects a span dated before the configured GREENOPS_SPAN_EARLIEST', async () => {
    const { body } = otlpJsonRequest([
      {
        name: 'in 2019',
        startMs: Date.UTC(2019, 5, 1),
        durationS: 60,
        attributes: {
          'greenops.project.id': 'time-limits',
          'greenops.activity.kind': 'render',
          'greenops.energy.kwh': 1,
        },
      },
    ]);
    const response = await postOtlpJson(httpUrl, keyA, body);
    expect(response.status).toBe(200);
    expect(response.json.partialSuccess?.errorMessage).toMatch(
      /\(name "in 2019"\): startTimeUnixNano: must not be before 2020-01-01T00:00:00\.000Z, got 2019-06-01T00:00:00\.000Z$/,
    );
  });

  it("never shows one tenant's data to another", async () => {
    // Tenant A's own project for this test: the render scenario, worked by hand (EXPECTED).
    const project = 'isolation-project';
    const senderA = OtelSender.httpProtobuf(httpUrl, keyA);
    await senderA.send([...renderScenarioSpans(project), untaggedRenderSpan(project)]);
    await senderA.shutdown();
    await waitFor(async () => (await factCount(tenantA, project)) === 4, {
      timeoutMs: 60000,
      description: `4 facts for tenant A's ${project}`,
    });
    expectEmissions((await projectEmissions(keyA, project)) ?? undefined, EXPECTED.project);

    expect(await projectEmissions(keyB, project)).toBeNull();
    const { body } = await graphql<{ artifact: unknown }>(graphqlUrl, keyB, artifactQuery, {
      p: project,
      id: 'sh010',
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.artifact).toBeNull();
    // Tenant B sending the same project id gets its own, separate totals.
    const sender = OtelSender.httpProtobuf(httpUrl, keyB);
    await sender.send([untaggedRenderSpan(project)]);
    await sender.shutdown();
    await waitFor(async () => (await factCount(tenantB, project)) === 1, {
      timeoutMs: 60000,
      description: 'tenant B fact',
    });
    expectEmissions((await projectEmissions(keyB, project)) ?? undefined, {
      operationalG: 100,
      co2eG: 100 + hostEmbodiedG(600),
      energyKwh: 1,
    });
    expectEmissions((await projectEmissions(keyA, project)) ?? undefined, EXPECTED.project);
  });

  it('loses nothing and counts nothing twice when the projector is killed mid-stream', async () => {
    const spanCount = 400;
    const spans: SpanSpec[] = Array.from({ length: spanCount }, (_, i) => ({
      name: `frame batch ${i}`,
      startMs: T0 + i * 1000,
      durationS: 10,
      attributes: {
        'greenops.project.id': 'crash-project',
        'greenops.activity.kind': 'render',
        'greenops.energy.kwh': 0.01,
        'greenops.pue': 1,
        'greenops.carbon_intensity.g_per_kwh': 100,
      },
    }));
    const sender = OtelSender.httpProtobuf(httpUrl, keyA);
    // The first quarter streams in; the projector is killed as soon as it has committed facts
    // (possibly mid-batch), the rest arrives while it is down.
    const sendSlice = async (from: number, to: number) => {
      for (let i = from; i < to; i += 25) await sender.send(spans.slice(i, Math.min(i + 25, to)));
    };
    const firstQuarter = sendSlice(0, spanCount / 4);
    await waitFor(async () => (await factCount(tenantA, 'crash-project')) > 0, {
      timeoutMs: 60000,
      intervalMs: 10,
      description: 'first facts',
    });
    await projector.kill(); // SIGKILL: no graceful shutdown, Kafka offsets possibly not committed
    await firstQuarter;
    const afterKill = await factCount(tenantA, 'crash-project');
    await sendSlice(spanCount / 4, spanCount);
    await sender.shutdown();
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThanOrEqual(spanCount / 4);
    await projector.start(/consuming/);
    await waitFor(async () => (await factCount(tenantA, 'crash-project')) >= spanCount, {
      timeoutMs: 90000,
      description: `all ${spanCount} facts after restart (had ${afterKill} at kill)`,
    });
    expect(await factCount(tenantA, 'crash-project')).toBe(spanCount);
    // 400 × 0.01 kWh = 4 kWh; × 100 g/kWh = 400 g; + 400 ten-second host shares
    expectEmissions((await projectEmissions(keyA, 'crash-project')) ?? undefined, {
      energyKwh: 4,
      operationalG: 400,
      co2eG: 400 + 400 * hostEmbodiedG(10),
      co2eMarketG: 400 + 400 * hostEmbodiedG(10),
    });
  });

  it("recomputes all of a tenant's projects, across partitions, when it publishes a factor set", async () => {
    // Tenant C: two GB renders with no intensity on the span (the grid factor applies), and
    // projects whose spans carry their own intensity, spread over partitions by their keys.
    const ownIntensityProjects = ['own-1', 'own-2', 'own-3', 'own-4', 'own-5'];
    const senderC = OtelSender.httpProtobuf(httpUrl, keyC);
    await senderC.send([
      gbRender(0),
      gbRender(1),
      ...ownIntensityProjects.map((p) => untaggedRenderSpan(p)),
      ...renderScenarioSpans('series-c'),
      untaggedRenderSpan('series-c'),
    ]);
    await senderC.shutdown();
    // Tenant A's GB render, which must keep the shipped factor.
    const senderA = OtelSender.httpProtobuf(httpUrl, keyA);
    await senderA.send([gbRender(0, 'grid-project-a')]);
    await senderA.shutdown();
    await waitFor(
      async () =>
        (await factCount(tenantC, 'grid-project')) === 2 &&
        (await factCount(tenantC, 'series-c')) === 4 &&
        (await Promise.all(ownIntensityProjects.map((p) => factCount(tenantC, p)))).every(
          (n) => n === 1,
        ) &&
        (await factCount(tenantA, 'grid-project-a')) === 1,
      { timeoutMs: 60000, description: "tenant C's and tenant A's renders projected" },
    );
    // Shipped catalogue: 2 × 1 kWh × 215.79 g/kWh (GB, Ember) = 431.58 g + two host-hour shares
    expectEmissions((await projectEmissions(keyC, 'grid-project')) ?? undefined, {
      operationalG: 431.58,
      co2eG: 431.58 + 2 * hostEmbodiedG(3600),
    });

    const published = await graphql<{ publishFactorSet: { version: string } }>(
      graphqlUrl,
      keyC,
      'mutation($input: PublishFactorSetInput!) { publishFactorSet(input: $input) { version } }',
      {
        input: {
          name: 'studio PPA',
          factors: [
            {
              id: 'grid.location.GB',
              value: 120,
              unit: 'gCO2e/kWh',
              source: 'Studio PPA 2026, metered',
              year: 2026,
            },
          ],
        },
      },
    );
    expect(published.body.errors).toBeUndefined();
    const version = published.body.data!.publishFactorSet.version;
    await waitFor(
      async () => {
        const { body } = await graphql<{
          projection: { currentVersion: number; factorSetVersion: string };
        }>(graphqlUrl, keyC, '{ projection { currentVersion factorSetVersion } }');
        return (
          body.data?.projection.currentVersion === 2 &&
          body.data.projection.factorSetVersion === version
        );
      },
      {
        timeoutMs: 90000,
        description: `switch to projection v2 (projector log:\n${projector.log})`,
      },
    );

    // Replayed with the tenant's factor: 2 × 1 kWh × 120 g/kWh = 240 g
    expectEmissions((await projectEmissions(keyC, 'grid-project')) ?? undefined, {
      operationalG: 240,
      co2eG: 240 + 2 * hostEmbodiedG(3600),
    });
    // Projects whose spans carry their own intensity are unchanged — and complete: every event
    // of every partition was replayed into the new version, none twice.
    expectEmissions((await projectEmissions(keyC, 'series-c')) ?? undefined, EXPECTED.project);
    for (const p of ownIntensityProjects) {
      // 1 kWh × 100 g/kWh (on the span) = 100 g, + a 10-minute host share
      expectEmissions((await projectEmissions(keyC, p)) ?? undefined, {
        energyKwh: 1,
        operationalG: 100,
        co2eG: 100 + hostEmbodiedG(600),
      });
    }
    // Another tenant is untouched: still version 1, still the shipped GB factor (1 × 215.79 g).
    expectEmissions((await projectEmissions(keyA, 'grid-project-a')) ?? undefined, {
      operationalG: 215.79,
      co2eG: 215.79 + hostEmbodiedG(3600),
    });
    const other = await graphql<{ projection: { currentVersion: number } }>(
      graphqlUrl,
      keyA,
      '{ projection { currentVersion } }',
    );
    expect(other.body.data?.projection.currentVersion).toBe(1);
  });
});
