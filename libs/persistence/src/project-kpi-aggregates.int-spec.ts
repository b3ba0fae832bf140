import { projectKpis } from '@greenops/methodology';
import { EmissionStore } from './emission-store';
import {
  KPI_DAILY_COLUMNS,
  KPI_DAILY_KEY,
  KPI_DAILY_ROWS,
  MEASURE_DAILY_COLUMNS,
  MEASURE_DAILY_KEY,
  MEASURE_DAILY_ROWS,
} from './migrations/1767225601750-project-kpi-aggregates';
import {
  ARTIFACT_KPI_DAILY_COLUMNS,
  ARTIFACT_KPI_DAILY_KEY,
  ARTIFACT_KPI_DAILY_ROWS,
} from './migrations/1767225601900-artifact-kpi-daily';
import { ProjectKpiQueries } from './project-kpi-queries';
import { BACKENDS, type OpenedBackend } from './testing/backends';
import { renderFact } from './testing/fact-fixture';

const T = 'tenant-kpi-agg';
const OTHER = 'tenant-kpi-other';
const P = 'kpi-p1';

/*
 * renderFact: 100 g/kWh location, 50 g/kWh market, PUE 1 (testing/fact-fixture.ts). Facts of
 * T/P, each with a measure row of `gpu_hours` equal to its kWh:
 *   f1 2026-03-01 10:00 UTC, 1 kWh →   100 g, artifact v1 (rejected: discarded)
 *   f2 2026-03-01 20:00 UTC, 2 kWh →   200 g, artifact v2 (approved)
 *   f3 2026-03-02 12:00 UTC, 4 kWh →   400 g, artifact v1
 *   f4 2026-03-03 01:00 UTC, 8 kWh →   800 g, no artifact
 * and OTHER/P (another tenant, same project id) 2026-03-02 12:00, 16 kWh → 1,600 g: never counted.
 */
const facts = [
  renderFact({
    tenant: T,
    projectId: P,
    occurredAt: '2026-03-01T10:00:00.000Z',
    energyKwh: 1,
    artifactId: 'v1',
  }),
  renderFact({
    tenant: T,
    projectId: P,
    occurredAt: '2026-03-01T20:00:00.000Z',
    energyKwh: 2,
    artifactId: 'v2',
  }),
  renderFact({
    tenant: T,
    projectId: P,
    occurredAt: '2026-03-02T12:00:00.000Z',
    energyKwh: 4,
    artifactId: 'v1',
  }),
  renderFact({ tenant: T, projectId: P, occurredAt: '2026-03-03T01:00:00.000Z', energyKwh: 8 }),
  renderFact({
    tenant: OTHER,
    projectId: P,
    occurredAt: '2026-03-02T12:00:00.000Z',
    energyKwh: 16,
  }),
];
const [f1, f2, f3, f4] = facts;

