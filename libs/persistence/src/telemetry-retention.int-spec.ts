import { EmissionQueries } from './emission-queries';
import { EmissionStore } from './emission-store';
import { EventLogTable } from './event-log-table';
import { PersistenceInputError } from './persistence-input.error';
import { ProjectErasureStore } from './project-erasure.store';
import { ProjectKpiQueries } from './project-kpi-queries';
import { ProjectReportQueries } from './project-report-queries';
import { RetentionQueries } from './retention-queries';
import { TelemetryRetentionStore } from './telemetry-retention.store';
import { BACKENDS, type OpenedBackend } from './testing/backends';
import { renderFact } from './testing/fact-fixture';

const T1 = 'tenant-ret-1';
const T2 = 'tenant-ret-2';
const P1 = 'ret-p1';
const P2 = 'ret-p2';
const TOPIC = 'greenops.activities.v1';
const DAY_MS = 86_400_000;
const FIRST_DAY_MS = Date.parse('2026-02-01T00:00:00Z');
/** 2026-06-01 12:00 UTC: with rawDays 30 the cutoff is 2026-06-01 − 30 days = 2026-05-02 00:00. */
const NOW = new Date('2026-06-01T12:00:00Z');
const CUTOFF = '2026-05-02T00:00:00.000Z';
const ADMIN = { keyId: 'key-admin-1', reason: 'contract: 30 days of raw telemetry' };

/*
 * Seed, 120 days from 2026-02-01 (day i = 0…119, 10:00 UTC; day 119 is 2026-05-31), with
 * renderFact (100 g/kWh location, 50 g/kWh market, PUE 1, no embodied share):
 *   T1/P1: one fact a day, (i mod 4) + 1 kWh, artifact `a<i mod 3>`      → 120 facts
 *   T1/P2: one fact every 10th day (i = 0, 10, …, 110), 2 kWh            →  12 facts
 *   T2/P1: the same project id, one fact a day, 5 kWh                    → 120 facts
 * The cutoff 2026-05-02 is day i = 90 (Feb 28 + Mar 31 + Apr 30 + 1 = 90 days after Feb 1),
 * so days 0…89 go: T1/P1 90 facts, T1/P2 9 facts (i = 0…80 step 10) → 99 facts removed,
 * 30 + 3 = 33 kept; T2 keeps all 120.
 * T1/P1 total energy: 30 cycles of 1+2+3+4 kWh = 300 kWh → 300 × 100 = 30,000 g CO2e
 * (market 300 × 50 = 15,000 g).
 */
function day(i: number): string {
  return new Date(FIRST_DAY_MS + i * DAY_MS + 10 * 3_600_000).toISOString();
}
const days = Array.from({ length: 120 }, (_, i) => i);
const seed = [
  ...days.map((i) =>
    renderFact({
      tenant: T1,
      projectId: P1,
      occurredAt: day(i),
      energyKwh: (i % 4) + 1,
      artifactId: `a${i % 3}`,
    }),
  ),
  ...days
    .filter((i) => i % 10 === 0)
    .map((i) => renderFact({ tenant: T1, projectId: P2, occurredAt: day(i), energyKwh: 2 })),
  ...days.map((i) => renderFact({ tenant: T2, projectId: P1, occurredAt: day(i), energyKwh: 5 })),
];

