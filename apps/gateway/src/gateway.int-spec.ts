import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmissionResult } from '@greenops/domain';
import {
  ApiKeyStore,
  EmissionQueries,
  insightsReads,
  ProjectionRegistry,
  EmissionStore,
  openPostgres,
  type DatabaseHandle,
  type EmissionFactInput,
} from '@greenops/persistence';
import { createTestDatabase, type TestDatabase } from '@greenops/testing';
import { createGatewayApp } from './gateway.module';

const KEY_A = 'gateway-int-key-a-0123456789';
const KEY_B = 'gateway-int-key-b-0123456789';
const KEY_A_READ_ONLY = 'gateway-int-key-a-read-only-0123';
const KEY_A_INGEST_ONLY = 'gateway-int-key-a-ingest-only-01';

/** A fact with round numbers: E kWh at PUE 1, 100 g/kWh location, 40 g/kWh market, ±10 %. */
function fact(
  tenant: string,
  projectId: string,
  occurredAt: string,
  energyKwh: number,
  scope: 1 | 2 | 3,
  category: string,
  artifactId?: string,
): EmissionFactInput {
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
    scope,
    category,
    modelId: 'test',
    factorIds: [],
    methodologyVersion: 't',
    factorSetVersion: 't',
    trainingAllocation: '1a',
    notes: [],
  };
  return {
    tenant,
    projectId,
    eventId: randomUUID(),
    occurredAt,
    recordedAt: occurredAt,
    artifactId,
    activityKind: 'render',
    result,
  };
}

