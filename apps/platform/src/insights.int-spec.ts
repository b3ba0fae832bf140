import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@greenops/testing';
import { loadEmbeddedConfig } from './embedded.config';
import { startEmbeddedPlatform, type RunningPlatform } from './embedded-platform';

const API_KEY = 'insights-int-admin-key-0123456789';
const HOUR_NS = 3_600_000_000_000n;

type AttributeValue = string | number;

/** One span as OTLP/JSON: numbers go as doubles, except the integer counts named below. */
function span(
  projectId: string,
  start: string,
  durationH: number,
  attrs: Record<string, AttributeValue>,
) {
  const startNs = BigInt(Date.parse(start)) * 1_000_000n;
  const integers = new Set([
    'greenops.ai.videos',
    'greenops.hw.count',
    'greenops.ai.video.width',
    'greenops.ai.video.height',
    'greenops.travel.passengers',
  ]);
  return {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    name: String(attrs['greenops.activity.kind']),
    kind: 1,
    startTimeUnixNano: startNs.toString(),
    endTimeUnixNano: (
      startNs +
      BigInt(Math.round(durationH * 3600)) * (HOUR_NS / 3600n)
    ).toString(),
    attributes: Object.entries({ 'greenops.project.id': projectId, ...attrs }).map(
      ([key, value]) => ({
        key,
        value:
          typeof value === 'string'
            ? { stringValue: value }
            : integers.has(key)
              ? { intValue: String(value) }
              : { doubleValue: value },
      }),
    ),
  };
}

/** Measured energy at PUE 1 on a 100 g/kWh grid (market 40 g/kWh): co2e = kWh × 100 g. */
const GRID = {
  'greenops.pue': 1.0,
  'greenops.carbon_intensity.g_per_kwh': 100,
  'greenops.carbon_intensity.market.g_per_kwh': 40,
};

function render(
  projectId: string,
  start: string,
  energyKwh: number,
  artifact: Record<string, AttributeValue>,
  extra: Record<string, AttributeValue> = {},
) {
  return span(projectId, start, 1, {
    'greenops.activity.kind': 'render',
    'greenops.energy.kwh': energyKwh,
    // No embodied share: its grams are carried by the workstation's own spans.
    'greenops.hw.embodied_share': 0,
    ...GRID,
    ...artifact,
    ...extra,
  });
}

const version = (id: string, parent: string, status: string) => ({
  'greenops.artifact.id': id,
  'greenops.artifact.parent.id': parent,
  'greenops.artifact.kind': 'shot-version',
  'greenops.artifact.status': status,
});

/** Four 1-hour L40S boards, embodied carried elsewhere: 4 GPU-hours and no embodied grams. */
const L40S = {
  'greenops.hw.model': 'nvidia-l40s',
  'greenops.hw.count': 4,
  'greenops.hw.embodied_share': 0,
};

/**
 * A series and a commercial, plus a project only spans name. Hand figures (render: kWh × 100 g):
 *  harbour-s01 (series; declared 120 finished minutes, 10 shoot days)
 *   sh010-v1 rejected   2 kWh  200 g  (L40S ×4, 1 h)      2026-03-10
 *   sh010-v2 approved   3 kWh  300 g  (L40S ×4, 1 h)      2026-03-11
 *   sh020-v1 superseded 1 kWh  100 g                       2026-03-12
 *   sh020-v2 approved   1 kWh  100 g                       2026-03-13
 *   sh030-v1 draft      0.5 kWh 50 g                       2026-03-16
 *   gen-001 final (8 s clip, parent sh040): AI video, 2 clips of 4 s at 1280×720  2026-03-18
 *   storage: 2 TB on HDD for 730 h                         2026-04-01
 *   travel: rail 400 km × 2 passengers                     2026-03-09
 *  brew-ad (commercial; declared 2 shoot days, no finished minutes)
 *   ad-master final, 30 s clip, 1 kWh 100 g               2026-09-10
 *  loose-ends (undeclared): one render of 0.25 kWh, 25 g   2026-05-05
 *  feature-a (feature; 100 finished minutes): 4 kWh, 400 g 2026-02-10
 *  feature-b (feature; 10 finished minutes): 1 kWh, 100 g  2026-02-11
 *  feature-c (feature; 50 finished minutes): declared only, no spans
 */