describe.each(BACKENDS)('telemetry retention and project erasure on $name', (backend) => {
  let opened: OpenedBackend;
  let queries: EmissionQueries;
  let kpis: ProjectKpiQueries;
  let reports: ProjectReportQueries;
  let retention: TelemetryRetentionStore;
  let erasure: ProjectErasureStore;
  let audit: RetentionQueries;
  const q = <T>(sql: string, params: unknown[]) =>
    opened.db.dataSource.query(sql, params) as Promise<T[]>;
  const countFacts = async (tenant: string, projectId?: string) =>
    (
      await q<{ n: number }>(
        `select count(*)::int as n from emission_facts
          where tenant_id = $1 and ($2::text is null or project_id = $2)`,
        [tenant, projectId ?? null],
      )
    )[0].n;
  const countLog = async (tenant: string) =>
    (
      await q<{ n: number }>(
        `select count(*)::int as n from event_log where value->>'tenant' = $1`,
        [tenant],
      )
    )[0].n;
  const daily = (tenant: string, projectId: string) =>
    queries.dailyProjectTotals(tenant, projectId, '2026-01-01T00:00:00Z', '2026-07-01T00:00:00Z');
  /** Everything a project's figures are read from, for before/after comparisons. */
  const figures = async (tenant: string, projectId: string) => ({
    totals: await queries.projectTotals(tenant, projectId),
    byScope: await queries.projectTotalsByScope(tenant, projectId),
    daily: await daily(tenant, projectId),
    series: await Promise.all(
      (['DAY', 'WEEK', 'MONTH'] as const).flatMap((bucket) =>
        (['KIND', 'SCOPE'] as const).map((by) =>
          kpis.series(
            tenant,
            projectId,
            bucket,
            by,
            '2026-01-01T00:00:00Z',
            '2026-07-01T00:00:00Z',
          ),
        ),
      ),
    ),
    // Export amounts per month (provenance describes the facts still held raw).
    report: (await reports.report(tenant, projectId)).map((r) => ({
      month: r.month,
      activityCount: r.activityCount,
      energyKwh: r.energyKwh,
      co2eG: r.co2eG,
      co2eMarketG: r.co2eMarketG,
    })),
    gpuHours: (await kpis.kpiInputs(tenant, projectId)).measures.gpuHours,
    kpiGroups: (await kpis.kpiInputs(tenant, projectId)).groups.map((g) => ({
      ...g,
      // Sums of ±10 % bounds are not exact binary fractions: their order may differ.
      lowG: Math.round(g.lowG * 1e6) / 1e6,
      highG: Math.round(g.highG * 1e6) / 1e6,
    })),
  });

  beforeAll(async () => {
    opened = await backend.open();
    queries = new EmissionQueries(opened.db);
    kpis = new ProjectKpiQueries(opened.db);
    reports = new ProjectReportQueries(opened.db);
    retention = new TelemetryRetentionStore(opened.db, TOPIC);
    erasure = new ProjectErasureStore(opened.db);
    audit = new RetentionQueries(opened.db);
    await new EmissionStore(opened.db).commitBatch({ facts: seed, artifacts: [], offsets: [] });
    await q(
      `insert into artifacts (tenant_id, project_id, artifact_id, first_seen_at, updated_at)
       values ($1, $2, 'a0', $3, $3), ($1, $2, 'a1', $3, $3), ($4, $2, 'a0', $3, $3)`,
      [T1, P1, day(0), T2],
    );
    // The embedded log: each fact's ActivityRecorded record, and one tenant-level record.
    await new EventLogTable(opened.db).append([
      ...seed.map((f) => ({
        topic: TOPIC,
        key: `${f.tenant}/${f.projectId}`,
        value: {
          id: f.eventId,
          type: 'ActivityRecorded',
          version: 1,
          tenant: f.tenant,
          projectId: f.projectId,
          occurredAt: f.occurredAt,
          recordedAt: f.recordedAt,
          payload: {},
        },
      })),
      {
        topic: TOPIC,
        key: T1,
        value: { type: 'FactorSetPublished', tenant: T1, projectId: '*', occurredAt: day(0) },
      },
    ]);
    // Per-event measures: T1 day 0 (before the cutoff) and day 100 (after); T2 day 0.
    await q(
      `insert into activity_measures (tenant_id, project_id, event_id, occurred_at, activity_kind, duration_s, gpu_hours)
       values ($1, $2, $3, $4, 'render', 3600, 1), ($1, $2, $5, $6, 'render', 3600, 1),
              ($7, $2, $8, $4, 'render', 3600, 1)`,
      [T1, P1, seed[0].eventId, day(0), seed[100].eventId, day(100), T2, seed[132].eventId],
    );
    // Stored what-if inputs follow the same window: T1 day 1 (before the cutoff) and day 101.
    await q(
      `insert into activity_inputs (tenant_id, project_id, event_id, occurred_at, activity_kind, inputs)
       values ($1, $2, $3, $4, 'render', '{}'::jsonb), ($1, $2, $5, $6, 'render', '{}'::jsonb)`,
      [T1, P1, seed[1].eventId, day(1), seed[101].eventId, day(101)],
    );
  });
  afterAll(() => opened?.dispose());

  it('setTelemetryRetention(30) removes exactly the 99 raw facts before the cutoff; figures do not move', async () => {
    const t1Before = await figures(T1, P1);
    const t1p2Before = await figures(T1, P2);
    const t2Before = await figures(T2, P1);
    expect(t1Before.totals?.co2eG).toBe(30_000); // 300 kWh × 100 g/kWh
    expect(t1Before.totals?.co2eMarketG).toBe(15_000); // 300 kWh × 50 g/kWh
    expect(t1Before.daily).toHaveLength(120);
    // Measures of 1 GPU-hour each on day 0 (before the cutoff) and day 100: 2 GPU-hours; the
    // retention removes day 0's row and keeps its day in project_measure_daily (unchanged below).
    expect(t1Before.gpuHours).toBe(2);
    // February (28 days from Feb 1 = days 0…27): 7 cycles of 1+2+3+4 kWh = 70 kWh → 7,000 g.
    expect(t1Before.report[0]).toEqual({
      month: '2026-02',
      activityCount: 28,
      energyKwh: 70,
      co2eG: 7_000,
      co2eMarketG: 3_500,
    });
    expect(await countFacts(T1)).toBe(132); // 120 + 12
    expect(await countLog(T1)).toBe(133); // 132 activity records + 1 tenant-level record

    const setting = await retention.setWindow(T1, 30, ADMIN, NOW);
    expect(setting).toMatchObject({ rawDays: 30, setBy: 'key-admin-1', rawHeldFrom: null });
    const lines: string[] = [];
    const run = await retention.enforce(T1, ADMIN, NOW, (line) => lines.push(line));

    // Per-event rows before the cutoff: 1 measure (day 0) + 1 stored input (day 1).
    expect(run).toEqual({ tenant: T1, cutoff: CUTOFF, facts: 99, measures: 2, logRecords: 99 });
    const inputsLeft = await q<{ n: number }>(
      `select count(*)::int as n from activity_inputs where tenant_id = $1`,
      [T1],
    );
    expect(inputsLeft[0].n).toBe(1); // day 101's
    expect(lines.at(-1)).toContain('99 facts');
    expect(await countFacts(T1, P1)).toBe(30);
    expect(await countFacts(T1, P2)).toBe(3);
    const oldest = await q<{ at: Date }>(
      `select min(occurred_at) as at from emission_facts where tenant_id = $1`,
      [T1],
    );
    expect(oldest[0].at.toISOString()).toBe(day(90)); // 2026-05-02T10:00Z, the first kept day
    const counted = await q<{ n: number }>(
      `select count(*)::int as n from counted_facts where tenant_id = $1`,
      [T1],
    );
    expect(counted[0].n).toBe(33);
    expect(await countLog(T1)).toBe(34); // 33 activity records + the tenant-level record
    expect(await countFacts(T2)).toBe(120);
    expect(await countLog(T2)).toBe(120);

    expect(await figures(T1, P1)).toEqual(t1Before);
    expect(await figures(T1, P2)).toEqual(t1p2Before);
    expect(await figures(T2, P1)).toEqual(t2Before);
    // Day 0 (2026-02-01) is archived: 1 kWh → 100 g; still served by the daily series.
    expect(t1Before.daily[0]).toEqual({ day: '2026-02-01', co2eG: 100, energyKwh: 1 });
    expect(await retention.restatableFrom(T1)).toBe(CUTOFF);
    expect(await retention.restatableFrom(T2)).toBeNull();
  });

  it('a second enforcement removes nothing and adds no audit record; the sweep enforces every tenant with a window', async () => {
    const runs = await retention.sweep(NOW);
    expect(runs).toEqual([{ tenant: T1, cutoff: CUTOFF, facts: 0, measures: 0, logRecords: 0 }]);
    const actions = (await audit.audit(T1, 100)).map((r) => r.action);
    expect(actions).toEqual(['TELEMETRY_RETENTION_SET', 'TELEMETRY_RETENTION_ENFORCED']);
  });

  it('eraseProject keepTotals=true removes every raw row of the project and keeps its totals and daily sums', async () => {
    const before = await figures(T1, P1);
    const t2Before = await figures(T2, P1);
    const erased = await erasure.erase(
      T1,
      P1,
      true,
      { keyId: 'key-admin-1', reason: 'DSR 42' },
      NOW,
    );
    // 30 facts still raw; detail rows: 2 artifacts + 3 artifact_totals (a0, a1, a2)
    // + 1 measure (day 100) + 1 stored what-if input (day 101) = 7; 30 log records.
    expect(erased).toEqual({
      projectId: P1,
      keepTotals: true,
      facts: 30,
      detailRows: 7,
      totalRows: 0,
      logRecords: 30,
    });
    expect(await countFacts(T1, P1)).toBe(0);
    const after = await figures(T1, P1);
    expect(after.totals).toEqual(before.totals);
    expect(after.totals?.co2eG).toBe(30_000);
    expect(after.daily).toEqual(before.daily);
    expect(after.series).toEqual(before.series);
    // Measures are per-event detail: the erasure removes them and their daily sums.
    expect(after.gpuHours).toBe(0);
    expect(await queries.artifact(T1, P1, 'a0')).toBeNull();
    // The per-artifact daily sums of the discarded share (migration 1767225601900) leave too.
    const artifactDays = await q<{ n: number }>(
      `select count(*)::int as n from artifact_kpi_daily where tenant_id = $1 and project_id = $2`,
      [T1, P1],
    );
    expect(artifactDays[0].n).toBe(0);
    // The other tenant's project with the same id is untouched.
    expect(await countFacts(T2, P1)).toBe(120);
    expect(await figures(T2, P1)).toEqual(t2Before);
    expect(await queries.artifact(T2, P1, 'a0')).not.toBeNull();
  });

  it('eraseProject keepTotals=false leaves nothing of the project; refused while a legal hold is in force', async () => {
    await q(
      `insert into legal_holds (tenant_id, project_id, artifact_id, reason, set_at, set_by)
       values ($1, $2, 'x', 'litigation', $3, 'k')`,
      [T1, P2, NOW.toISOString()],
    );
    await expect(
      erasure.erase(T1, P2, false, { keyId: 'key-admin-1', reason: 'contract end' }, NOW),
    ).rejects.toThrow(PersistenceInputError);
    expect(await countFacts(T1, P2)).toBe(3);
    await q(`update legal_holds set released_at = $3 where tenant_id = $1 and project_id = $2`, [
      T1,
      P2,
      NOW.toISOString(),
    ]);
    const erased = await erasure.erase(
      T1,
      P2,
      false,
      { keyId: 'key-admin-1', reason: 'contract end' },
      NOW,
    );
    expect(erased.facts).toBe(3);
    expect(erased.logRecords).toBe(3);
    expect(await queries.projectTotals(T1, P2)).toBeNull();
    expect(await daily(T1, P2)).toEqual([]);
    const left = await q<{ n: number }>(
      `select (select count(*) from archived_daily_emissions where tenant_id = $1 and project_id = $2)
            + (select count(*) from project_scope_totals where tenant_id = $1 and project_id = $2)
            + (select count(*) from legal_holds where tenant_id = $1 and project_id = $2) as n`,
      [T1, P2],
    );
    expect(Number(left[0].n)).toBe(0);
    const records = await audit.audit(T1, 100);
    expect(records.map((r) => [r.action, r.projectId, r.keyId])).toEqual([
      ['TELEMETRY_RETENTION_SET', null, 'key-admin-1'],
      ['TELEMETRY_RETENTION_ENFORCED', null, 'key-admin-1'],
      ['PROJECT_ERASED', P1, 'key-admin-1'],
      ['PROJECT_ERASED', P2, 'key-admin-1'],
    ]);
    expect(records[2].reason).toBe('DSR 42');
    expect(await audit.audit(T2, 100)).toEqual([]);
  });

  it('the shared log (Kafka topic) may follow only when every tenant has a window: the longest', async () => {
    await q(`insert into tenants (id, name) values ($1, $1), ($2, $2)`, [T1, T2]);
    expect(await retention.sharedLogRawDays()).toBeNull(); // T2 has no window: keeps everything
    await retention.setWindow(T2, 10, ADMIN, NOW);
    expect(await retention.sharedLogRawDays()).toBe(30); // max(30, 10)
  });

  it('refuses a window outside 1–36500 days, naming the field', async () => {
    await expect(retention.setWindow(T1, 0, ADMIN, NOW)).rejects.toThrow(/rawDays/);
    await expect(retention.setWindow(T1, 1.5, ADMIN, NOW)).rejects.toThrow(/rawDays/);
  });
});
