import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  ApiKeyStore,
  EmissionQueries,
  EmissionStore,
  InsightsStore,
  insightsReads,
  openPostgres,
  ProjectionRegistry,
  type ActivityInputRow,
  type DatabaseHandle,
  type StoredActivityInputs,
} from '@greenops/persistence';
import { DEFAULT_FACTOR_SET } from '@greenops/factors';
import { createTestDatabase, type TestDatabase } from '@greenops/testing';
import { createGatewayApp } from './gateway.module';

const KEY_A = 'whatif-int-key-a-0123456789';
const KEY_A_INGEST = 'whatif-int-key-a-ingest-0123456';
const KEY_B = 'whatif-int-key-b-0123456789';
const KEY_C = 'whatif-int-key-c-0123456789';

/*
 * Seeded production, tenant a, project ep1, computed with the shipped default factor set
 * (libs/factors): grid.location.GB 215.79, FR 44.18, US 383.55 g/kWh; pue.server-room 1.8
 * (1.5–2.1); pue.ai-service 1.1.
 *   - 3 identical farm renders: 10 kWh measured, server room, GB, 1 h;
 *   - 1 WAN2.1-T2V-1.3B clip bought as a service on the US grid: 1920×1080, 8 s × 24 fps, 50 steps;
 *   - 1 artist workstation at a desk: 2 kWh, GB;
 *   - 1 rail journey of 100 km (per passenger-km: no grid).
 */
const START = '2026-03-02T10:00:00.000Z';
const serverRoomRender: StoredActivityInputs = {
  kind: 'render',
  startTime: START,
  durationS: 3600,
  measurements: { energyKwh: 10, country: 'GB', facilityType: 'server-room' },
};
const clip1080p: StoredActivityInputs = {
  kind: 'ai.inference',
  startTime: START,
  durationS: 600,
  measurements: {
    country: 'US',
    ai: {
      model: 'WAN2.1-T2V-1.3B',
      modality: 'video',
      denoisingSteps: 50,
      video: { width: 1920, height: 1080, frames: 192, fps: 24, durationS: 8 },
    },
  },
};
const desk: StoredActivityInputs = {
  kind: 'workstation',
  startTime: START,
  durationS: 3600,
  measurements: { energyKwh: 2, country: 'GB' },
};
const rail: StoredActivityInputs = {
  kind: 'travel',
  startTime: START,
  durationS: 3600,
  measurements: { travel: { mode: 'rail', distanceKm: 100 } },
};

// Per facility kWh of AI bought as a service (docs/methodology.md §5, §10), whatever the grid:
// cloud embodied 0.05/0.95 × 410 = 21.5789 g; training 0.5 × 410 ÷ 0.95 = 215.7895 g (nominal).
const AI_NON_GRID_G_PER_KWH = (0.05 / 0.95) * 410 + (0.5 * 410) / 0.95;
// CT 2026 App. 3: 1,847 Wh GPU at 1080p × 1.178 other IT = 2.1757660 kWh IT; × 1.1 = 2.3933426 kWh
const CLIP_IT_KWH = (1847 * 1.178) / 1000;
const CLIP_FACILITY_KWH = CLIP_IT_KWH * 1.1;

const row = (
  tenant: string,
  projectId: string,
  inputs: StoredActivityInputs,
): ActivityInputRow => ({
  tenant,
  projectId,
  eventId: randomUUID(),
  occurredAt: inputs.startTime,
  inputs,
});

const QUERY = `query W($p: String!, $s: WhatIfScenarioInput!) {
  whatIf(projectId: $p, scenario: $s) {
    projectId factorSetVersion
    actual { activityCount energyKwh co2eG lowG highG co2eMarketG }
    scenario { activityCount energyKwh co2eG lowG highG co2eMarketG }
    differenceG differenceLowG differenceHighG differenceShare
    byKind { kind differenceG actual { activityCount } }
    notes
    problems { stage field reason activityCount }
  } }`;

