import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@greenops/testing';
import { freePort } from '@greenops/testing';
import { EMISSIONS_FIELDS, graphql } from './support/graphql-client';
import { expectEmissions, type EmissionsLike } from './support/expect-emissions';
import { OtelSender } from './support/otel-senders';
import { otlpJsonRequest, postOtlpJson } from './support/otlp-json';
import {
  EXPECTED,
  hostEmbodiedG,
  renderScenarioSpans,
  T0,
  untaggedRenderSpan,
} from './support/render-scenario';
import { ServiceProcess } from './support/service-process';

/**
 * Embedded mode, as `npm start` runs it: one process, embedded TimescaleDB (PGlite) persisted to
 * a data folder, the embedded durable event log — driven by the official OTel exporters.
 */
describe('embedded mode (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'greenops-e2e-'));
  const apiKey = 'embedded-e2e-key-0123456789';
  let platform: ServiceProcess;
  let env: Record<string, string>;
  let urls: { http: string; grpc: string; graphql: string };

  async function emissionsOf(query: string, variables: Record<string, unknown>, key = apiKey) {
    const { body } = await graphql<
      Record<string, { emissions: EmissionsLike; activityCount?: number } | null>
    >(urls.graphql, key, query, variables);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }
  const projectQuery = `query($id: ID!) { project(id: $id) { emissions { ${EMISSIONS_FIELDS} } } }`;
  /**
   * Sends one span to its own project after everything sent so far and waits until it is
   * projected: the embedded log is a single ordered partition, so everything before it is too.
   */
  async function sendSentinel(project: string): Promise<void> {
    const sender = OtelSender.httpProtobuf(urls.http, apiKey);
    await sender.send([untaggedRenderSpan(project)]);
    await sender.shutdown();
    await waitFor(
      async () => ((await emissionsOf(projectQuery, { id: project }))?.project ?? null) !== null,
      { timeoutMs: 60000, description: `sentinel ${project} projected (log:\n${platform.log})` },
    );
  }
  const artifactQuery = `query($p: ID!, $id: ID!) { artifact(projectId: $p, id: $id) { activityCount emissions { ${EMISSIONS_FIELDS} } } }`;

  beforeAll(async () => {
    const [httpPort, grpcPort, graphqlPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    env = {
      GREENOPS_DATA_DIR: dataDir,
      GREENOPS_API_KEY: apiKey,
      GREENOPS_OTLP_HTTP_PORT: String(httpPort),
      GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
      GREENOPS_GRAPHQL_PORT: String(graphqlPort),
      // tighter than the 24 h default, to show the setting reaches the receivers
      GREENOPS_SPAN_MAX_FUTURE_SKEW: '1h',
    };
    urls = {
      http: `http://127.0.0.1:${httpPort}/v1/traces`,
      grpc: `http://127.0.0.1:${grpcPort}`,
      graphql: `http://127.0.0.1:${graphqlPort}/graphql`,
    };
    platform = ServiceProcess.built('platform', 'dist/apps/platform/src/main.js', env);
    await platform.start(/GraphQL\s+http/, 120000);
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the OTLP and GraphQL URLs when ready', () => {
    expect(platform.log).toContain(urls.http);
    expect(platform.log).toContain(urls.graphql);
    expect(platform.log).not.toContain(apiKey); // a key the operator chose is never echoed
  });

  it('projects spans from the OTLP/HTTP and OTLP/gRPC exporters to the CO2e worked by hand', async () => {
    const http = OtelSender.httpProtobuf(urls.http, apiKey);
    const grpc = OtelSender.grpc(urls.grpc, apiKey);
    await http.send(renderScenarioSpans('series-s01'));
    await grpc.send([untaggedRenderSpan('series-s01')]);
    await http.resend(http.finishedSpans()); // duplicate delivery
    await Promise.all([http.shutdown(), grpc.shutdown()]);
    // The embedded log is one ordered partition: once a sentinel appended after the duplicates
    // is projected, the duplicates were handled too (and must not have counted).
    await sendSentinel('series-s01-sentinel');
    expectEmissions(
      (await emissionsOf(projectQuery, { id: 'series-s01' }))?.project?.emissions,
      EXPECTED.project,
    );
    const sh010 = (await emissionsOf(artifactQuery, { p: 'series-s01', id: 'sh010' }))?.artifact;
    expect(sh010?.activityCount).toBe(3);
    expectEmissions(sh010?.emissions, EXPECTED.sh010);
    expectEmissions(
      (await emissionsOf(artifactQuery, { p: 'series-s01', id: 'sh010-v1' }))?.artifact?.emissions,
      EXPECTED.sh010v1,
    );
  });

  it('keeps its data across a restart of the process', async () => {
    // Its own project: one untagged render (1 kWh × 100 g/kWh = 100 g, + a 10-minute host share).
    const project = 'restart-project';
    const before = OtelSender.httpProtobuf(urls.http, apiKey);
    await before.send([untaggedRenderSpan(project)]);
    await before.shutdown();
    await sendSentinel('restart-sentinel-1');
    const oneRender = { energyKwh: 1, operationalG: 100, co2eG: 100 + hostEmbodiedG(600) };
    expectEmissions(
      (await emissionsOf(projectQuery, { id: project }))?.project?.emissions,
      oneRender,
    );

    await platform.stop();
    platform = ServiceProcess.built('platform', 'dist/apps/platform/src/main.js', env);
    await platform.start(/GraphQL\s+http/, 120000);
    expectEmissions(
      (await emissionsOf(projectQuery, { id: project }))?.project?.emissions,
      oneRender,
    );

    const after = OtelSender.httpProtobuf(urls.http, apiKey);
    await after.send([
      { ...untaggedRenderSpan(project), name: 'after restart', startMs: T0 + 10 * 3600_000 },
    ]);
    await after.shutdown();
    await sendSentinel('restart-sentinel-2');
    // one more untagged render: 2 kWh, 200 g operational, two 10-minute host shares
    expectEmissions((await emissionsOf(projectQuery, { id: project }))?.project?.emissions, {
      energyKwh: 2,
      operationalG: 200,
      co2eG: 200 + 2 * hostEmbodiedG(600),
    });
  });

  it('rejects spans dated before 2000 or more than the configured 1 h ahead, naming the limit', async () => {
    const attributes = {
      'greenops.project.id': 'time-limits',
      'greenops.activity.kind': 'render',
      'greenops.energy.kwh': 1,
    };
    const twoHoursAhead = Date.now() + 2 * 3600_000;
    const { body } = otlpJsonRequest([
      { name: 'in 1999', startMs: Date.UTC(1999, 11, 31), durationS: 60, attributes },
      { name: 'in two hours', startMs: twoHoursAhead, durationS: 60, attributes },
      { name: 'now', startMs: Date.now() - 60_000, durationS: 60, attributes },
    ]);
    const response = await postOtlpJson(urls.http, apiKey, body);
    expect(response.status).toBe(200);
    expect(Number(response.json.partialSuccess?.rejectedSpans)).toBe(2);
    const message = response.json.partialSuccess?.errorMessage ?? '';
    expect(message).toContain(
      '(name "in 1999"): startTimeUnixNano: must not be before 2000-01-01T00:00:00.000Z, got 1999-12-31T00:00:00.000Z',
    );
    expect(message).toContain(
      `(name "in two hours"): startTimeUnixNano: must not be more than 1 h ahead of the receiver's clock`,
    );
  });

  it('serves a rejected span with a 3.9 MiB name back with the name bounded to 256 characters', async () => {
    // No greenops.project.id: each span is rejected and kept as a dead-letter record.
    const name = 'n'.repeat(Math.floor(3.9 * 1024 * 1024));
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { body, ids } = otlpJsonRequest([
        { name, startMs: T0, durationS: 60, attributes: { 'greenops.activity.kind': 'render' } },
      ]);
      const response = await postOtlpJson(urls.http, apiKey, body);
      expect(response.status).toBe(200);
      sent.push(ids[0].spanId);
    }
    type Rejections = { rejectedSpans: Array<{ spanId: string; spanName: string }> };
    const query = '{ rejectedSpans(first: 100) { spanId spanName } }';
    let answerBytes = 0;
    let rows: Rejections['rejectedSpans'] = [];
    await waitFor(
      async () => {
        const response = await fetch(urls.graphql, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({ query }),
        });
        const text = await response.text();
        answerBytes = text.length;
        rows = (JSON.parse(text) as { data?: Rejections }).data?.rejectedSpans ?? [];
        return sent.every((id) => rows.some((r) => r.spanId === id));
      },
      { timeoutMs: 60000, description: 'the three rejected spans recorded' },
    );
    for (const id of sent) {
      // 255 characters + "…"
      expect(rows.find((r) => r.spanId === id)?.spanName).toBe(`${'n'.repeat(255)}…`);
    }
    // every row is small: a few hundred bytes each, never the megabytes that were sent
    expect(answerBytes).toBeLessThan(rows.length * 1024);
  });

  it('refuses a wrong key', async () => {
    const { body } = await graphql(urls.graphql, 'wrong-key-wrong-key', projectQuery, {
      id: 'series-s01',
    });
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('embedded mode on the official PGlite build (GREENOPS_EMBEDDED_ENGINE=pglite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'greenops-e2e-pglite-'));
  const apiKey = 'embedded-pglite-e2e-key-0123456789';
  let platform: ServiceProcess;
  let urls: { http: string; graphql: string };
  const projectQuery = `query($id: ID!) { project(id: $id) { emissions { ${EMISSIONS_FIELDS} } } }`;

  async function projectEmissions(id: string): Promise<EmissionsLike | undefined> {
    const { body } = await graphql<{ project: { emissions: EmissionsLike } | null }>(
      urls.graphql,
      apiKey,
      projectQuery,
      { id },
    );
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data?.project?.emissions;
  }

  beforeAll(async () => {
    const [httpPort, grpcPort, graphqlPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    urls = {
      http: `http://127.0.0.1:${httpPort}/v1/traces`,
      graphql: `http://127.0.0.1:${graphqlPort}/graphql`,
    };
    platform = ServiceProcess.built('platform', 'dist/apps/platform/src/main.js', {
      GREENOPS_EMBEDDED_ENGINE: 'pglite',
      GREENOPS_DATA_DIR: dataDir,
      GREENOPS_API_KEY: apiKey,
      GREENOPS_OTLP_HTTP_PORT: String(httpPort),
      GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
      GREENOPS_GRAPHQL_PORT: String(graphqlPort),
    });
    await platform.start(/GraphQL\s+http/, 120000);
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('projects the render scenario to the same figures worked by hand, on the plain-PostgreSQL schema', async () => {
    expect(platform.log).toContain('engine pglite');
    const http = OtelSender.httpProtobuf(urls.http, apiKey);
    await http.send([...renderScenarioSpans('series-s01'), untaggedRenderSpan('series-s01')]);
    await http.shutdown();
    await waitFor(
      async () =>
        ((await projectEmissions('series-s01'))?.energyKwh ?? 0) >=
        EXPECTED.project.energyKwh - 1e-9,
      { timeoutMs: 60000, description: `series-s01 projected (log:\n${platform.log})` },
    );
    expectEmissions(await projectEmissions('series-s01'), EXPECTED.project);
  });
});

describe('embedded mode configuration', () => {
  it('fails at start with a readable message naming each bad variable', async () => {
    const bad = ServiceProcess.built('platform', 'dist/apps/platform/src/main.js', {
      GREENOPS_GRAPHQL_PORT: 'graphql',
      GREENOPS_API_KEY: 'short',
      GREENOPS_SPAN_EARLIEST: 'last year',
      GREENOPS_SPAN_MAX_FUTURE_SKEW: '90d',
      GREENOPS_EMBEDDED_ENGINE: 'sqlite',
    });
    const failure = await bad.start(/ready/, 30000).then(
      () => new Error('started with invalid configuration'),
      (error: Error) => error,
    );
    expect(failure.message).toMatch(/exited with 78/);
    expect(failure.message).toContain('GREENOPS_GRAPHQL_PORT: must be a TCP port number');
    expect(failure.message).toContain('GREENOPS_API_KEY: must be at least 16 characters');
    expect(failure.message).toContain(
      'GREENOPS_SPAN_EARLIEST: must be an ISO 8601 instant with a time zone',
    );
    expect(failure.message).toContain('GREENOPS_SPAN_MAX_FUTURE_SKEW: must be at most 30d');
    expect(failure.message).toContain(
      'GREENOPS_EMBEDDED_ENGINE: must be one of "timescale", "pglite"',
    );
  });
});