describe('GraphQL gateway on PostgreSQL', () => {
  let database: TestDatabase;
  let db: DatabaseHandle;
  let app: INestApplication;
  let url: string;
  /** A dashboard build (index.html + assets/) that `app` serves at `/`. */
  const dashboardDir = mkdtempSync(join(tmpdir(), 'gateway-int-dashboard-'));
  /** The same gateway with a 20 000-byte response budget (and no dashboard). */
  let smallBudgetApp: INestApplication;
  let smallBudgetUrl: string;

  async function gql(
    query: string,
    key: string | null = KEY_A,
    variables: Record<string, unknown> = {},
    endpoint = url,
  ) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key) headers['x-api-key'] = key;
    const response = await fetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes vary per query
    type Data = Record<string, any>;
    return {
      status: response.status,
      body: (await response.json()) as {
        data?: Data;
        errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
      },
    };
  }

  beforeAll(async () => {
    mkdirSync(join(dashboardDir, 'assets'));
    writeFileSync(join(dashboardDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dashboardDir, 'assets', 'index-abc123.js'), 'console.log(1);');
    database = await createTestDatabase('gateway_int');
    db = await openPostgres(database.url);
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant('a');
    await keys.addKey('a', KEY_A);
    await keys.addKey('a', KEY_A_READ_ONLY, ['read']);
    await keys.addKey('a', KEY_A_INGEST_ONLY, ['ingest']);
    await keys.ensureTenant('b');
    await keys.addKey('b', KEY_B);
    const artifacts = Array.from({ length: 5 }, (_, i) => ({
      tenant: 'a',
      projectId: 'p1',
      artifactId: `clip-${i}`,
      parentId: 'shot-1',
      kind: 'video',
      status: i < 2 ? 'final' : 'draft',
      seenAt: '2026-03-01T00:00:00Z',
    }));
    await new EmissionStore(db).commitBatch({
      facts: [
        fact('a', 'p1', '2026-03-01T10:00:00Z', 1, 2, 'scope2.purchased-electricity', 'clip-0'),
        fact('a', 'p1', '2026-03-01T11:00:00Z', 2, 2, 'scope2.purchased-electricity', 'clip-1'),
        fact('a', 'p1', '2026-03-03T09:00:00Z', 0.5, 3, 'scope3.cat1.purchased-cloud-services'),
      ],
      artifacts,
      offsets: [],
    });
    app = await createGatewayApp({
      queries: new EmissionQueries(db),
      insights: insightsReads(db),
      apiKeys: keys,
      factorSets: new ProjectionRegistry(db),
      costLimits: { maxCost: 1000, maxDepth: 5 },
      dashboard: {
        dir: dashboardDir,
        client: { otlpHttpUrl: 'http://127.0.0.1:4318/v1/traces', otlpGrpcUrl: null },
      },
    });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
    smallBudgetApp = await createGatewayApp({
      queries: new EmissionQueries(db),
      insights: insightsReads(db),
      apiKeys: keys,
      factorSets: new ProjectionRegistry(db),
      maxResponseBytes: 20_000,
    });
    await smallBudgetApp.listen(0, '127.0.0.1');
    smallBudgetUrl = `http://127.0.0.1:${(smallBudgetApp.getHttpServer().address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await smallBudgetApp?.close();
    await app?.close();
    await db?.close();
    await database?.drop();
    rmSync(dashboardDir, { recursive: true, force: true });
  });

  it('serves project totals, scope split and daily series, worked by hand', async () => {
    const { body } = await gql(`{ project(id: "p1") {
      emissions { energyKwh co2eG co2eMarketG lowG highG }
      byScope { scope category activityCount emissions { co2eG } }
      daily(from: "2026-03-01T00:00:00Z", to: "2026-03-04T00:00:00Z") { day co2eG energyKwh } } }`);
    expect(body.errors).toBeUndefined();
    const project = body.data!.project;
    // 1 + 2 + 0.5 = 3.5 kWh; × 100 = 350 g; market × 40 = 140 g; low 315, high 385
    expect(project.emissions).toEqual({
      energyKwh: 3.5,
      co2eG: 350,
      co2eMarketG: 140,
      lowG: expect.closeTo(315, 9),
      highG: expect.closeTo(385, 9),
    });
    expect(project.byScope).toEqual([
      {
        scope: 2,
        category: 'scope2.purchased-electricity',
        activityCount: 2,
        emissions: { co2eG: 300 },
      },
      {
        scope: 3,
        category: 'scope3.cat1.purchased-cloud-services',
        activityCount: 1,
        emissions: { co2eG: 50 },
      },
    ]);
    expect(project.daily).toEqual([
      { day: '2026-03-01', co2eG: 300, energyKwh: 3 },
      { day: '2026-03-03', co2eG: 50, energyKwh: 0.5 },
    ]);
  });

  it('pages artifacts with relay cursors and rolls up a parent known only by name', async () => {
    const page = `query($after: String) { project(id: "p1") { artifacts(first: 2, after: $after) {
      edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const { body } = await gql(page, KEY_A, { after });
      const connection = body.data!.project.artifacts;
      seen.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(['clip-0', 'clip-1', 'clip-2', 'clip-3', 'clip-4', 'shot-1']);
    const { body } = await gql(
      '{ artifact(projectId: "p1", id: "shot-1") { activityCount emissions { co2eG } } }',
    );
    // clip-0 (100 g) + clip-1 (200 g) feed shot-1
    expect(body.data!.artifact).toEqual({ activityCount: 2, emissions: { co2eG: 300 } });
  });

  it('names the argument of a bad request', async () => {
    const badCursor = await gql(
      '{ project(id: "p1") { artifacts(after: "garbage!") { nodes { id } } } }',
    );
    expect(badCursor.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
    const badFirst = await gql('{ project(id: "p1") { artifacts(first: 0) { nodes { id } } } }');
    expect(badFirst.body.errors?.[0].message).toContain('first');
    const badWindow = await gql(
      '{ project(id: "p1") { daily(from: "2020-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { day } } }',
    );
    expect(badWindow.body.errors?.[0].message).toContain('366 days');
  });

  it('rejects queries over the cost or depth limit before running them', async () => {
    // SQL round trips cost 10 (docs/operations.md, "Limits"): project 10 + artifacts(first: 100)
    // 10 + 100 × (nodes 1 + id 1 + activityCount 10 + emissions 10 + co2eG 1) = 2 320 > 1 000
    const costly = await gql(
      '{ project(id: "p1") { artifacts(first: 100) { nodes { id activityCount emissions { co2eG } } } } }',
    );
    expect(costly.body.errors?.[0].extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      maxCost: 1000,
    });
    // project 10 + artifacts 10 + 5 × 23 = 135
    const cheap = await gql(
      '{ project(id: "p1") { artifacts(first: 5) { nodes { id activityCount emissions { co2eG } } } } }',
    );
    expect(cheap.body.errors).toBeUndefined();
    // depth: project 1 > artifacts 2 > nodes 3 > emissions 4 > co2eG 5 — at the limit of 5
    const atLimit = await gql(
      '{ project(id: "p1") { artifacts { nodes { emissions { co2eG } } } } }',
    );
    expect(atLimit.body.errors).toBeUndefined();
    // project > artifacts > edges > node > emissions > co2eG = 6
    const tooDeep = await gql(
      '{ project(id: "p1") { artifacts { edges { node { emissions { co2eG } } } } } }',
    );
    expect(tooDeep.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP' });
  });

  it("serves an artifact's own activities, tenant-scoped, bounded and cost-limited", async () => {
    const query = `{ artifact(projectId: "p1", id: "clip-1") { activities(first: 5) {
      nodes { kind tier modelId scope energyKwh co2eG lowG highG co2eMarketG factors { id } }
      pageInfo { hasNextPage } } } }`;
    const { body } = await gql(query);
    expect(body.errors).toBeUndefined();
    // clip-1's one fact: 2 kWh × 100 g/kWh = 200 g (±10 %: 180–220), market 2 × 40 = 80 g;
    // the fixture cites no factor.
    expect(body.data!.artifact.activities).toEqual({
      nodes: [
        {
          kind: 'render',
          tier: 'measured',
          modelId: 'test',
          scope: 2,
          energyKwh: 2,
          co2eG: 200,
          lowG: expect.closeTo(180, 9),
          highG: expect.closeTo(220, 9),
          co2eMarketG: 80,
          factors: [],
        },
      ],
      pageInfo: { hasNextPage: false },
    });
    // Tenant b's key does not see tenant a's artifact, nor so its activities.
    expect((await gql(query, KEY_B)).body.data!.artifact).toBeNull();
    const tooMany = await gql(
      '{ artifact(projectId: "p1", id: "clip-1") { activities(first: 101) { nodes { co2eG } } } }',
    );
    expect(tooMany.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    // Each lookup: artifact 10 + activities(first: 100) (10 + 100 × (nodes 1 + co2eG 1)) = 220;
    // five aliases 1 100 > 1 000 are refused, four (880) are served.
    const lookups = (n: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          `a${i}: artifact(projectId: "p1", id: "clip-${i}") { activities(first: 100) { nodes { co2eG } } }`,
      ).join(' ');
    const costly = await gql(`{ ${lookups(5)} }`);
    expect(costly.body.errors?.[0].extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      cost: 1100,
    });
    const served = await gql(`{ ${lookups(4)} }`);
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data!.a1.activities.nodes).toEqual([{ co2eG: 200 }]);
  });

  it('serves the ingest rate of the last minutes per tenant, from facts received and spans rejected', async () => {
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant('rate');
    await keys.addKey('rate', 'gateway-int-key-rate-0123456789');
    const now = Date.now();
    const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
    await new EmissionStore(db).commitBatch({
      facts: [
        fact('rate', 'r1', ago(2), 1, 2, 'scope2.purchased-electricity'),
        fact('rate', 'r1', ago(5), 1, 2, 'scope2.purchased-electricity'),
        fact('rate', 'r1', ago(30), 1, 2, 'scope2.purchased-electricity'), // outside 10 min
      ],
      artifacts: [],
      rejections: [
        {
          tenant: 'rate',
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
          spanId: '00f067aa0ba90201',
          spanName: 'render',
          field: 'greenops.project.id',
          reason: 'required attribute is missing',
          rejectedAt: ago(3),
          log: { topic: 'greenops.activities.dlq.v1', partition: 0, offset: '1' },
        },
      ],
      offsets: [],
    });
    const query = `{ projection { ingestRate(windowMinutes: 10) {
      windowMinutes acceptedSpans rejectedSpans acceptedPerMinute rejectedPerMinute } } }`;
    const { body } = await gql(query, 'gateway-int-key-rate-0123456789');
    expect(body.errors).toBeUndefined();
    // In the last 10 minutes: 2 facts received (2 and 5 minutes ago) and 1 span rejected:
    // 2 ÷ 10 = 0.2 and 1 ÷ 10 = 0.1 a minute.
    expect(body.data!.projection.ingestRate).toEqual({
      windowMinutes: 10,
      acceptedSpans: 2,
      rejectedSpans: 1,
      acceptedPerMinute: 0.2,
      rejectedPerMinute: 0.1,
    });
    // Tenant a received nothing lately (its facts are of March 2026).
    expect((await gql(query)).body.data!.projection.ingestRate).toMatchObject({
      acceptedSpans: 0,
      rejectedSpans: 0,
    });
    const bad = await gql('{ projection { ingestRate(windowMinutes: 0) { acceptedSpans } } }');
    expect(bad.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'windowMinutes',
    });
  });

  it('counts every aliased project lookup as the SQL round trip it is', async () => {
    // 330 aliases × (project 10 + emissions 1 + co2eG 1) = 3 960 > 1 000 (each alias is one
    // SQL query; counted as 1 each, the same operation cost 990 and ran)
    const aliases = Array.from(
      { length: 330 },
      (_, i) => `p${i}: project(id: "p1") { emissions { co2eG } }`,
    );
    const { status, body } = await gql(`{ ${aliases.join(' ')} }`);
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: 3960 });
    // 80 aliases: 80 × 12 = 960, under the limit, and each answers the worked figure (350 g)
    const fewer = await gql(`{ ${aliases.slice(0, 80).join(' ')} }`);
    expect(fewer.body.errors).toBeUndefined();
    expect(fewer.body.data!.p79.emissions.co2eG).toBe(350);
  });

  it('measures depth through fragment spreads and inline fragments', async () => {
    // project 1 > artifacts 2 > edges 3 > node 4 > emissions 5 > co2eG 6, hidden in fragments
    const hidden = await gql(`
      query { project(id: "p1") { ...Deep } }
      fragment Deep on Project { artifacts { edges { ...Node } } }
      fragment Node on ArtifactEdge { node { ... on Artifact { emissions { co2eG } } } }`);
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors?.[0].extensions).toMatchObject({
      code: 'QUERY_TOO_DEEP',
      depth: 6,
      maxDepth: 5,
    });
    // the same through fragments, one level less: 5, at the limit
    const atLimit = await gql(`
      query { project(id: "p1") { ...Shallow } }
      fragment Shallow on Project { artifacts { nodes { ... on Artifact { emissions { co2eG } } } } }`);
    expect(atLimit.body.errors).toBeUndefined();
  });

  it('refuses an operation over the node limit as a client error', async () => {
    // F0 selects one field; F(n) spreads F(n-1) twice: F14 expands to 2^14 = 16 384 fields.
    const fragments = Array.from({ length: 15 }, (_, i) =>
      i === 0
        ? 'fragment F0 on Emissions { co2eG }'
        : `fragment F${i} on Emissions { ...F${i - 1} ...F${i - 1} }`,
    );
    const { status, body } = await gql(
      `{ project(id: "p1") { emissions { ...F14 } } } ${fragments.join(' ')}`,
    );
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', maxNodes: 2000 });
    // A document over 20 000 tokens is not even parsed: 12 000 × `__typename` plus braces
    const tokens = await gql(`{ ${'__typename '.repeat(12_000)} ${'__typename '.repeat(12_000)} }`);
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses ids with NUL or control characters, naming the argument', async () => {
    const literal = await gql('{ project(id: "p1\\u0000") { id } }');
    expect(literal.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(literal.body.errors?.[0].message).toBe('id: must not contain control characters');
    const variable = await gql(
      'query($p: ID!) { artifact(projectId: $p, id: "clip-0") { id } }',
      KEY_A,
      { p: 'p1\u001b' },
    );
    expect(variable.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'projectId',
    });
    const sci = await gql(
      '{ project(id: "p1") { sci(per: { artifactKind: "vid\\u0000eo" }) { quantity } } }',
    );
    expect(sci.body.errors?.[0].extensions).toMatchObject({ field: 'per.artifactKind' });
  });

  it('bounds the texts and the size of answers over old oversized rows', async () => {
    // 20 rejected spans stored before ingest bounded them: 1 MiB span names and reasons.
    const huge = 'n'.repeat(1024 * 1024);
    await db.dataSource.query(
      `insert into dead_letters (tenant_id, trace_id, span_id, span_name, field, reason, rejected_at)
       select 'a', 't', 's' || i, $1, 'greenops.project.id', $1, '2026-11-03T00:00:00Z'
         from generate_series(1, 20) i`,
      [huge],
    );
    const query = '{ rejectedSpans(first: 20) { spanId spanName reason } }';
    const { body } = await gql(query);
    expect(body.errors).toBeUndefined();
    expect(body.data!.rejectedSpans).toHaveLength(20);
    for (const row of body.data!.rejectedSpans as Array<{ spanName: string; reason: string }>) {
      expect(row.spanName).toBe(`${'n'.repeat(1023)}…`); // MAX_RETURNED_TEXT_CHARS = 1 024
      expect(row.reason).toBe(`${'n'.repeat(1023)}…`);
    }
    // 20 × 2 × 1 024 characters > a 20 000-byte budget: refused, whole, with its code
    const small = await gql(query, KEY_A, {}, smallBudgetUrl);
    expect(small.status).toBe(400);
    expect(small.body.data).toBeUndefined();
    expect(small.body.errors).toEqual([
      {
        message: 'The response would exceed 20000 bytes; select fewer fields or smaller pages',
        extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes: 20000 },
      },
    ]);
    // what fits, still passes
    expect(
      (await gql('{ rejectedSpans(first: 2) { spanId } }', KEY_A, {}, smallBudgetUrl)).body.errors,
    ).toBeUndefined();
  });

  it('scopes every query to the caller tenant and refuses unknown keys', async () => {
    expect((await gql('{ project(id: "p1") { id } }', KEY_B)).body.data).toEqual({ project: null });
    expect(
      (await gql('{ artifact(projectId: "p1", id: "shot-1") { id } }', KEY_B)).body.data,
    ).toEqual({ artifact: null });
    const anonymous = await gql('{ project(id: "p1") { id } }', null);
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // the same messages as the OTLP receivers: one credential check (libs/auth)
    expect(anonymous.body.errors?.[0].message).toBe(
      'missing API key: send Authorization: Bearer <key> or x-api-key: <key>',
    );
    const wrong = await gql('{ project(id: "p1") { id } }', 'not-a-key-not-a-key');
    expect(wrong.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.body.errors?.[0].message).toBe('unknown or revoked API key');
  });

  it("lists only the caller's projects, and a read key cannot declare one", async () => {
    const listed = async (key: string) =>
      (await gql('{ projects(first: 100) { totalCount nodes { id } } }', key)).body.data?.projects;
    const ofA = await listed(KEY_A);
    expect(ofA.nodes.map((n: { id: string }) => n.id)).toContain('p1');
    const ofB = await listed(KEY_B);
    expect(ofB.nodes.map((n: { id: string }) => n.id)).not.toContain('p1');
    // Another tenant's project id answers nothing, whichever insight is asked for.
    const foreign = await gql(
      '{ project(id: "p1") { id declaration { name } kpis { co2eG } } }',
      KEY_B,
    );
    expect(foreign.body.data).toEqual({ project: null });

    const declare = `mutation($input: DeclareProjectInput!) { declareProject(input: $input) { projectId } }`;
    const input = { id: 'p1', name: 'Pilot', productionType: 'EPISODE' };
    const readOnly = await gql(declare, KEY_A_READ_ONLY, { input });
    expect(readOnly.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(readOnly.body.errors?.[0].message).toBe("this API key lacks the 'admin' role");
    const badTag = await gql(declare, KEY_A, { input: { ...input, tags: ['ok', ''] } });
    expect(badTag.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.tags[1]',
    });
    // this gateway was started without an event log to publish to
    const noLog = await gql(declare, KEY_A, { input });
    expect(noLog.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');

    const setStatus = `mutation { setArtifactStatus(projectId: "p1", artifactId: "clip-0", status: "rejected") { eventId } }`;
    const readOnlyStatus = await gql(setStatus, KEY_A_READ_ONLY);
    expect(readOnlyStatus.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Exports: the key's tenant only.
    const report = (key: string) =>
      fetch(url.replace(/\/graphql$/, '/reports/projects/p1.json'), {
        headers: { 'x-api-key': key },
      });
    expect((await report(KEY_A_READ_ONLY)).status).toBe(200);
    expect((await report(KEY_B)).status).toBe(404);
    expect((await report(KEY_A_INGEST_ONLY)).status).toBe(403);
    // Another tenant's artifact: no history, no iteration.
    expect(
      (await gql('{ artifact(projectId: "p1", id: "shot-1") { statusHistory { status } } }', KEY_B))
        .body.data,
    ).toEqual({ artifact: null });
  });

  it('a key with only the ingest role cannot read', async () => {
    const ingestOnly = await gql('{ project(id: "p1") { id } }', KEY_A_INGEST_ONLY);
    expect(ingestOnly.body.data?.project ?? null).toBeNull();
    expect(ingestOnly.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(ingestOnly.body.errors?.[0].message).toBe("this API key lacks the 'read' role");
  });

  it('guards factor-set publication by role and names each bad override', async () => {
    const publish = `mutation($input: PublishFactorSetInput!) { publishFactorSet(input: $input) { version } }`;
    const good = {
      id: 'grid.location.GB',
      value: 120,
      unit: 'gCO2e/kWh',
      source: 'Studio PPA meter data',
      year: 2026,
    };
    const readOnly = await gql(publish, KEY_A_READ_ONLY, {
      input: { name: 'ppa', factors: [good] },
    });
    expect(readOnly.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(readOnly.body.errors?.[0].message).toBe("this API key lacks the 'admin' role");
    const bad = await gql(publish, KEY_A, {
      input: {
        name: 'ppa',
        factors: [
          { ...good, id: 'grid.location.NOWHERE' },
          { ...good, unit: 'kgCO2e/kWh' },
        ],
      },
    });
    expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0].message).toContain(
      "input.factors[0].id: 'grid.location.NOWHERE' is not a factor",
    );
    expect(bad.body.errors?.[0].message).toContain("input.factors[1].unit: must be 'gCO2e/kWh'");
    // this gateway was started without an event log to publish to
    const noLog = await gql(publish, KEY_A, { input: { name: 'ppa', factors: [good] } });
    expect(noLog.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const status = await gql(
      '{ projection { currentVersion factorSetVersion building { version } } factorSets { version } }',
    );
    expect(status.body.data).toEqual({
      projection: { currentVersion: 1, factorSetVersion: null, building: null },
      factorSets: [],
    });
  });

  it('scores SCI per functional unit: counted artifacts or a stated quantity', async () => {
    const sci = (per: string) =>
      gql(
        `{ project(id: "p1") { sci(per: ${per}) { functionalUnit quantity co2eGPerUnit lowGPerUnit highGPerUnit co2eMarketGPerUnit } } }`,
      );
    // project: 350 g (315–385), market 140 g
    const perMinute = await sci('{ unit: "finished minute", quantity: 7 }');
    expect(perMinute.body.data!.project.sci).toEqual({
      functionalUnit: 'finished minute',
      quantity: 7,
      co2eGPerUnit: expect.closeTo(50, 9), // 350 / 7
      lowGPerUnit: expect.closeTo(45, 9), // 315 / 7
      highGPerUnit: expect.closeTo(55, 9), // 385 / 7
      co2eMarketGPerUnit: expect.closeTo(20, 9), // 140 / 7
    });
    const perVideo = await sci('{ artifactKind: "video" }');
    expect(perVideo.body.data!.project.sci).toMatchObject({
      quantity: 5,
      co2eGPerUnit: expect.closeTo(70, 9),
    });
    const perFinal = await sci('{ artifactKind: "video", artifactStatuses: ["final"] }');
    expect(perFinal.body.data!.project.sci).toMatchObject({
      functionalUnit: 'artifact of kind video (final)',
      quantity: 2,
      co2eGPerUnit: expect.closeTo(175, 9),
    });
    const none = await sci('{ artifactKind: "scene" }');
    expect(none.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'per.artifactKind',
    });
    const both = await sci('{ artifactKind: "video", unit: "minute", quantity: 3 }');
    expect(both.body.errors?.[0].message).toContain(
      'per: give either artifactKind or unit and quantity',
    );
  });

  it('serves each tenant only its own projection failures, newest first, page by page', async () => {
    const store = new EmissionStore(db);
    const failure = (tenant: string, offset: string, reason: string) => ({
      tenant,
      eventId: `event-${offset}`,
      group: 'greenops-projector',
      log: { topic: 'greenops.activities.v1', partition: 1, offset },
      projectionVersion: 1,
      stage: 'compute' as const,
      field: 'greenops.hw.power_w',
      reason,
    });
    await store.commitBatch({
      facts: [],
      artifacts: [],
      offsets: [],
      failures: [
        failure('a', '100', 'first of a'),
        failure('b', '101', 'of b'),
        failure('a', '102', 'second of a'),
      ],
    });
    const page = `query($after: String) { projectionFailures(first: 1, after: $after) {
        nodes { eventId topic partition offset projectionVersion stage field reason failedAt }
        pageInfo { hasNextPage endCursor } } }`;
    const first = await gql(page, KEY_A_READ_ONLY);
    expect(first.body.data!.projectionFailures.nodes).toEqual([
      {
        eventId: 'event-102',
        topic: 'greenops.activities.v1',
        partition: 1,
        offset: '102',
        projectionVersion: 1,
        stage: 'compute',
        field: 'greenops.hw.power_w',
        reason: 'second of a',
        failedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    ]);
    expect(first.body.data!.projectionFailures.pageInfo.hasNextPage).toBe(true);
    const second = await gql(page, KEY_A_READ_ONLY, {
      after: first.body.data!.projectionFailures.pageInfo.endCursor,
    });
    expect(
      second.body.data!.projectionFailures.nodes.map((n: { reason: string }) => n.reason),
    ).toEqual(['first of a']);
    expect(second.body.data!.projectionFailures.pageInfo).toEqual({
      hasNextPage: false,
      endCursor: expect.any(String),
    });
    const ofB = await gql('{ projectionFailures { nodes { reason } } }', KEY_B);
    expect(ofB.body.data!.projectionFailures.nodes).toEqual([{ reason: 'of b' }]);
    const badCursor = await gql(page, KEY_A, { after: 'nope' });
    expect(badCursor.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('refuses a published factor outside its unit range, naming key, value and range', async () => {
    const publish = `mutation($input: PublishFactorSetInput!) { publishFactorSet(input: $input) { version } }`;
    const gb = { id: 'grid.location.GB', unit: 'gCO2e/kWh', source: 'Studio meter', year: 2026 };
    for (const value of [1e308, -500]) {
      const bad = await gql(publish, KEY_A, {
        input: { name: 'ppa', factors: [{ ...gb, value }] },
      });
      expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.body.errors?.[0].message).toContain(
        `input.factors[0].value: grid.location.GB value ${value} gCO2e/kWh is outside the plausible range [0, 2000] gCO2e/kWh`,
      );
    }
  });

  it('answers liveness and readiness probes without a key', async () => {
    const live = await fetch(url.replace('/graphql', '/livez'));
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'alive' });
    // No readiness checks given to this app: ready. /healthz is /readyz.
    for (const path of ['/readyz', '/healthz']) {
      const response = await fetch(url.replace('/graphql', path));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready', checks: [] });
    }
  });

  it('refuses request bodies over 1 MB', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY_A },
      body: JSON.stringify({ query: `{ project(id: "p1") { id } } # ${'x'.repeat(1_100_000)}` }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'request entity too large' },
    });
  });

  it("tells a key's tenant and roles (viewer), and a key without 'read' nothing", async () => {
    expect((await gql('{ viewer { tenant roles } }', KEY_A_READ_ONLY)).body.data).toEqual({
      viewer: { tenant: 'a', roles: ['read'] },
    });
    expect((await gql('{ viewer { tenant } }', KEY_B)).body.data).toEqual({
      viewer: { tenant: 'b' },
    });
    const ingestOnly = await gql('{ viewer { tenant roles } }', KEY_A_INGEST_ONLY);
    expect(ingestOnly.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(ingestOnly.body.data ?? null).toBeNull();
  });

  it('serves the dashboard at / with a strict CSP, next to an unchanged /graphql', async () => {
    const origin = url.replace('/graphql', '');
    const index = await fetch(`${origin}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toBe('<!doctype html><div id="root"></div>');
    const csp = index.headers.get('content-security-policy');
    expect(csp).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${origin}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-security-policy')).toBe(csp);
    expect(await (await fetch(`${origin}/dashboard-config.json`)).json()).toEqual({
      otlpHttpUrl: 'http://127.0.0.1:4318/v1/traces',
      otlpGrpcUrl: null,
    });
    expect((await fetch(`${origin}/assets/missing.js`)).status).toBe(404);
    // /graphql answers as before: a GET from a browser is still refused (CSRF prevention),
    // without the dashboard's headers; POST queries are the other tests of this file.
    const get = await fetch(`${url}?query=%7Bviewer%7Btenant%7D%7D`);
    expect(get.status).toBe(400);
    expect(get.headers.get('content-security-policy')).toBeNull();
    // A gateway without the dashboard option serves nothing at /.
    expect((await fetch(smallBudgetUrl.replace('/graphql', '/'))).status).toBe(404);
  });
});
