import { EmissionQueries } from './emission-queries';
import { EmissionStore } from './emission-store';
import { ReadAggregates1767225600300 } from './migrations/1767225600300-read-aggregates';
import { BACKENDS, type OpenedBackend } from './testing/backends';
import { renderFact } from './testing/fact-fixture';

const T = 'tenant-agg';
const P = 'agg-project';
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const CHUNK_MS = 90 * DAY_MS;

/*
 * Fixture (renderFact: 100 g/kWh location, 50 g/kWh market, PUE 1, ±10 %):
 *   f1 artifact a1, 2 kWh, M 10 g: co2e 2×100+10 = 210 g, market 2×50+10 = 110 g
 *   f2 no artifact, 1 kWh       : co2e 100 g,            market 50 g
 */
const f1 = renderFact({
  tenant: T,
  projectId: P,
  occurredAt: '2026-03-01T10:00:00Z',
  energyKwh: 2,
  embodiedG: 10,
  artifactId: 'a1',
});
const f2 = renderFact({
  tenant: T,
  projectId: P,
  occurredAt: '2026-03-02T10:00:00Z',
  energyKwh: 1,
});

describe.each(BACKENDS)('read aggregates on $name', (backend) => {
  let opened: OpenedBackend;
  let store: EmissionStore;
  let queries: EmissionQueries;

  beforeAll(async () => {
    opened = await backend.open();
    store = new EmissionStore(opened.db);
    queries = new EmissionQueries(opened.db);
  });
  afterAll(() => opened?.dispose());

  it('follow inserts, re-sent facts, updates and deletes of the facts', async () => {
    await store.commitBatch({ facts: [f1, f2], artifacts: [], offsets: [] });
    await store.commitBatch({ facts: [f1], artifacts: [], offsets: [] }); // re-sent: no change
    let totals = await queries.projectTotals(T, P);
    // 2+1 = 3 kWh; 210+100 = 310 g; market 110+50 = 160 g; embodied 10 g; low 0.9×310 = 279
    expect(totals).toEqual({
      energyKwh: 3,
      co2eG: 310,
      co2eMarketG: 160,
      operationalG: 300,
      embodiedG: 10,
      trainingG: 0,
      lowG: expect.closeTo(279, 9),
      highG: expect.closeTo(341, 9),
      activityCount: 2,
    });
    expect((await queries.artifactTotals(T, P, 'a1')).co2eG).toBeCloseTo(210, 9);

    // A correction rewrites f2 in place: 5 kWh, 500 g. Totals: 2+5 = 7 kWh, 210+500 = 710 g.
    await opened.db.dataSource.query(
      `update emission_facts set energy_kwh = 5, co2e_g = 500 where tenant_id = $1 and event_id = $2`,
      [T, f2.eventId],
    );
    totals = await queries.projectTotals(T, P);
    expect(totals?.energyKwh).toBeCloseTo(7, 9);
    expect(totals?.co2eG).toBeCloseTo(710, 9);
    expect(totals?.activityCount).toBe(2);

    // f1 deleted: 5 kWh, 500 g, one activity; its artifact has nothing left.
    await opened.db.dataSource.query(
      `delete from emission_facts where tenant_id = $1 and event_id = $2`,
      [T, f1.eventId],
    );
    totals = await queries.projectTotals(T, P);
    expect(totals?.energyKwh).toBeCloseTo(5, 9);
    expect(totals?.co2eG).toBeCloseTo(500, 9);
    expect(totals?.embodiedG).toBeCloseTo(0, 9);
    expect(totals?.activityCount).toBe(1);
    expect((await queries.artifactTotals(T, P, 'a1')).activityCount).toBe(0);
    expect((await queries.projectTotalsByScope(T, P)).map((s) => s.activityCount)).toEqual([1]);
  });

  it('are backfilled from the facts already stored when the migration runs', async () => {
    const before = await queries.projectTotals(T, P);
    const runner = opened.db.dataSource.createQueryRunner();
    try {
      const migration = new ReadAggregates1767225600300();
      await runner.startTransaction();
      await migration.down(runner);
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await queries.projectTotals(T, P)).toEqual(before);
  });

  it("a tenant's sparse history adds a chunk per quarter at most, and costs others nothing", async () => {
    // 200 facts of 1 kWh (100 g) each, one per week going back from 2026-11-02.
    const latestMs = Date.UTC(2026, 10, 2, 9);
    const sparse = Array.from({ length: 200 }, (_, i) =>
      renderFact({
        tenant: 'sparse',
        projectId: 'weeks',
        occurredAt: new Date(latestMs - i * WEEK_MS).toISOString(),
        energyKwh: 1,
      }),
    );
    await store.commitBatch({ facts: sparse.slice(0, 100), artifacts: [], offsets: [] });
    await store.commitBatch({ facts: sparse.slice(100), artifacts: [], offsets: [] });

    expect((await queries.projectTotals('sparse', 'weeks'))?.co2eG).toBeCloseTo(20000, 9); // 200 × 100 g
    expect((await queries.projectTotals(T, P))?.co2eG).toBeCloseTo(500, 9); // unchanged
    if (backend.expectTimescale) {
      // Chunks are 90-day ranges aligned on the Unix epoch: one per range holding a fact of
      // this file (f2 in March 2026, and the 200 weekly facts), instead of 200 7-day chunks.
      const ranges = new Set(
        [f2.occurredAt, ...sparse.map((f) => f.occurredAt)].map((iso) =>
          Math.floor(Date.parse(iso) / CHUNK_MS),
        ),
      );
      const rows: Array<{ n: number }> = await opened.db.dataSource.query(
        `select count(*)::int as n from timescaledb_information.chunks where hypertable_name = $1`,
        ['emission_facts'],
      );
      expect(rows[0].n).toBe(ranges.size);
    }
  });
});