function seedRequest() {
  const harbour = 'harbour-s01';
  return {
    resourceSpans: [
      {
        resource: { attributes: [] },
        scopeSpans: [
          {
            scope: { name: 'insights-test' },
            spans: [
              render(
                harbour,
                '2026-03-10T10:00:00Z',
                2,
                version('sh010-v1', 'sh010', 'rejected'),
                L40S,
              ),
              render(
                harbour,
                '2026-03-11T10:00:00Z',
                3,
                version('sh010-v2', 'sh010', 'approved'),
                L40S,
              ),
              render(
                harbour,
                '2026-03-12T10:00:00Z',
                1,
                version('sh020-v1', 'sh020', 'superseded'),
              ),
              render(harbour, '2026-03-13T10:00:00Z', 1, version('sh020-v2', 'sh020', 'approved')),
              render(harbour, '2026-03-16T10:00:00Z', 0.5, version('sh030-v1', 'sh030', 'draft')),
              span(harbour, '2026-03-18T10:00:00Z', 0.1, {
                'greenops.activity.kind': 'ai.inference',
                'greenops.ai.modality': 'video',
                'gen_ai.request.model': 'studio-gen',
                'greenops.ai.video.width': 1280,
                'greenops.ai.video.height': 720,
                'greenops.ai.video.duration_s': 4,
                'greenops.ai.videos': 2,
                'greenops.energy.kwh': 0.4,
                ...GRID,
                ...version('gen-001', 'sh040', 'final'),
                'greenops.artifact.duration_s': 8,
              }),
              span(harbour, '2026-04-01T00:00:00Z', 730, {
                'greenops.activity.kind': 'storage',
                'greenops.storage.bytes': 2e12,
                'greenops.storage.media': 'hdd',
                ...GRID,
              }),
              span(harbour, '2026-03-09T08:00:00Z', 2, {
                'greenops.activity.kind': 'travel',
                'greenops.travel.mode': 'rail',
                'greenops.travel.distance_km': 400,
                'greenops.travel.passengers': 2,
              }),
              render('brew-ad', '2026-09-10T10:00:00Z', 1, {
                'greenops.artifact.id': 'ad-master',
                'greenops.artifact.status': 'final',
                'greenops.artifact.duration_s': 30,
              }),
              render('loose-ends', '2026-05-05T10:00:00Z', 0.25, {}),
              render('feature-a', '2026-02-10T10:00:00Z', 4, {}),
              render('feature-b', '2026-02-11T10:00:00Z', 1, {}),
            ],
          },
        ],
      },
    ],
  };
}

// Hand figures shared by the cases below.
// Renders of harbour-s01: 200 + 300 + 100 + 100 + 50 = 750 g (7.5 kWh).
const HARBOUR_RENDER_G = 750;
// Storage: CCF HDD 0.65 Wh/TB-h, one copy (block storage), PUE 1:
// 2 TB × 730 h = 1,460 TB-h × 0.65 Wh = 949 Wh = 0.949 kWh × 100 g = 94.9 g; 2 TB-months.
const STORAGE_KWH = 0.949;
const STORAGE_G = 94.9;
// DESNZ 2025 "Business travel- land" > Rail > National rail 0.03546 kgCO2e/passenger-km:
// 400 km × 2 = 800 pkm × 35.46 g = 28,368 g.
const RAIL_G = 28_368;

