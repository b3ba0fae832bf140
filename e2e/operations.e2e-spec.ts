import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { CONSUMER_SESSION_TIMEOUT_MS } from '@greenops/messaging';
import { ApiKeyStore, openPostgres, type DatabaseHandle } from '@greenops/persistence';
import {
  createTestDatabase,
  freePort,
  kafkaBrokers,
  testBroker,
  waitFor,
  type TestDatabase,
} from '@greenops/testing';
import { EMISSIONS_FIELDS, graphql } from './support/graphql-client';
import { otlpJsonRequest, type JsonSpan } from './support/otlp-json';
import { hostEmbodiedG, T0 } from './support/render-scenario';
import { ServiceProcess } from './support/service-process';

/**
 * Operations in distributed mode (docs/operations.md): liveness and readiness of every service,
 * JSON logs without ERROR lines for normal events, consumers that ride out a broker outage longer
 * than kafkajs' default retry budget, and the consumer group as `platformHealth` shows it.
 *
 * These tests stop and restart the shared test broker (tools/testing testBroker): the e2e tier
 * runs in band, and every test that stops it starts it again, in `afterAll` too.
 */

/** HTTP status of GET url, or 0 when nothing answers. */
async function statusOf(url: string): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await response.text();
    return response.status;
  } catch {
    return 0;
  }
}

interface LogLine {
  time: string;
  level: string;
  service: string;
  msg: string;
  [field: string]: unknown;
}

/** The JSON lines of a service's output (other lines, e.g. a crash of node itself, are kept apart). */
function jsonLines(output: string): { lines: LogLine[]; other: string[] } {
  const lines: LogLine[] = [];
  const other: string[] = [];
  for (const raw of output.split('\n')) {
    if (raw.trim() === '') continue;
    try {
      lines.push(JSON.parse(raw) as LogLine);
    } catch {
      other.push(raw);
    }
  }
  return { lines, other };
}

function errorLines(service: ServiceProcess): LogLine[] {
  return jsonLines(service.log).lines.filter((l) => l.level === 'error');
}

/**
 * A render that used 0.5 kWh over 30 minutes, with PUE 1.0 and 200 g/kWh on the span:
 * operational 0.5 × 200 = 100 g; embodied: the host's share for 0.5 h,
 * 447,000 g / 21,900 h × 0.5 h = 10.2054794… g (render-scenario.ts, Carbon Trust App. 3).
 */
const OPERATIONAL_G_PER_SPAN = 100;

/**
 * The outage outlasts kafkajs' default retry budget (retries 8, initialRetryTime 300 ms, factor
 * 0.2, multiplier 2, maxRetryTime 30 s), after which a consumer on those settings crashes and
 * kafkajs restarts it as a new member. kafkajs (src/retry) tries at once, then waits w0 … w7
 * between the 9 attempts, w0 = 300 ms ± 20 %, w(k+1) = min(2 × (w(k) ± 20 %), 30 s):
 *   nominal  300 + 600 + 1,200 + 2,400 + 4,800 + 9,600 + 19,200 + 30,000            =  68,100 ms
 *   longest  360 + 864 + 2,074 + 4,978 + 11,948 + 28,676 + 30,000 + 30,000          = 108,900 ms
 *            (each step ×2.4, rounded up as kafkajs does, from the 8th wait on capped at 30 s)
 * 120 s exceeds even the longest budget (kafkajs 2.2's own default, 5 retries, is shorter still:
 * at most 360 + 864 + 2,074 + 4,978 + 11,948 = 20,224 ms).
 */
const OUTAGE_MS = 120_000;

/**
 * A broker restarted after the outage reloads the group with the members it last knew. A member
 * that comes back under a new id (kafkajs' own crash-restart) makes the coordinator hold the
 * rebalance until the old id's session timeout expires: 10 s after the coordinator loaded the
 * group. The broker's readiness check (tools/kafka/await-broker.cjs: a group lookup every 200 ms,
 * so after the load) returns within about a second of that load, so a group held for a stale
 * member resumes at least 10 − 1 = 9 s after the broker's readiness (docs/operations.md, "Riding
 * out a broker outage"; the old settings took 9.9–11.8 s in three runs of five). Resuming sooner
 * shows that no member was waited for.
 */