describe.each(BACKENDS)('per-project KPI aggregates on $name', (backend) => {
  let opened: OpenedBackend;
  let kpis: ProjectKpiQueries;
  const q = <T>(sql: string, params: unknown[] = []) =>
    opened.db.dataSource.query(sql, params) as Promise<T[]>;

  /** Totals of the KPIs over [from, to): what Project.kpis derives from the inputs. */
  const figures = async (from?: string, to?: string) => {
    const k = projectKpis(await kpis.kpiInputs(T, P, from, to));
    return {
      co2eG: k.co2eG,
      co2eMarketG: k.co2eMarketG,
      energyKwh: k.energyKwh,
      activityCount: k.activityCount,
      discardedG: k.discardedG,
      gpuHours: k.gpuHours,
    };
  };
  const g = (kwh: number, count: number, discardedKwh: number) => ({
    co2eG: kwh * 100,
    co2eMarketG: kwh * 50,
    energyKwh: kwh,
    activityCount: count,
    discardedG: discardedKwh * 100,
    gpuHours: kwh,
  });

  /** The previous computation: the same sums read straight from the raw rows. */
  const raw = async (from: string | null, to: string | null) => {
    const [f] = await q<{ g: number; n: number }>(
      `select coalesce(sum(co2e_g), 0)::float8 as g, count(*)::int as n from emission_facts
        where tenant_id = $1 and project_id = $2
          and ($3::timestamptz is null or occurred_at >= $3) and ($4::timestamptz is null or occurred_at < $4)`,
      [T, P, from, to],
    );
    const [m] = await q<{ h: number }>(
      `select coalesce(sum(gpu_hours), 0)::float8 as h from activity_measures
        where tenant_id = $1 and project_id = $2
          and ($3::timestamptz is null or occurred_at >= $3) and ($4::timestamptz is null or occurred_at < $4)`,
      [T, P, from, to],
    );
    return { co2eG: f.g, activityCount: f.n, gpuHours: m.h };
  };
  const WINDOWS: Array<[string | null, string | null]> = [
    [null, null],
    ['2026-03-01T15:00:00.000Z', '2026-03-03T00:30:00.000Z'],
    ['2026-03-01T09:00:00.000Z', '2026-03-01T11:00:00.000Z'],
    ['2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
    ['2026-03-01T12:00:00.000Z', null],
    [null, '2026-03-02T13:00:00.000Z'],
    ['2026-02-28T23:59:59.999Z', '2026-03-03T01:00:00.001Z'],
  ];
  const matchesRaw = async () => {
    for (const [from, to] of WINDOWS) {
      const k = await figures(from ?? undefined, to ?? undefined);
      const r = await raw(from, to);
      expect({ window: [from, to], ...k }).toMatchObject({ window: [from, to], ...r });
    }
  };
  /** The aggregate tables equal a rebuild from the rows they summarise. */
  const aggregatesMatchRebuild = async () => {
    for (const [table, columns, key, rows, source] of [
      ['project_kpi_daily', KPI_DAILY_COLUMNS, KPI_DAILY_KEY, KPI_DAILY_ROWS, 'emission_facts'],
      [
        'project_measure_daily',
        MEASURE_DAILY_COLUMNS,
        MEASURE_DAILY_KEY,
        MEASURE_DAILY_ROWS,
        'activity_measures',
      ],
      [
        'artifact_kpi_daily',
        ARTIFACT_KPI_DAILY_COLUMNS,
        ARTIFACT_KPI_DAILY_KEY,
        ARTIFACT_KPI_DAILY_ROWS,
        'emission_facts',
      ],
    ] as const) {
      const kept = await q(
        `select ${columns} from ${table} where ${table === 'project_measure_daily' ? 'measure_count' : 'activity_count'} > 0 order by ${key}`,
      );
      const rebuilt = await q(`select ${columns} from (${rows(source)}) r order by ${key}`);
      // An update or delete subtracts from a rounded sum: equal to the last binary digits
      // (relative 1e-12), as the bench's --verify compares them.
      const rounded = (rows: Array<Record<string, unknown>>) =>
        rows.map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([c, v]) => [c, typeof v === 'number' ? v.toPrecision(12) : v]),
          ),
        );
      expect(rounded(kept as Array<Record<string, unknown>>)).toEqual(
        rounded(rebuilt as Array<Record<string, unknown>>),
      );
    }
  };

  beforeAll(async () => {
    opened = await backend.open();
    kpis = new ProjectKpiQueries(opened.db);
    // Two statements, so the insert trigger adds to rows it made before.
    const store = new EmissionStore(opened.db);
    await store.commitBatch({ facts: facts.slice(0, 2), artifacts: [], offsets: [] });
    await store.commitBatch({ facts: facts.slice(2), artifacts: [], offsets: [] });
    for (const f of facts) {
      await q(
        `insert into activity_measures (tenant_id, project_id, event_id, occurred_at, activity_kind, duration_s, gpu_hours)
         values ($1, $2, $3, $4, 'render', 3600, $5)`,
        [f.tenant, f.projectId, f.eventId, f.occurredAt, f.result.energyKwh.nominal],
      );
    }
    await q(
      `insert into artifacts (tenant_id, project_id, artifact_id, status, first_seen_at, updated_at)
       values ($1, $2, 'v1', 'rejected', $3, $3), ($1, $2, 'v2', 'approved', $3, $3)`,
      [T, P, f1.occurredAt],
    );
  });
  afterAll(() => opened?.dispose());

  it('whole days from the aggregate, partial edge days from the raw facts: exact at any boundary', async () => {
    // All: 1 + 2 + 4 + 8 = 15 kWh → 1,500 g, 750 g market; v1 discarded: 1 + 4 = 5 kWh → 500 g.
    expect(await figures()).toEqual(g(15, 4, 5));
    // [03-01 15:00, 03-03 00:30): f2 (edge of 03-01) + f3 (whole 03-02); f4 at 01:00 is after
    // the edge of 03-03 → 2 + 4 = 6 kWh, 600 g; discarded f3 → 400 g.
    expect(await figures('2026-03-01T15:00:00Z', '2026-03-03T00:30:00Z')).toEqual(g(6, 2, 4));
    // Inside one day [03-01 09:00, 11:00): f1 only → 100 g, all of it discarded.
    expect(await figures('2026-03-01T09:00:00Z', '2026-03-01T11:00:00Z')).toEqual(g(1, 1, 1));
    // The whole day 03-02: f3 → 400 g.
    expect(await figures('2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z')).toEqual(g(4, 1, 4));
    // From 03-01 12:00: f2 + f3 + f4 = 14 kWh; to 03-02 13:00: f1 + f2 + f3 = 7 kWh.
    expect(await figures('2026-03-01T12:00:00Z')).toEqual(g(14, 3, 4));
    expect(await figures(undefined, '2026-03-02T13:00:00Z')).toEqual(g(7, 3, 5));
    await matchesRaw();
    await aggregatesMatchRebuild();
  });

  it('series: whole days from the aggregate and partial edge days from the raw facts fall in the same UTC buckets', async () => {
    // 2026-03-01 is a Sunday: its week starts Monday 02-23, 03-02's week starts 03-02.
    const point = (bucketStart: string, key: string, kwh: number, count: number) => ({
      bucketStart,
      key,
      co2eG: kwh * 100,
      co2eMarketG: kwh * 50,
      energyKwh: kwh,
      activityCount: count,
    });
    // [03-01 15:00, 03-03 00:30): f2 (edge of 03-01) and f3 (whole day 03-02); f4 is after.
    expect(
      await kpis.series(T, P, 'WEEK', 'KIND', '2026-03-01T15:00:00Z', '2026-03-03T00:30:00Z'),
    ).toEqual([
      point('2026-02-23T00:00:00.000Z', 'render', 2, 1),
      point('2026-03-02T00:00:00.000Z', 'render', 4, 1),
    ]);
    // [03-01 09:00, 03-03 00:30) by day: f1 + f2 = 3 kWh on 03-01 (edge), f3 on 03-02 (whole).
    expect(
      await kpis.series(T, P, 'DAY', 'SCOPE', '2026-03-01T09:00:00Z', '2026-03-03T00:30:00Z'),
    ).toEqual([
      point('2026-03-01T00:00:00.000Z', 'scope 2', 3, 2),
      point('2026-03-02T00:00:00.000Z', 'scope 2', 4, 1),
    ]);
    // [02-28 23:59:59.999, 03-03 01:00:00.001) by month: all four facts, 15 kWh, in March.
    expect(
      await kpis.series(
        T,
        P,
        'MONTH',
        'KIND',
        '2026-02-28T23:59:59.999Z',
        '2026-03-03T01:00:00.001Z',
      ),
    ).toEqual([point('2026-03-01T00:00:00.000Z', 'render', 15, 4)]);
    // Inside one day [03-01 09:00, 11:00): f1 only.
    expect(
      await kpis.series(T, P, 'WEEK', 'SCOPE', '2026-03-01T09:00:00Z', '2026-03-01T11:00:00Z'),
    ).toEqual([point('2026-02-23T00:00:00.000Z', 'scope 2', 1, 1)]);
  });

  it('a correction (update) and a fact moved to another day are followed by the row triggers', async () => {
    // f3 corrected from 4 to 3 kWh: 300 g, 150 g market, band ±10 %.
    await q(
      `update emission_facts set energy_kwh = 3, co2e_g = 300, co2e_market_g = 150,
              co2e_low_g = 270, co2e_high_g = 330 where tenant_id = $1 and event_id = $2`,
      [T, f3.eventId],
    );
    await q(`update activity_measures set gpu_hours = 3 where tenant_id = $1 and event_id = $2`, [
      T,
      f3.eventId,
    ]);
    // f4 restated at 03-02 06:00 (a whole day of the window below).
    await q(
      `update emission_facts set occurred_at = '2026-03-02T06:00:00Z' where tenant_id = $1 and event_id = $2`,
      [T, f4.eventId],
    );
    await q(
      `update activity_measures set occurred_at = '2026-03-02T06:00:00Z' where tenant_id = $1 and event_id = $2`,
      [T, f4.eventId],
    );
    // All: 1 + 2 + 3 + 8 = 14 kWh; discarded v1: 1 + 3 = 4 kWh.
    expect(await figures()).toEqual(g(14, 4, 4));
    // [03-01 15:00, 03-03 00:30): f2 + f3 + f4 = 2 + 3 + 8 = 13 kWh; discarded f3 → 300 g.
    expect(await figures('2026-03-01T15:00:00Z', '2026-03-03T00:30:00Z')).toEqual(g(13, 3, 3));
    await matchesRaw();
    await aggregatesMatchRebuild();
  });

  it('a deletion leaves the aggregate; a status change moves the discarded g at once', async () => {
    await q(`delete from emission_facts where tenant_id = $1 and event_id = $2`, [T, f2.eventId]);
    await q(`delete from activity_measures where tenant_id = $1 and event_id = $2`, [
      T,
      f2.eventId,
    ]);
    // All: 1 + 3 + 8 = 12 kWh, 3 facts; discarded v1 still 4 kWh.
    expect(await figures()).toEqual(g(12, 3, 4));
    // [03-01 15:00, 03-03 00:30): f3 + f4 = 11 kWh.
    expect(await figures('2026-03-01T15:00:00Z', '2026-03-03T00:30:00Z')).toEqual(g(11, 2, 3));
    await q(`update artifacts set status = 'final' where tenant_id = $1 and artifact_id = 'v1'`, [
      T,
    ]);
    expect((await figures()).discardedG).toBe(0);
    await matchesRaw();
    await aggregatesMatchRebuild();
  });

  it('an artifact turning discarded moves its whole days and edges into the discarded share; corrections and deletions of its facts follow', async () => {
    // Left from above: f1 (03-01 10:00, 1 kWh, v1), f3 (03-02 12:00, 3 kWh, v1), f4 (03-02
    // 06:00, 8 kWh, no artifact); v1 is final, so nothing is discarded.
    const window = ['2026-03-01T09:00:00Z', '2026-03-03T00:30:00Z'] as const;
    expect(await figures(...window)).toEqual(g(12, 3, 0));
    await q(
      `update artifacts set status = 'rejected' where tenant_id = $1 and artifact_id = 'v1'`,
      [T],
    );
    // v1 rejected: f1 (the edge [03-01 09:00, 03-02)) + f3 (the whole day 03-02) = 4 kWh → 400 g.
    expect(await figures()).toEqual(g(12, 3, 4));
    expect(await figures(...window)).toEqual(g(12, 3, 4));
    // Whole days only, [03-02, 03-03): f3 → 300 g discarded of f3 + f4 = 11 kWh.
    expect(await figures('2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z')).toEqual(g(11, 2, 3));
    // A correction of f3 to 5 kWh (500 g, band ±10 %): discarded 1 + 5 = 6 kWh.
    await q(
      `update emission_facts set energy_kwh = 5, co2e_g = 500, co2e_market_g = 250,
              co2e_low_g = 450, co2e_high_g = 550 where tenant_id = $1 and event_id = $2`,
      [T, f3.eventId],
    );
    await q(`update activity_measures set gpu_hours = 5 where tenant_id = $1 and event_id = $2`, [
      T,
      f3.eventId,
    ]);
    expect(await figures(...window)).toEqual(g(14, 3, 6));
    // f3 re-attributed to v2 (approved): only f1 stays discarded.
    await q(`update emission_facts set artifact_id = 'v2' where tenant_id = $1 and event_id = $2`, [
      T,
      f3.eventId,
    ]);
    expect(await figures(...window)).toEqual(g(14, 3, 1));
    await q(`update emission_facts set artifact_id = 'v1' where tenant_id = $1 and event_id = $2`, [
      T,
      f3.eventId,
    ]);
    // f1 deleted (as retention and erasure delete facts): the discarded share is f3's 500 g.
    await q(`delete from emission_facts where tenant_id = $1 and event_id = $2`, [T, f1.eventId]);
    await q(`delete from activity_measures where tenant_id = $1 and event_id = $2`, [
      T,
      f1.eventId,
    ]);
    expect(await figures()).toEqual(g(13, 2, 5));
    expect(await figures(...window)).toEqual(g(13, 2, 5));
    await matchesRaw();
    await aggregatesMatchRebuild();
  });
});