describe.each([
  ['embedded TimescaleDB', 'timescale'],
  ['embedded plain PGlite', 'pglite'],
] as const)('insights on %s', (_name, engine) => {
  const dataDir = mkdtempSync(join(tmpdir(), `greenops-insights-${engine}-`));
  let platform: RunningPlatform;

  async function gql(query: string, variables: Record<string, unknown> = {}, key = API_KEY) {
    const response = await fetch(platform.urls.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes vary per query
      data?: any;
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    };
  }

  const DECLARE = `mutation ($input: DeclareProjectInput!) { declareProject(input: $input) { projectId eventId } }`;

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
      body: JSON.stringify(seedRequest()),
    });
    expect(await sent.json()).toEqual({});
    for (const input of [
      {
        id: 'harbour-s01',
        name: 'Harbour Lights, series 1',
        productionType: 'SERIES',
        finishedMinutes: 120,
        shootDays: 10,
        episodes: 2,
        country: 'GB',
        startDate: '2026-03-01',
        endDate: '2026-06-30',
        tags: ['drama'],
      },
      {
        id: 'brew-ad',
        name: 'Brew 30" spot',
        productionType: 'COMMERCIAL',
        shootDays: 2,
        startDate: '2026-09-01',
        endDate: '2026-09-30',
        tags: ['ads'],
      },
      { id: 'feature-a', name: 'Feature A', productionType: 'FEATURE', finishedMinutes: 100 },
      { id: 'feature-b', name: 'Feature B', productionType: 'FEATURE', finishedMinutes: 10 },
      { id: 'feature-c', name: 'Feature C', productionType: 'FEATURE', finishedMinutes: 50 },
    ]) {
      const declared = await gql(DECLARE, { input });
      expect(declared.errors).toBeUndefined();
    }
    // Declarations travel behind the spans on their projects' partitions: once both are
    // declared and all 10 activities counted, everything before them was projected too.
    await waitFor(
      async () => {
        const page = await gql(
          `{ projects(first: 10) { totalCount nodes { id declaration { name } emissions { co2eG } } } }`,
        );
        const nodes: Array<{ id: string; declaration: unknown }> = page.data?.projects.nodes ?? [];
        return nodes.length === 6 && nodes.filter((n) => n.declaration).length === 5;
      },
      { timeoutMs: 60_000, description: 'six projects, five declared' },
    );
    await waitFor(
      async () => {
        const p = await gql(`{ project(id: "harbour-s01") { kpis { activityCount } } }`);
        return p.data?.project?.kpis.activityCount === 8;
      },
      { timeoutMs: 60_000, description: 'the 8 activities of harbour-s01 projected' },
    );
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists declared and undeclared projects with totals, filtered and paged', async () => {
    const all = await gql(`{ projects(first: 10) { totalCount nodes { id
      declaration { name productionType finishedMinutes shootDays episodes country startDate endDate tags }
      emissions { co2eG } } } }`);
    expect(all.errors).toBeUndefined();
    const nodes = all.data.projects.nodes;
    expect(nodes.map((n: { id: string }) => n.id)).toEqual([
      'brew-ad',
      'feature-a',
      'feature-b',
      'feature-c',
      'harbour-s01',
      'loose-ends',
    ]);
    expect(nodes[4].declaration).toEqual({
      name: 'Harbour Lights, series 1',
      productionType: 'SERIES',
      finishedMinutes: 120,
      shootDays: 10,
      episodes: 2,
      country: 'GB',
      startDate: '2026-03-01',
      endDate: '2026-06-30',
      tags: ['drama'],
    });
    // brew-ad: 1 kWh × 100 g = 100 g; loose-ends: 0.25 kWh × 100 g = 25 g, undeclared.
    expect(nodes[0].emissions.co2eG).toBeCloseTo(100, 6);
    expect(nodes[5]).toEqual({ id: 'loose-ends', declaration: null, emissions: { co2eG: 25 } });
    // Declared without any span: listed with zero totals.
    expect(nodes[3].emissions).toEqual({ co2eG: 0 });

    const ids = async (args: string) =>
      (await gql(`{ projects(${args}) { totalCount nodes { id } } }`)).data.projects;
    expect(await ids('filter: { productionType: SERIES }')).toEqual({
      totalCount: 1,
      nodes: [{ id: 'harbour-s01' }],
    });
    expect(await ids('filter: { tag: "ads" }')).toEqual({
      totalCount: 1,
      nodes: [{ id: 'brew-ad' }],
    });
    // Declared periods for the two declared projects; loose-ends is active on 2026-05-05 only.
    expect(
      await ids('filter: { activeBetween: { from: "2026-07-01", to: "2026-12-31" } }'),
    ).toEqual({
      totalCount: 1,
      nodes: [{ id: 'brew-ad' }],
    });
    expect(
      await ids('filter: { activeBetween: { from: "2026-05-01", to: "2026-05-31" } }'),
    ).toEqual({
      totalCount: 2,
      nodes: [{ id: 'harbour-s01' }, { id: 'loose-ends' }],
    });

    // Largest first, one per page: harbour-s01 (> 28 kg), feature-a (400 g), brew-ad and
    // feature-b (100 g each, then by id), loose-ends (25 g), feature-c (0 g).
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 6; i++) {
      const page = (await gql(
        `query ($after: String) { projects(first: 1, after: $after, orderBy: CO2E_DESC) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { after },
      )) as {
        data: {
          projects: {
            nodes: Array<{ id: string }>;
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      };
      seen.push(...page.data.projects.nodes.map((n) => n.id));
      expect(page.data.projects.pageInfo.hasNextPage).toBe(i < 5);
      after = page.data.projects.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      'harbour-s01',
      'feature-a',
      'brew-ad',
      'feature-b',
      'loose-ends',
      'feature-c',
    ]);
  });

  it('derives KPIs per finished minute, shoot day, GPU-hour, TB and iteration, by hand', async () => {
    const result = await gql(`{ project(id: "harbour-s01") { kpis {
      co2eG co2eMarketG energyKwh activityCount finishedMinutes finishedMinutesSource gPerFinishedMinute
      shootDays gPerShootDay gpuHours storageTbMonths kwhPerTbMonthStored transferTb kwhPerTbMoved
      generated { modality model resolution videos seconds images co2eG }
      iterations approvedShots iterationsPerApprovedShot discardedG discardedShare
      byKind { key co2eG activityCount share } byScope { key activityCount } dataQuality { key activityCount }
    } } }`);
    expect(result.errors).toBeUndefined();
    const k = result.data.project.kpis;
    const byKind = Object.fromEntries(
      k.byKind.map((s: { key: string; co2eG: number; activityCount: number }) => [s.key, s]),
    );
    expect(Object.keys(byKind).sort()).toEqual(['ai.inference', 'render', 'storage', 'travel']);
    expect(byKind.render.co2eG).toBeCloseTo(HARBOUR_RENDER_G, 6);
    expect(byKind.render.activityCount).toBe(5);
    expect(byKind.storage.co2eG).toBeCloseTo(STORAGE_G, 6);
    expect(byKind.travel.co2eG).toBeCloseTo(RAIL_G, 6);
    // The AI clip's grams (measured 0.4 kWh plus the report's cloud embodied and training
    // uplift) are the methodology's; the KPI must carry exactly that figure in every place.
    const aiG = byKind['ai.inference'].co2eG;
    expect(aiG).toBeGreaterThan(40); // at least its 0.4 kWh × 100 g of operational emissions
    const total = HARBOUR_RENDER_G + STORAGE_G + RAIL_G + aiG;
    expect(k.co2eG).toBeCloseTo(total, 6);
    expect(k.activityCount).toBe(8);

    expect(k.finishedMinutes).toBe(120);
    expect(k.finishedMinutesSource).toBe('DECLARED');
    expect(k.gPerFinishedMinute).toBeCloseTo(total / 120, 6);
    expect(k.shootDays).toBe(10);
    expect(k.gPerShootDay).toBeCloseTo(total / 10, 6);
    // Two renders on four L40S boards for one hour each: 2 × 4 × 1 h.
    expect(k.gpuHours).toBeCloseTo(8, 9);
    expect(k.storageTbMonths).toBeCloseTo(2, 9);
    expect(k.kwhPerTbMonthStored).toBeCloseTo(STORAGE_KWH / 2, 9);
    expect(k.transferTb).toBe(0);
    expect(k.kwhPerTbMoved).toBeNull();
    expect(k.generated).toEqual([
      // 2 clips × 4 s = 8 s.
      {
        modality: 'video',
        model: 'studio-gen',
        resolution: '1280x720',
        videos: 2,
        seconds: 8,
        images: 0,
        co2eG: aiG,
      },
    ]);
    // sh010: v1, v2 (approved); sh020: v1, v2 (approved); sh040: gen-001 (final); sh030 has
    // no delivered version. 5 iterations over 3 approved shots.
    expect(k.iterations).toBe(5);
    expect(k.approvedShots).toBe(3);
    expect(k.iterationsPerApprovedShot).toBeCloseTo(5 / 3, 9);
    // Discarded: sh010-v1 rejected 200 g + sh020-v1 superseded 100 g.
    expect(k.discardedG).toBeCloseTo(300, 6);
    expect(k.discardedShare).toBeCloseTo(300 / total, 9);
    expect(byKind.travel.share).toBeCloseTo(RAIL_G / total, 9);
  });

  it('takes finished minutes from final artifacts when none are declared', async () => {
    const result = await gql(`{ project(id: "brew-ad") { kpis {
      co2eG finishedMinutes finishedMinutesSource gPerFinishedMinute shootDays gPerShootDay } } }`);
    // ad-master is final and 30 s long: 0.5 finished minutes; 100 g / 0.5 = 200 g per minute;
    // 100 g / 2 declared shoot days = 50 g per shoot day.
    expect(result.data.project.kpis).toEqual({
      co2eG: 100,
      finishedMinutes: 0.5,
      finishedMinutesSource: 'FINAL_ARTIFACTS',
      gPerFinishedMinute: 200,
      shootDays: 2,
      gPerShootDay: 50,
    });
  });

  it('buckets the series by week and kind, and by month and scope, in UTC', async () => {
    const weekly = await gql(`{ project(id: "harbour-s01") {
      series(bucket: WEEK, by: KIND, from: "2026-03-09T00:00:00Z", to: "2026-03-23T00:00:00Z") { bucketStart key co2eG activityCount } } }`);
    expect(weekly.errors).toBeUndefined();
    const points = weekly.data.project.series;
    const aiG = points.find((p: { key: string }) => p.key === 'ai.inference')?.co2eG;
    // Week of Monday 9 March: travel (9th) and four renders (10th–13th) 200+300+100+100 g;
    // week of the 16th: sh030-v1 (50 g) and the AI clip (18th).
    expect(points).toEqual([
      { bucketStart: '2026-03-09T00:00:00.000Z', key: 'render', co2eG: 700, activityCount: 4 },
      { bucketStart: '2026-03-09T00:00:00.000Z', key: 'travel', co2eG: RAIL_G, activityCount: 1 },
      {
        bucketStart: '2026-03-16T00:00:00.000Z',
        key: 'ai.inference',
        co2eG: aiG,
        activityCount: 1,
      },
      { bucketStart: '2026-03-16T00:00:00.000Z', key: 'render', co2eG: 50, activityCount: 1 },
    ]);
    const monthly = await gql(`{ project(id: "harbour-s01") {
      series(bucket: MONTH, by: SCOPE, from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z") { bucketStart key activityCount } } }`);
    const months = monthly.data.project.series.map(
      (p: { bucketStart: string; key: string; activityCount: number }) =>
        `${p.bucketStart.slice(0, 7)} ${p.key} ${p.activityCount}`,
    );
    // March: 5 renders (scope 2, on-premises electricity), the AI clip bought as a service and
    // the rail trip (scope 3); April: the storage held on premises (scope 2).
    expect(months).toEqual(['2026-03 scope 2 5', '2026-03 scope 3 2', '2026-04 scope 2 1']);
  });

  it('splits an artifact roll-up into delivered and discarded, and scores its SCI per unit', async () => {
    const result = await gql(`{
      sh010: artifact(projectId: "harbour-s01", id: "sh010") {
        iteration { co2eG deliveredG discardedG inProgressG discardedShare }
        perChild: sci(per: APPROVED_CHILD) { quantity co2eGPerUnit co2eMarketGPerUnit }
        perSecond: sci(per: SECOND) { quantity }
      }
      clip: artifact(projectId: "harbour-s01", id: "gen-001") {
        emissions { co2eG }
        perSecond: sci(per: SECOND) { quantity co2eGPerUnit }
        perMinute: sci(per: MINUTE) { quantity co2eGPerUnit }
      }
    }`);
    expect(result.errors).toBeUndefined();
    // sh010 = sh010-v1 (rejected, 200 g) + sh010-v2 (approved, 300 g); market 2 + 3 kWh × 40 g.
    expect(result.data.sh010).toEqual({
      iteration: {
        co2eG: 500,
        deliveredG: 300,
        discardedG: 200,
        inProgressG: 0,
        discardedShare: 0.4,
      },
      perChild: { quantity: 1, co2eGPerUnit: 500, co2eMarketGPerUnit: 200 },
      perSecond: null, // sh010 states no duration
    });
    // gen-001 is an 8-second clip: its roll-up per second, and per 8/60 minute.
    const clipG = result.data.clip.emissions.co2eG;
    expect(result.data.clip.perSecond.quantity).toBe(8);
    expect(result.data.clip.perSecond.co2eGPerUnit).toBeCloseTo(clipG / 8, 9);
    expect(result.data.clip.perMinute.quantity).toBeCloseTo(8 / 60, 12);
    expect(result.data.clip.perMinute.co2eGPerUnit).toBeCloseTo(clipG / (8 / 60), 9);
  });

  it('records status changes from spans and from setArtifactStatus as history', async () => {
    const set = await gql(
      `mutation { setArtifactStatus(projectId: "harbour-s01", artifactId: "sh010-v2", status: "Final", note: "locked") { eventId } }`,
    );
    expect(set.errors).toBeUndefined();
    const history = await waitFor(
      async () => {
        const r = await gql(`{ artifact(projectId: "harbour-s01", id: "sh010-v2") {
          status statusHistory { status source changedAt } } }`);
        const a = r.data?.artifact;
        // The projector writes the history before the batch's commit that updates the artifact
        // (both idempotent, so a crash between them replays the batch): wait for both.
        return a?.statusHistory.length === 2 && a.status === 'final' ? a : undefined;
      },
      { timeoutMs: 30_000, description: 'the status change projected' },
    );
    expect(history.status).toBe('final');
    expect(
      history.statusHistory.map((h: { status: string; source: string }) => [h.status, h.source]),
    ).toEqual([
      ['approved', 'span'],
      ['final', 'mutation'],
    ]);
    expect(history.statusHistory[0].changedAt).toBe('2026-03-11T10:00:00.000Z');
  });

  it("ranks a project among the tenant's projects of its production type", async () => {
    const result = await gql(`{
      cohort: benchmarks(kpi: G_PER_FINISHED_MINUTE, productionType: FEATURE) {
        projectCount best q1 median q3 worst }
      a: project(id: "feature-a") { benchmark(kpi: G_PER_FINISHED_MINUTE) { value rank percentile } }
      loose: project(id: "loose-ends") { benchmark(kpi: CO2E_TOTAL) { rank } }
    }`);
    expect(result.errors).toBeUndefined();
    // feature-a 400 g / 100 min = 4; feature-b 100 g / 10 min = 10; feature-c 0 g / 50 min = 0.
    // Sorted 0, 4, 10: q1 at position 0.5 = 2, median 4, q3 at position 1.5 = 7.
    expect(result.data.cohort).toEqual({
      projectCount: 3,
      best: 0,
      q1: 2,
      median: 4,
      q3: 7,
      worst: 10,
    });
    // feature-a is second of three and does better than one of the two others: 50th percentile.
    expect(result.data.a.benchmark).toEqual({ value: 4, rank: 2, percentile: 50 });
    expect(result.data.loose.benchmark).toBeNull(); // undeclared: no production type, no cohort
  });

  it('exports a project as CSV and JSON by month, scope, category and kind, with provenance', async () => {
    const base = platform.urls.graphql.replace(/\/graphql$/, '');
    const get = (path: string, key: string | null = API_KEY) =>
      fetch(`${base}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    const json = await get('/reports/projects/brew-ad.json');
    expect(json.status).toBe(200);
    const body = (await json.json()) as { projectId: string; rows: Array<Record<string, unknown>> };
    expect(body.projectId).toBe('brew-ad');
    // One render in September 2026 on premises: scope 2, 1 kWh, 100 g (market 1 kWh × 40 g).
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({
      month: '2026-09',
      scope: 2,
      category: 'scope2.purchased-electricity',
      activityKind: 'render',
      activityCount: 1,
      energyKwh: 1,
      co2eG: 100,
      co2eMarketG: 40,
    });
    expect((body.rows[0].factorSetVersions as string[]).length).toBe(1);
    const csv = await get('/reports/projects/brew-ad.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'month,scope,category,activity_kind,activity_count,energy_kwh,co2e_g,co2e_market_g,co2e_low_g,co2e_high_g,methodology_versions,factor_set_versions,factor_ids',
    );
    expect(lines[1].startsWith('2026-09,2,scope2.purchased-electricity,render,1,1,100,40,')).toBe(
      true,
    );
    expect((await get('/reports/projects/nobody.csv')).status).toBe(404);
    expect((await get('/reports/projects/brew-ad.csv', null)).status).toBe(401);
  });

  it('answers nothing for a project the tenant does not have, and refuses bad arguments by name', async () => {
    const missing = await gql(`{ project(id: "someone-elses") { id kpis { co2eG } } }`);
    expect(missing.data.project).toBeNull();
    const bad = await gql(
      `{ project(id: "harbour-s01") { series(bucket: DAY, from: "2026-01-01T00:00:00Z", to: "2027-06-01T00:00:00Z") { key } } }`,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const badDeclaration = await gql(DECLARE, {
      input: { id: 'x', name: 'X', productionType: 'OTHER', startDate: '2026-02-30' },
    });
    expect(badDeclaration.errors?.[0].extensions).toMatchObject({ field: 'input.startDate' });
  });
});