describe('whatIf over a seeded production on PostgreSQL', () => {
  let database: TestDatabase;
  let db: DatabaseHandle;
  let app: INestApplication;
  let url: string;

  async function whatIf(projectId: string, scenario: Record<string, unknown>, key: string = KEY_A) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query: QUERY, variables: { p: projectId, s: scenario } }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the query's shape, checked field by field
    return (await response.json()) as { data?: { whatIf: any }; errors?: any[] };
  }

  beforeAll(async () => {
    database = await createTestDatabase('whatif_int');
    db = await openPostgres(database.url);
    const keys = new ApiKeyStore(db);
    await keys.ensureTenant('a');
    await keys.addKey('a', KEY_A, ['read']);
    await keys.addKey('a', KEY_A_INGEST, ['ingest']);
    await keys.ensureTenant('b');
    await keys.addKey('b', KEY_B);
    // Tenant c serves a published factor set with an hourly GB series (a tenant-only factor).
    await keys.ensureTenant('c');
    await keys.addKey('c', KEY_C, ['read']);
    const registry = new ProjectionRegistry(db);
    await registry.recordFactorSet({
      tenant: 'c',
      version: 'c-hourly-1',
      baseVersion: DEFAULT_FACTOR_SET.version,
      name: 'studio C hourly grid',
      factors: [
        ['10', 300],
        ['11', 250],
        ['12', 100],
        ['13', 150],
      ].map(([hour, value]) => ({
        id: `grid.hourly.GB.2026-03-02T${hour}`,
        value,
        unit: 'gCO2e/kWh',
        source: 'grid operator hourly outturn (test)',
        year: 2026,
      })),
      eventId: randomUUID(),
      publishedAt: '2026-03-01T00:00:00Z',
    });
    await registry.startBuilding('c', 'c-hourly-1');
    await registry.switchTo('c', 2);
    const insights = new InsightsStore(db);
    await insights.record({
      activityInputs: [
        row('a', 'ep1', serverRoomRender),
        row('a', 'ep1', serverRoomRender),
        row('a', 'ep1', serverRoomRender),
        row('a', 'ep1', clip1080p),
        row('a', 'ep1', desk),
        row('a', 'ep1', rail),
        row('c', 'night', serverRoomRender),
        row('c', 'night', desk),
        // 30,000 identical renders: one group, computed once
        ...Array.from({ length: 30_000 }, () => row('a', 'huge', serverRoomRender)),
        // 1,001 distinct starts: beyond the 1,000 a 48-hour shift may recompute
        ...Array.from({ length: 1_001 }, (_, i) =>
          row('a', 'many', {
            ...serverRoomRender,
            startTime: new Date(Date.parse(START) + i * 60_000).toISOString(),
          }),
        ),
      ],
    });
    // A served fact of ep1 projected before inputs were kept: named in a note, in neither total.
    await new EmissionStore(db).commitBatch({
      facts: [
        {
          tenant: 'a',
          projectId: 'ep1',
          eventId: randomUUID(),
          occurredAt: '2026-02-01T00:00:00Z',
          recordedAt: '2026-02-01T00:00:00Z',
          activityKind: 'render',
          result: {
            energyItKwh: { low: 1, nominal: 1, high: 1 },
            energyKwh: { low: 1, nominal: 1, high: 1 },
            pue: 1,
            intensityGPerKwh: 100,
            marketIntensityGPerKwh: 100,
            operationalG: { low: 100, nominal: 100, high: 100 },
            operationalMarketG: { low: 100, nominal: 100, high: 100 },
            embodiedG: { low: 0, nominal: 0, high: 0 },
            trainingG: { low: 0, nominal: 0, high: 0 },
            softwareG: { low: 0, nominal: 0, high: 0 },
            co2eG: { low: 100, nominal: 100, high: 100 },
            co2eMarketG: { low: 100, nominal: 100, high: 100 },
            tier: 'measured',
            scope: 2,
            category: 'scope2.purchased-electricity',
            modelId: 'test',
            factorIds: [],
            methodologyVersion: 't',
            factorSetVersion: 't',
            trainingAllocation: '1a',
            notes: [],
          },
        },
      ],
      artifacts: [],
      offsets: [],
    });
    app = await createGatewayApp({
      queries: new EmissionQueries(db),
      insights: insightsReads(db),
      apiKeys: keys,
      factorSets: new ProjectionRegistry(db),
    });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await database?.drop();
  });

  it('grid change to France, worked by hand', async () => {
    const { data, errors } = await whatIf('ep1', { country: 'FR' });
    expect(errors).toBeUndefined();
    const w = data!.whatIf;
    // renders: 3 × 10 kWh × 1.8 (1.5 … 2.1) × (44.18 − 215.79) = −9,266.94 (−7,722.45 … −10,811.43)
    // clip: 2.3933426 facility kWh × (44.18 − 383.55) = −812.2267 (embodied and training are per kWh, not per grid)
    // desk: 2 kWh × PUE 1 × (44.18 − 215.79) = −343.22; rail: 0
    const clip = CLIP_FACILITY_KWH * (44.18 - 383.55);
    expect(w.differenceG).toBeCloseTo(3 * 18 * (44.18 - 215.79) + clip + 2 * (44.18 - 215.79), 6);
    expect(w.differenceLowG).toBeCloseTo(
      3 * 15 * (44.18 - 215.79) + clip + 2 * (44.18 - 215.79),
      6,
    );
    expect(w.differenceHighG).toBeCloseTo(
      3 * 21 * (44.18 - 215.79) + clip + 2 * (44.18 - 215.79),
      6,
    );
    expect(w.actual.activityCount).toBe(6);
    expect(w.scenario.activityCount).toBe(6);
    expect(w.byKind.find((l: { kind: string }) => l.kind === 'travel').differenceG).toBe(0);
    expect(w.notes).toEqual([
      'grid FR: applied to 5 of 6 activities; not applied to 1 not grid electricity (fuel, travel or hotel nights)',
      '1 activities projected before their inputs were kept are not recomputed (in neither total)',
    ]);
    expect(w.problems).toEqual([]);
  });

  it('PUE 1.2, worked by hand', async () => {
    const { data, errors } = await whatIf('ep1', { pue: 1.2 });
    expect(errors).toBeUndefined();
    const w = data!.whatIf;
    // renders: 3 × 10 kWh × (1.2 − 1.8) × 215.79 = −3,884.22 (low 1.5 → −1,942.11, high 2.1 → −5,826.33)
    // clip: 2.1757660 IT kWh × (1.2 − 1.1) = 0.2175766 facility kWh more × (383.55 + 21.5789 + 215.7895)
    //   = +135.0968 g nominal; its grid and embodied have no band, its training 0.1× … 1.0×:
    //   low × (383.55 + 21.5789 + 0.1 × 410 / 0.95), high × (383.55 + 21.5789 + 1.0 × 410 / 0.95)
    // desk (PUE 1, no facility) and rail unchanged
    const extraKwh = CLIP_IT_KWH * (1.2 - 1.1);
    const embodied = (0.05 / 0.95) * 410;
    expect(w.differenceG).toBeCloseTo(-3884.22 + extraKwh * (383.55 + AI_NON_GRID_G_PER_KWH), 6);
    expect(w.differenceLowG).toBeCloseTo(
      -1942.11 + extraKwh * (383.55 + embodied + (0.1 * 410) / 0.95),
      6,
    );
    expect(w.differenceHighG).toBeCloseTo(
      -5826.33 + extraKwh * (383.55 + embodied + (1.0 * 410) / 0.95),
      6,
    );
    expect(w.notes[0]).toBe(
      'PUE 1.2: applied to 4 of 6 activities; not applied to 1 not grid electricity; 1 runs at a desk-side workstation (no facility overhead)',
    );
  });

  it('UPSCALE_FROM_720P, worked by hand', async () => {
    const { data, errors } = await whatIf('ep1', { renderResolution: 'UPSCALE_FROM_720P' });
    expect(errors).toBeUndefined();
    const w = data!.whatIf;
    // CT 2026 App. 3: 720p 381 Wh GPU × 1.178 × 1.1 = 0.4936998 kWh; upscale 1920 × 1080 = 2.0736 MP
    // × 8 s × 24/30 = 13.27104 MP-s × 12.895 Wh = 0.1711301 kWh (already at PUE 1.1)
    // difference = (0.4936998 + 0.1711301 − 2.3933426) kWh × (383.55 + 215.7895 + 21.5789) = −1,073.26 g
    const scenarioKwh = (381 * 1.178 * 1.1 + 13.27104 * 12.895) / 1000;
    expect(w.differenceG).toBeCloseTo(
      (scenarioKwh - CLIP_FACILITY_KWH) * (383.55 + AI_NON_GRID_G_PER_KWH),
      6,
    );
    expect(w.scenario.energyKwh - w.actual.energyKwh).toBeCloseTo(
      scenarioKwh - CLIP_FACILITY_KWH,
      9,
    );
    expect(w.notes[0]).toBe(
      'generate at 720p and upscale: applied to 1 of 6 activities; not applied to 5 not AI video generation',
    );
  });

  it("carbon-aware shift over the tenant's hourly series, by hand; plainly refused without one", async () => {
    const { data, errors } = await whatIf('night', { carbonAwareShiftHours: 3 }, KEY_C);
    expect(errors).toBeUndefined();
    const w = data!.whatIf;
    expect(w.factorSetVersion).toBe('c-hourly-1');
    // render 10:00–11:00 at 300 g/kWh; within 3 h the 12:00 hour (100 g/kWh) is the lowest:
    // 10 kWh × 1.8 (1.5 … 2.1) × (100 − 300) = −3,600 (−3,000 … −4,200) g; the desk stays
    expect(w.differenceG).toBeCloseTo(-3600, 6);
    expect(w.differenceLowG).toBeCloseTo(-3000, 6);
    expect(w.differenceHighG).toBeCloseTo(-4200, 6);
    expect(w.notes).toEqual([
      'carbon-aware shift up to 3 h: applied to 1 of 2 activities; not applied to 1 not shiftable batch work',
    ]);
    const none = (await whatIf('ep1', { carbonAwareShiftHours: 3 })).data!.whatIf;
    expect(none.differenceG).toBe(0);
    expect(none.notes[0]).toBe(
      `carbon-aware shift: not applied, factor set ${DEFAULT_FACTOR_SET.version} holds no hourly grid intensity (grid.hourly.<CC>.<hour>); shiftable work stays as recorded`,
    );
  });

  it("answers null for another tenant's project and an unknown one; needs the read role", async () => {
    expect((await whatIf('ep1', { country: 'FR' }, KEY_B)).data!.whatIf).toBeNull();
    expect((await whatIf('nope', { country: 'FR' })).data!.whatIf).toBeNull();
    const ingest = await whatIf('ep1', { country: 'FR' }, KEY_A_INGEST);
    expect(ingest.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('names the field of a scenario the factor set cannot honour', async () => {
    const bad = await whatIf('ep1', { cloudProvider: 'aws', cloudRegion: 'moon-1' });
    expect(bad.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'scenario.cloudRegion',
    });
    const shift = await whatIf('ep1', { carbonAwareShiftHours: 100 });
    expect(shift.errors?.[0].extensions?.field).toBe('scenario.carbonAwareShiftHours');
  });

  it('aggregates identical inputs and refuses, clearly, what exceeds the budget', async () => {
    const huge = await whatIf('huge', { country: 'FR' });
    expect(huge.errors).toBeUndefined();
    // 30,000 × 10 kWh × 1.8 × (44.18 − 215.79) = −92,669,400 g
    expect(huge.data!.whatIf.differenceG).toBeCloseTo(-92_669_400, 3);
    expect(huge.data!.whatIf.actual.activityCount).toBe(30_000);
    // 1,001 distinct inputs: fine as recorded + grid (20,000 allowed) …
    expect((await whatIf('many', { country: 'FR' })).errors).toBeUndefined();
    // … over the 50,000 computations a 48-hour shift allows (1 + 49 per input: 1,000 inputs)
    const shifted = await whatIf('many', { carbonAwareShiftHours: 48 });
    expect(shifted.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 1000 });
  });
});
