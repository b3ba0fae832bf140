import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@greenops/testing';
import { loadEmbeddedConfig } from './embedded.config';
import { startEmbeddedPlatform, type RunningPlatform } from './embedded-platform';

const API_KEY = 'whatif-int-admin-key-0123456789';
const INTEGERS = new Set([
  'greenops.ai.video.width',
  'greenops.ai.video.height',
  'greenops.ai.video.frames',
  'greenops.ai.denoising_steps',
]);

/** One OTLP/JSON span of `durationS` seconds. */
function span(start: string, durationS: number, attrs: Record<string, string | number>) {
  const startNs = BigInt(Date.parse(start)) * 1_000_000n;
  return {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    name: String(attrs['greenops.activity.kind']),
    kind: 1,
    startTimeUnixNano: startNs.toString(),
    endTimeUnixNano: (startNs + BigInt(durationS) * 1_000_000_000n).toString(),
    attributes: Object.entries({ 'greenops.project.id': 'spot-01', ...attrs }).map(
      ([key, value]) => ({
        key,
        value:
          typeof value === 'string'
            ? { stringValue: value }
            : INTEGERS.has(key)
              ? { intValue: String(value) }
              : { doubleValue: value },
      }),
    ),
  };
}

/** 10 kWh measured in a GB server room (PUE 1.8, band 1.5–2.1). */
const render = (start: string) =>
  span(start, 3600, {
    'greenops.activity.kind': 'render',
    'greenops.energy.kwh': 10,
    'greenops.facility.type': 'server-room',
    'greenops.location.country': 'GB',
  });

/** WAN2.1-T2V-1.3B bought as a service on the US grid: 1920×1080, 8 s × 24 fps, 50 steps. */
const clip = span('2026-03-02T12:00:00Z', 600, {
  'greenops.activity.kind': 'ai.inference',
  'gen_ai.request.model': 'WAN2.1-T2V-1.3B',
  'greenops.ai.modality': 'video',
  'greenops.ai.video.width': 1920,
  'greenops.ai.video.height': 1080,
  'greenops.ai.video.frames': 192,
  'greenops.ai.video.fps': 24,
  'greenops.ai.video.duration_s': 8,
  'greenops.ai.denoising_steps': 50,
  'greenops.location.country': 'US',
});

// CT 2026 App. 3: 1,847 Wh GPU at 1080p × 1.178 other IT × PUE 1.1 = 2.3933426 facility kWh.
const CLIP_FACILITY_KWH = (1847 * 1.178 * 1.1) / 1000;

const WHAT_IF = `query ($s: WhatIfScenarioInput!) { whatIf(projectId: "spot-01", scenario: $s) {
  actual { activityCount co2eG } scenario { activityCount co2eG } differenceG notes } }`;

/**
 * Spans in through OTLP, projected by the embedded projector (which keeps each activity's
 * inputs), recomputed by whatIf on both embedded engines: the projector's write path end to end.
 */
describe.each([
  ['embedded TimescaleDB', 'timescale'],
  ['embedded plain PGlite', 'pglite'],
] as const)('whatIf on the %s platform', (_name, engine) => {
  const dataDir = mkdtempSync(join(tmpdir(), `greenops-whatif-${engine}-`));
  let platform: RunningPlatform;

  async function gql(query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(platform.urls.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ query, variables }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes vary per query
    return (await response.json()) as { data?: any; errors?: any[] };
  }

  beforeAll(async () => {
    const config = loadEmbeddedConfig({
      GREENOPS_DATA_DIR: dataDir,
      GREENOPS_EMBEDDED_ENGINE: engine,
      GREENOPS_API_KEY: API_KEY,
      GREENOPS_OTLP_HTTP_PORT: '0',
      GREENOPS_OTLP_GRPC_PORT: '0',
      GREENOPS_GRAPHQL_PORT: '0',
    });
    platform = await startEmbeddedPlatform(config, () => undefined);
    const sent = await fetch(platform.urls.otlpHttp, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [] },
            scopeSpans: [
              {
                scope: { name: 'what-if-test' },
                spans: [render('2026-03-02T09:00:00Z'), render('2026-03-02T10:00:00Z'), clip],
              },
            ],
          },
        ],
      }),
    });
    expect(await sent.json()).toEqual({});
    await waitFor(
      async () => {
        const p = await gql(`{ project(id: "spot-01") { kpis { activityCount } } }`);
        return p.data?.project?.kpis.activityCount === 3;
      },
      { timeoutMs: 60_000, description: 'three activities projected' },
    );
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('recomputes the stored inputs to the served totals, and under a grid change by hand', async () => {
    const served = await gql(`{ project(id: "spot-01") { emissions { co2eG } } }`);
    const { data, errors } = await gql(WHAT_IF, { s: { country: 'FR' } });
    expect(errors).toBeUndefined();
    // as recorded, the engine on the kept inputs gives what the projector served
    expect(data.whatIf.actual.co2eG).toBeCloseTo(served.data.project.emissions.co2eG, 6);
    expect(data.whatIf.actual.activityCount).toBe(3);
    // renders: 2 × 10 kWh × 1.8 × (44.18 − 215.79) = −6,177.96; clip: 2.3933426 × (44.18 − 383.55) = −812.2267
    expect(data.whatIf.differenceG).toBeCloseTo(
      2 * 18 * (44.18 - 215.79) + CLIP_FACILITY_KWH * (44.18 - 383.55),
      6,
    );
    expect(data.whatIf.notes).toEqual(['grid FR: applied to 3 of 3 activities']);
  });

  it('UPSCALE_FROM_720P on the projected clip, by hand', async () => {
    const { data, errors } = await gql(WHAT_IF, { s: { renderResolution: 'UPSCALE_FROM_720P' } });
    expect(errors).toBeUndefined();
    // 720p: 381 Wh × 1.178 × 1.1 = 0.4936998 kWh; upscale 2.0736 MP × 8 s × 24/30 × 12.895 Wh = 0.1711301 kWh;
    // × (US 383.55 + embodied 0.05/0.95 × 410 + training 0.5 × 410 ÷ 0.95) g per facility kWh
    const scenarioKwh = (381 * 1.178 * 1.1 + 2.0736 * 8 * (24 / 30) * 12.895) / 1000;
    const gPerKwh = 383.55 + (0.05 / 0.95) * 410 + (0.5 * 410) / 0.95;
    expect(data.whatIf.differenceG).toBeCloseTo((scenarioKwh - CLIP_FACILITY_KWH) * gPerKwh, 6);
  });
});
