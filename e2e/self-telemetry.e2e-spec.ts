import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiKeyStore, openPostgres } from '@greenops/persistence';
import {
  createTestDatabase,
  freePort,
  kafkaBrokers,
  waitFor,
  type TestDatabase,
} from '@greenops/testing';
import { otlpJsonRequest, postOtlpJson } from './support/otlp-json';
import { T0 } from './support/render-scenario';
import { ServiceProcess } from './support/service-process';

/** What an OTLP/HTTP JSON backend received: the bodies posted to /v1/traces and /v1/metrics. */
class OtlpJsonSink {
  readonly traces: unknown[] = [];
  readonly metrics: unknown[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const parsed: unknown = body ? JSON.parse(body) : {};
        if (req.url === '/v1/traces') this.traces.push(parsed);
        if (req.url === '/v1/metrics') this.metrics.push(parsed);
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

interface DataPoint {
  asInt?: string | number;
  asDouble?: number;
  attributes?: Array<{ key: string; value: { stringValue?: string } }>;
}
interface OtlpMetric {
  name: string;
  sum?: { dataPoints: DataPoint[] };
  histogram?: { dataPoints: Array<{ count: string | number }> };
}
type MetricsBody = {
  resourceMetrics: Array<{
    resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
    scopeMetrics: Array<{ metrics: OtlpMetric[] }>;
  }>;
};
type TracesBody = {
  resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ name: string }> }> }>;
};

/** The latest value of a cumulative counter per `outcome` attribute. */
function counterByOutcome(bodies: unknown[], name: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const body of bodies as MetricsBody[]) {
    for (const rm of body.resourceMetrics ?? []) {
      for (const sm of rm.scopeMetrics ?? []) {
        for (const metric of sm.metrics ?? []) {
          if (metric.name !== name) continue;
          for (const point of metric.sum?.dataPoints ?? []) {
            const outcome =
              point.attributes?.find((a) => a.key === 'outcome')?.value.stringValue ?? '';
            values[outcome] = Number(point.asInt ?? point.asDouble);
          }
        }
      }
    }
  }
  return values;
}

describe('self-telemetry (OTEL_* variables)', () => {
  const run = randomBytes(4).toString('hex');
  const tenant = `selftel-${run}`;
  const key = `key-selftel-${randomBytes(24).toString('hex')}`;
  const sink = new OtlpJsonSink();
  let database: TestDatabase;
  let ingest: ServiceProcess;
  let otlpUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase('ops_health_selftel');
    const db = await openPostgres(database.url);
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant(tenant);
    await keys.addKey(tenant, key, ['ingest']);
    await db.close();
    const endpoint = await sink.start();
    const [httpPort, grpcPort] = [await freePort(), await freePort()];
    ingest = ServiceProcess.built('ingest', 'dist/apps/ingest/src/main.js', {
      GREENOPS_DATABASE_URL: database.url,
      GREENOPS_KAFKA_BROKERS: kafkaBrokers().join(','),
      GREENOPS_OTLP_HTTP_PORT: String(httpPort),
      GREENOPS_OTLP_GRPC_PORT: String(grpcPort),
      // Any OTLP backend: here one that reads OTLP/JSON.
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
      OTEL_METRIC_EXPORT_TIMEOUT: '1000',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
    await ingest.start(/OTLP\/gRPC at/);
    otlpUrl = `http://127.0.0.1:${httpPort}/v1/traces`;
  });

  afterAll(async () => {
    await ingest?.stop();
    await sink.stop();
    await database?.drop();
  });

  it('exports the ingest counters, publish latency and export spans to the configured endpoint', async () => {
    const good = (i: number) => ({
      name: `selftel render ${i}`,
      startMs: T0 + i * 3600_000,
      durationS: 60,
      attributes: {
        'greenops.project.id': `selftel-${run}`,
        'greenops.activity.kind': 'render',
        'greenops.energy.kwh': 0.1,
        'greenops.location.country': 'GB',
      },
    });
    // 3 spans: 2 usable, 1 without greenops.activity.kind (rejected).
    const bad = { ...good(2), attributes: { 'greenops.project.id': `selftel-${run}` } };
    const answer = await postOtlpJson(otlpUrl, key, otlpJsonRequest([good(0), good(1), bad]).body);
    expect(answer.status).toBe(200);
    expect(Number(answer.json.partialSuccess?.rejectedSpans)).toBe(1);

    const counts = await waitFor(
      async () => {
        const c = counterByOutcome(sink.metrics, 'greenops.ingest.spans');
        return c.accepted === 2 && c.rejected === 1 ? c : false;
      },
      { timeoutMs: 20000, description: 'greenops.ingest.spans accepted 2, rejected 1' },
    );
    expect(counts).toEqual({ accepted: 2, rejected: 1 });
    const metricNames = new Set(
      (sink.metrics as MetricsBody[]).flatMap((b) =>
        b.resourceMetrics.flatMap((rm) =>
          rm.scopeMetrics.flatMap((sm) => sm.metrics.map((m) => m.name)),
        ),
      ),
    );
    expect(metricNames).toContain('greenops.ingest.publish.duration');
    const serviceNames = (sink.metrics as MetricsBody[]).flatMap((b) =>
      b.resourceMetrics.map(
        (rm) => rm.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue,
      ),
    );
    expect(serviceNames).toContain('greenops-ingest');

    await waitFor(
      async () =>
        (sink.traces as TracesBody[]).some((b) =>
          b.resourceSpans.some((rs) =>
            rs.scopeSpans.some((ss) => ss.spans.some((s) => s.name === 'greenops.ingest.export')),
          ),
        ),
      { timeoutMs: 20000, description: 'a greenops.ingest.export span' },
    );
  });
});
