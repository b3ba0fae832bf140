import { EmissionQueries } from './emission-queries';
import { EmissionStore } from './emission-store';
import { BACKENDS, type OpenedBackend } from './testing/backends';
import { renderFact } from './testing/fact-fixture';

const A = 'tenant-a';
const B = 'tenant-b';
const P = 'series-s01';
const E1 = '00000000-0000-4000-8000-000000000001';
const E2 = '00000000-0000-4000-8000-000000000002';
const E3 = '00000000-0000-4000-8000-000000000003';

/*
 * Fixture (testing/fact-fixture.ts): PUE 1, 100 g/kWh location, 50 g/kWh market, ±10 % band,
 * tier measured, factors test.intensity.location and test.intensity.market.
 *   E1 clip-1 2 kWh + 10 g embodied: 2 × 100 + 10 = 210 g (189–231), market 2 × 50 + 10 = 110
 *   E2 clip-1 1 kWh                : 100 g (90–110), market 50        at 23:30:00.001
 *   E3 clip-1 0.5 kWh              : 50 g (45–55), market 25          at the same instant
 *   shot-1 (clip-1's parent) and tenant b's clip-1 are not clip-1's own activities of tenant a.
 */
const FACTS = [
  renderFact({
    tenant: A,
    projectId: P,
    occurredAt: '2026-03-01T10:00:00Z',
    energyKwh: 2,
    embodiedG: 10,
    artifactId: 'clip-1',
    eventId: E1,
  }),
  renderFact({
    tenant: A,
    projectId: P,
    occurredAt: '2026-03-01T23:30:00.001Z',
    energyKwh: 1,
    artifactId: 'clip-1',
    eventId: E2,
  }),
  renderFact({
    tenant: A,
    projectId: P,
    occurredAt: '2026-03-01T23:30:00.001Z',
    energyKwh: 0.5,
    artifactId: 'clip-1',
    eventId: E3,
  }),
  renderFact({
    tenant: A,
    projectId: P,
    occurredAt: '2026-03-01T09:00:00Z',
    energyKwh: 7,
    artifactId: 'shot-1',
  }),
  renderFact({
    tenant: B,
    projectId: P,
    occurredAt: '2026-03-01T09:00:00Z',
    energyKwh: 9,
    artifactId: 'clip-1',
  }),
];

describe.each(BACKENDS)('artifact activities on $name', (backend) => {
  let opened: OpenedBackend;
  let queries: EmissionQueries;

  beforeAll(async () => {
    opened = await backend.open();
    queries = new EmissionQueries(opened.db);
    await new EmissionStore(opened.db).commitBatch({
      facts: FACTS,
      artifacts: [],
      rejections: [],
      offsets: [],
    });
  });
  afterAll(() => opened?.dispose());

  it("lists the artifact's own activities oldest first with tier, factors, energy and CO2e, a page at a time", async () => {
    const first = await queries.artifactActivities(A, P, 'clip-1', 2);
    expect(first.hasNextPage).toBe(true);
    expect(first.rows.map((r) => [r.eventId, r.occurredAt])).toEqual([
      [E1, '2026-03-01T10:00:00.000000Z'],
      [E2, '2026-03-01T23:30:00.001000Z'],
    ]);
    const [one] = first.rows;
    expect(one).toMatchObject({
      kind: 'render',
      tier: 'measured',
      modelId: 'render.measured',
      scope: 2,
      factorIds: ['test.intensity.location', 'test.intensity.market'],
      factorSetVersion: 'test-1',
      pue: 1,
      intensityGPerKwh: 100,
      energyKwh: 2,
      co2eG: 210,
      co2eMarketG: 110,
    });
    expect(one!.co2eLowG).toBeCloseTo(189, 9);
    expect(one!.co2eHighG).toBeCloseTo(231, 9);
    // The cursor is exact (to the microsecond stored): E2 is not returned again, E3 (same instant) is.
    const second = await queries.artifactActivities(A, P, 'clip-1', 2, first.endCursor);
    expect(second.hasNextPage).toBe(false);
    expect(second.rows.map((r) => [r.eventId, r.energyKwh, r.co2eG, r.co2eMarketG])).toEqual([
      [E3, 0.5, 50, 25],
    ]);
  });

  it('is tenant-scoped and refuses a bad page size or cursor, naming the argument', async () => {
    const other = await queries.artifactActivities(B, P, 'clip-1', 10);
    // Tenant b's own 9 kWh: 9 × 100 = 900 g.
    expect(other.rows.map((r) => r.co2eG)).toEqual([900]);
    expect((await queries.artifactActivities(A, P, 'nothing', 10)).rows).toEqual([]);
    await expect(queries.artifactActivities(A, P, 'clip-1', 0)).rejects.toMatchObject({
      field: 'first',
    });
    await expect(queries.artifactActivities(A, P, 'clip-1', 101)).rejects.toMatchObject({
      field: 'first',
    });
    await expect(queries.artifactActivities(A, P, 'clip-1', 10, 'bm9wZQ')).rejects.toMatchObject({
      field: 'after',
    });
  });
});