const RESUME_BOUND_S = (CONSUMER_SESSION_TIMEOUT_MS - 1000) / 1000;
const EMBODIED_G_PER_SPAN = hostEmbodiedG(1800);
function halfKwhRender(projectId: string, i: number): JsonSpan {
  return {
    name: `outage render ${i}`,
    startMs: T0 + i * 3600_000,
    durationS: 1800,
    attributes: {
      'greenops.project.id': projectId,
      'greenops.activity.kind': 'render',
      'greenops.energy.kwh': 0.5,
      'greenops.pue': 1.0,
      'greenops.carbon_intensity.g_per_kwh': 200,
    },
  };
}

describe('operations: probes, logs, outages, the consumer group (distributed mode)', () => {
  const run = randomBytes(4).toString('hex');
  const tenant = `ops-${run}`;
  const key = `key-ops-${randomBytes(24).toString('hex')}`;
  const group = `projector-ops-${run}`;
  let database: TestDatabase;
  let db: DatabaseHandle;
  let ingest: ServiceProcess;
  const projectors: ServiceProcess[] = [];
  let gateway: ServiceProcess;
  const urls = {
    otlp: '',
    ingest: '',
    gateway: '',
    graphql: '',
    projectors: [] as string[],
  };

  async function factCount(projectId: string): Promise<number> {
    const rows: Array<{ n: string }> = await db.dataSource.query(
      `select count(*)::text as n from emission_facts where tenant_id = $1 and project_id = $2`,
      [tenant, projectId],
    );
    return Number(rows[0].n);
  }

  /** The trace id the senders put in `traceparent`; refusals are logged with it. */
  const senderTraceId = randomBytes(16).toString('hex');

  async function send(spans: JsonSpan[]): Promise<{ status: number; retryAfter: string | null }> {
    const response = await fetch(urls.otlp, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${key}`,
        traceparent: `00-${senderTraceId}-${randomBytes(8).toString('hex')}-01`,
      },
      body: JSON.stringify(otlpJsonRequest(spans).body),
    });
    await response.text();
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  }

  function startProjector(port: number): ServiceProcess {
    const projector = ServiceProcess.built(
      `projector-${projectors.length + 1}`,
      'dist/apps/projector/src/main.js',
      {
        GREENOPS_DATABASE_URL: database.url,
        GREENOPS_KAFKA_BROKERS: kafkaBrokers().join(','),
        GREENOPS_PROJECTOR_GROUP: group,
        GREENOPS_PROJECTOR_PORT: String(port),
      },
    );
    projectors.push(projector);
    urls.projectors.push(`http://127.0.0.1:${port}`);
    return projector;
  }

  beforeAll(async () => {
    database = await createTestDatabase('ops_health_e2e');
    db = await openPostgres(database.url);
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant(tenant);
    await keys.addKey(tenant, key, ['ingest', 'read', 'admin']);
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
    gateway = ServiceProcess.built('gateway', 'dist/apps/gateway/src/main.js', {
      ...common,
      GREENOPS_GRAPHQL_PORT: String(graphqlPort),
    });
    const first = startProjector(await freePort());
    await Promise.all([
      ingest.start(/OTLP\/gRPC at/),
      first.start(/consuming/),
      gateway.start(/GraphQL at/),
    ]);
    urls.otlp = `http://127.0.0.1:${httpPort}/v1/traces`;
    urls.ingest = `http://127.0.0.1:${httpPort}`;
    urls.gateway = `http://127.0.0.1:${graphqlPort}`;
    urls.graphql = `http://127.0.0.1:${graphqlPort}/graphql`;
  });

  afterAll(async () => {
    // Whatever happened, the next suites get their broker back.
    await testBroker.start();
    await Promise.all([ingest?.stop(), gateway?.stop(), ...projectors.map((p) => p.stop())]);
    await db?.close();
    await database?.drop();
  });

  it('answers /livez and /readyz (and /healthz) on every service, without a key', async () => {
    for (const base of [urls.ingest, urls.gateway, urls.projectors[0]]) {
      await waitFor(async () => (await statusOf(`${base}/readyz`)) === 200, {
        timeoutMs: 30000,
        description: `${base}/readyz 200`,
      });
      expect(await statusOf(`${base}/livez`)).toBe(200);
      expect(await statusOf(`${base}/healthz`)).toBe(200);
    }
    const ready = (await (await fetch(`${urls.ingest}/readyz`)).json()) as {
      status: string;
      checks: Array<{ name: string; ok: boolean }>;
    };
    expect(ready.status).toBe('ready');
    expect(ready.checks.map((c) => [c.name, c.ok])).toEqual([['kafka', true]]);
  });

  it('platformHealth shows two projectors sharing the 6 partitions; the rebalance logs no ERROR', async () => {
    const second = startProjector(await freePort());
    await second.start(/consuming/);
    type Instances = {
      platformHealth: {
        projectors: Array<{
          instanceId: string;
          group: string;
          state: string;
          stale: boolean;
          partitions: Array<{ partition: number; lag: number | null }>;
        }>;
      };
    };
    const query = `{ platformHealth { projectors { instanceId group state stale partitions { partition lag } } } }`;
    const instances = await waitFor(
      async () => {
        const { body } = await graphql<Instances>(urls.graphql, key, query);
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        const mine = body.data!.platformHealth.projectors.filter((p) => p.group === group);
        const owned = mine.map((p) => p.partitions.map((x) => x.partition));
        return mine.length === 2 &&
          mine.every((p) => p.state === 'consuming' && !p.stale) &&
          owned.every((o) => o.length === 3)
          ? mine
          : false;
      },
      { timeoutMs: 60000, description: 'two consuming projectors with 3 partitions each' },
    );
    // The topic has 6 partitions (DEFAULT_TOPIC_PARTITIONS); round-robin gives each member 3,
    // and no partition is owned twice.
    const all = instances.flatMap((p) => p.partitions.map((x) => x.partition)).sort();
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);
    // Each instance's /status says the same as its row.
    for (const base of urls.projectors) {
      const status = (await (await fetch(`${base}/status`)).json()) as {
        instanceId: string;
        partitions: number[];
        partitionLag: Array<{ partition: number }>;
      };
      const row = instances.find((p) => p.instanceId === status.instanceId);
      expect(row?.partitions.map((p) => p.partition)).toEqual(status.partitions);
      expect(status.partitionLag.map((p) => p.partition)).toEqual(status.partitions);
    }
    // The first projector went through a rebalance: kafkajs reports it, at INFO, not ERROR.
    const first = jsonLines(projectors[0].log).lines;
    expect(
      first.some((l) => l.level === 'info' && /rebalanc|re-join|joined the group/i.test(l.msg)),
    ).toBe(true);
    expect(errorLines(projectors[0])).toEqual([]);
    expect(errorLines(projectors[1])).toEqual([]);
    // Needs the admin role.
    const { body } = await graphql<Instances>(urls.graphql, null, query);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rides out a 120 s broker outage while spans are sent: probes flip and recover, projection resumes before a stale member session could expire, exact totals, no ERROR lines', async () => {
    const projectId = `outage-${run}`;
    // Before: 3 spans, projected.
    expect((await send([0, 1, 2].map((i) => halfKwhRender(projectId, i)))).status).toBe(200);
    await waitFor(async () => (await factCount(projectId)) === 3, {
      timeoutMs: 60000,
      description: '3 facts before the outage',
    });
    for (const base of [urls.ingest, ...urls.projectors]) {
      expect(await statusOf(`${base}/readyz`)).toBe(200);
    }

    const memberIds = () =>
      Promise.all(
        urls.projectors.map(
          async (base) =>
            ((await (await fetch(`${base}/status`)).json()) as { memberId: string | null })
              .memberId,
        ),
      );
    const membersBefore = await memberIds();
    const stoppedAt = Date.now();
    await testBroker.stop();
    // A sender like the OTel exporters: each batch of 2 spans is re-sent every second while
    // it is refused with 503, then the next batch; 4 batches in all (8 spans).
    const refusals: Array<{ status: number; retryAfter: string | null }> = [];
    let sending = true;
    const sender = (async () => {
      for (let batch = 0; batch < 4; batch += 1) {
        const spans = [3 + 2 * batch, 4 + 2 * batch].map((i) => halfKwhRender(projectId, i));
        for (;;) {
          const answer = await send(spans);
          if (answer.status === 200) break;
          refusals.push(answer);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
      sending = false;
    })();

    // Not ready within seconds: ingest (the broker does not answer), both projectors (their
    // consumers stop fetching). The gateway, which needs only the database, stays ready.
    await waitFor(async () => (await statusOf(`${urls.ingest}/readyz`)) === 503, {
      timeoutMs: 10000,
      description: 'ingest /readyz 503 during the outage',
    });
    for (const base of urls.projectors) {
      await waitFor(async () => (await statusOf(`${base}/readyz`)) === 503, {
        timeoutMs: 15000,
        description: `${base}/readyz 503 during the outage`,
      });
      expect(await statusOf(`${base}/livez`)).toBe(200);
    }
    expect(await statusOf(`${urls.ingest}/livez`)).toBe(200);
    expect(await statusOf(`${urls.gateway}/readyz`)).toBe(200);

    // Longer than kafkajs' default retry budget (OUTAGE_MS).
    await new Promise((r) => setTimeout(r, Math.max(0, stoppedAt + OUTAGE_MS - Date.now())));
    expect(sending).toBe(true);
    await testBroker.start();
    const returnedAt = Date.now();

    await waitFor(async () => (await statusOf(`${urls.ingest}/readyz`)) === 200, {
      timeoutMs: 30000,
      description: 'ingest ready again',
    });
    const ingestReadyS = (Date.now() - returnedAt) / 1000;
    await waitFor(async () => (await factCount(projectId)) > 3, {
      timeoutMs: 60000,
      intervalMs: 50,
      description: 'the first span sent during the outage projected',
    });
    const resumedS = (Date.now() - returnedAt) / 1000;
    for (const base of urls.projectors) {
      await waitFor(async () => (await statusOf(`${base}/readyz`)) === 200, {
        timeoutMs: 30000,
        description: `${base}/readyz 200 after the outage`,
      });
    }
    const projectorsReadyS = (Date.now() - returnedAt) / 1000;
    await sender;
    const membersAfter = await memberIds();
    console.log(
      `[outage] broker down ${((returnedAt - stoppedAt) / 1000).toFixed(1)} s; after its return: ` +
        `ingest ready in ${ingestReadyS.toFixed(1)} s, projection resumed in ${resumedS.toFixed(1)} s, ` +
        `both projectors ready in ${projectorsReadyS.toFixed(1)} s; ${refusals.length} refused requests; ` +
        `members ${JSON.stringify(membersBefore)} -> ${JSON.stringify(membersAfter)}`,
    );

    // How the consumers came back: crashes, restarts, stale members removed, joins.
    for (const projector of projectors) {
      const lines = jsonLines(projector.log).lines.filter(
        (l) =>
          Date.parse(l.time) >= stoppedAt &&
          /crash|restart|old member|joined the group/i.test(l.msg),
      );
      console.log(
        `[outage] ${projector.name}: ${lines.map((l) => `${l.time.slice(11, 23)} ${l.msg}`).join(' | ')}`,
      );
    }
    // No member was waited for (RESUME_BOUND_S): the old settings fail here.
    expect(resumedS).toBeLessThan(RESUME_BOUND_S);

    // Every request refused during the outage was a 503 with Retry-After: 5.
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((r) => r.status === 503 && r.retryAfter === '5')).toBe(true);

    // 11 spans × 0.5 kWh = 5.5 kWh; operational 11 × 100 g = 1,100 g;
    // embodied 11 × 10.2054794… g = 112.260274 g; co2e 1,212.260274 g.
    await waitFor(async () => (await factCount(projectId)) === 11, {
      timeoutMs: 60000,
      description: '11 facts',
    });
    const { body } = await graphql<{
      project: {
        emissions: { energyKwh: number; co2eG: number; operationalG: number; embodiedG: number };
      };
    }>(
      urls.graphql,
      key,
      `query($id: ID!) { project(id: $id) { emissions { ${EMISSIONS_FIELDS} } } }`,
      {
        id: projectId,
      },
    );
    const emissions = body.data!.project.emissions;
    expect(emissions.energyKwh).toBeCloseTo(5.5, 9);
    expect(emissions.operationalG).toBeCloseTo(11 * OPERATIONAL_G_PER_SPAN, 6);
    expect(emissions.embodiedG).toBeCloseTo(11 * EMBODIED_G_PER_SPAN, 6);
    expect(emissions.co2eG).toBeCloseTo(1100 + 112.26027397, 6);

    // Caught up: every owned partition's lag drops to 0.
    for (const base of urls.projectors) {
      await waitFor(
        async () => {
          const s = (await (await fetch(`${base}/status`)).json()) as {
            partitionLag: Array<{ lag: number | null }>;
          };
          return s.partitionLag.length > 0 && s.partitionLag.every((p) => p.lag === 0);
        },
        { timeoutMs: 30000, description: `${base}/status lag 0 on every partition` },
      );
    }

    // Logs: the refusals are WARN lines with the reason and no stack; nothing at ERROR.
    const ingestLines = jsonLines(ingest.log).lines;
    const refusedLines = ingestLines.filter((l) =>
      /^refused POST \/v1\/traces with 503/.test(l.msg),
    );
    expect(refusedLines.length).toBe(refusals.length);
    expect(refusedLines.every((l) => l.level === 'warn' && l.stack === undefined)).toBe(true);
    expect(ingest.log).not.toMatch(/\n\s+at /);
    expect(errorLines(ingest)).toEqual([]);
    for (const projector of projectors) expect(errorLines(projector)).toEqual([]);
  }, 420_000);
});

describe('gateway readiness follows its database', () => {
  let database: TestDatabase;
  let gateway: ServiceProcess;
  let admin: Client;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase('ops_health_e2e_gw');
    const port = await freePort();
    gateway = ServiceProcess.built('gateway', 'dist/apps/gateway/src/main.js', {
      GREENOPS_DATABASE_URL: database.url,
      GREENOPS_GRAPHQL_PORT: String(port),
    });
    await gateway.start(/GraphQL at/);
    base = `http://127.0.0.1:${port}`;
    admin = new Client({ connectionString: process.env.GREENOPS_TEST_PG_URL });
    await admin.connect();
  });

  afterAll(async () => {
    await admin
      ?.query(`alter database ${database.name} with allow_connections true`)
      .catch(() => undefined);
    await gateway?.stop();
    await admin?.end();
    await database?.drop();
  });

  it('is not ready while its database refuses connections, and ready again after', async () => {
    expect(await statusOf(`${base}/readyz`)).toBe(200);
    // The database goes away for this gateway only: no new connections, existing ones ended.
    await admin.query(`alter database ${database.name} with allow_connections false`);
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database.name],
    );
    await waitFor(async () => (await statusOf(`${base}/readyz`)) === 503, {
      timeoutMs: 15000,
      description: 'gateway /readyz 503 without its database',
    });
    expect(await statusOf(`${base}/livez`)).toBe(200);
    const report = (await (await fetch(`${base}/readyz`)).json()) as {
      checks: Array<{ name: string; ok: boolean }>;
    };
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([['database', false]]);

    await admin.query(`alter database ${database.name} with allow_connections true`);
    await waitFor(async () => (await statusOf(`${base}/readyz`)) === 200, {
      timeoutMs: 15000,
      description: 'gateway /readyz 200 with its database back',
    });
    expect(errorLines(gateway)).toEqual([]);
  });
});
