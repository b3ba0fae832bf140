import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@greenops/testing';
import { loadEmbeddedConfig } from './embedded.config';
import { startEmbeddedPlatform, type RunningPlatform } from './embedded-platform';

const API_KEY = 'read-write-priority-key-0123456789';
/** Concurrent dashboard operations, each with ALIASES project lookups (one SQL read each). */
const OPERATIONS = 60;
const ALIASES = 10;

/** One render span of 1 kWh measured at PUE 1, as OTLP/JSON. */
function renderRequest(projectId: string, startMs: number): unknown {
  const startNs = BigInt(startMs) * 1_000_000n;
  const attribute = (key: string, value: { stringValue: string } | { doubleValue: number }) => ({
    key,
    value,
  });
  return {
    resourceSpans: [
      {
        resource: { attributes: [] },
        scopeSpans: [
          {
            scope: { name: 'priority-test' },
            spans: [
              {
                traceId: randomBytes(16).toString('hex'),
                spanId: randomBytes(8).toString('hex'),
                name: 'render',
                kind: 1,
                startTimeUnixNano: startNs.toString(),
                endTimeUnixNano: (startNs + 600_000_000_000n).toString(),
                attributes: [
                  attribute('greenops.project.id', { stringValue: projectId }),
                  attribute('greenops.activity.kind', { stringValue: 'render' }),
                  attribute('greenops.energy.kwh', { doubleValue: 1.5 }),
                  attribute('greenops.pue', { doubleValue: 1.0 }),
                  attribute('greenops.carbon_intensity.g_per_kwh', { doubleValue: 100.5 }),
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

/**
 * Embedded mode shares one database connection between ingest, the projector and the gateway
 * (docs/architecture.md, "Reads and writes on one connection"). Dashboards reading hard must not
 * hold up ingest: its append is served before the reads queued ahead of it.
 */
describe('embedded platform: reads never block ingest', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'greenops-priority-'));
  let platform: RunningPlatform;

  beforeAll(async () => {
    const config = loadEmbeddedConfig({
      GREENOPS_DATA_DIR: dataDir,
      GREENOPS_API_KEY: API_KEY,
      GREENOPS_OTLP_HTTP_PORT: '0',
      GREENOPS_OTLP_GRPC_PORT: '0',
      GREENOPS_GRAPHQL_PORT: '0',
    });
    platform = await startEmbeddedPlatform(config, () => undefined);
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify(body),
    });

  it('serves an OTLP append before the dashboard reads queued ahead of it', async () => {
    const seeded = await post(
      platform.urls.otlpHttp,
      renderRequest('dash', Date.UTC(2026, 10, 2, 9)),
    );
    expect(seeded.status).toBe(200);
    const dashboard = `{ ${Array.from(
      { length: ALIASES },
      (_, i) => `p${i}: project(id: "dash") { emissions { energyKwh } }`,
    ).join(' ')} }`;
    await waitFor(
      async () => {
        const response = await post(platform.urls.graphql, { query: dashboard });
        const body = (await response.json()) as { data?: { p0: unknown } };
        return body.data?.p0 !== null && body.data?.p0 !== undefined;
      },
      { timeoutMs: 60000, description: 'the seeded span projected' },
    );

    // Heavy reads: OPERATIONS × ALIASES = 600 SQL reads requested at once.
    let completed = 0;
    let firstDone!: () => void;
    const firstCompleted = new Promise<void>((resolve) => (firstDone = resolve));
    const reads = Array.from({ length: OPERATIONS }, async () => {
      const response = await post(platform.urls.graphql, { query: dashboard });
      const body = (await response.json()) as {
        data?: Record<string, { emissions: { energyKwh: number } }>;
        errors?: unknown[];
      };
      completed += 1;
      firstDone();
      return body;
    });
    // Once one operation has been answered, the others' reads are queued.
    await firstCompleted;
    const completedAtSend = completed;
    const ingest = await post(
      platform.urls.otlpHttp,
      renderRequest('live', Date.UTC(2026, 10, 2, 10)),
    );
    const completedDuringIngest = completed - completedAtSend;
    expect(ingest.status).toBe(200);
    expect(await ingest.json()).toEqual({});

    // Each of ingest's database operations waits for at most the one read in flight, never for
    // the queue: most operations queued before the append are still waiting when it is
    // answered. (Without the read gate the append queued behind all of their reads.)
    const queuedAtSend = OPERATIONS - completedAtSend;
    expect(completedDuringIngest).toBeLessThan(queuedAtSend / 2);

    // And every dashboard read is answered in full: 1.5 kWh at PUE 1 = 1.5 kWh per alias.
    for (const body of await Promise.all(reads)) {
      expect(body.errors).toBeUndefined();
      expect(Object.values(body.data!).map((p) => p.emissions.energyKwh)).toEqual(
        Array.from({ length: ALIASES }, () => 1.5),
      );
    }
  });
});
