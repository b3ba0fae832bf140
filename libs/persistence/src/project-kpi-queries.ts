import { DELIVERED_ARTIFACT_STATUSES, DISCARDED_ARTIFACT_STATUSES } from '@greenops/domain';
import type { KpiInputs } from '@greenops/methodology';
import type { DatabaseHandle } from './database-handle';
import { requireIdentifier, requireInstant } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';
import { SERVED_PROJECTION_VERSION } from './projection-version';
import { boundText, MAX_RETURNED_ID_CHARS } from './returned-text';

/** The raw figures a project's KPIs are derived from: libs/methodology's KpiInputs. */
export type ProjectKpiInputs = KpiInputs;

export const SERIES_BUCKETS = ['DAY', 'WEEK', 'MONTH'] as const;
export type SeriesBucket = (typeof SERIES_BUCKETS)[number];
export const SERIES_DIMENSIONS = ['KIND', 'SCOPE'] as const;
export type SeriesDimension = (typeof SERIES_DIMENSIONS)[number];

export interface SeriesPoint {
  /** Start of the bucket, UTC (weeks start on Monday). */
  bucketStart: string;
  /** The activity kind, or the GHG scope as `scope 1|2|3`. */
  key: string;
  co2eG: number;
  co2eMarketG: number;
  energyKwh: number;
  activityCount: number;
}

/** Longest window a KPI or series query may cover. */
export const MAX_KPI_WINDOW_DAYS = 3660;
const DAY_MS = 86_400_000;

/*
 * KPI windows read whole UTC days from the daily aggregates of migration 1767225601750
 * (project_kpi_daily, project_measure_daily) and the partial days at either edge from the raw
 * rows, so a boundary inside a day stays exact (Project.series reads its whole days the same
 * way). Parameters (see kpiWindow):
 *   $3 whether the aggregate covers any day, $4 / $5 its first day / the day after its last
 *   (null: open), $6…$9 the raw edges [$6, $7) and [$8, $9) (null: none), $10 / $11 the window
 *   itself (null: open) for the archived days.
 */
const AGG_DAYS = (alias: string) => `$3::boolean
     and ($4::timestamptz is null or ${alias}.day >= $4::timestamptz)
     and ($5::timestamptz is null or ${alias}.day < $5::timestamptz)`;
const EDGES = (column: string) => `((${column} >= $6::timestamptz and ${column} < $7::timestamptz)
      or (${column} >= $8::timestamptz and ${column} < $9::timestamptz))`;
/*
 * Facts that telemetry retention or an erasure removed count through their daily sums in
 * archived_daily_emissions (migration 1767225601100), resolved to UTC days: the day's start
 * decides whether it is in the window. They have no artifact, so no discarded share.
 */
const KPI_ARCHIVE_WINDOW = `($10::timestamptz is null or x.day >= $10::timestamptz)
     and ($11::timestamptz is null or x.day < $11::timestamptz)`;

/**
 * Groups by kind, scope, category and tier. The discarded g are the facts, in the window, of
 * the artifacts whose status is discarded now ($12; a status change must not need a rebuild):
 * for whole days from artifact_kpi_daily (migration 1767225601900) joined to the artifacts'
 * current status, for the edge days from the raw facts with their artifact's status.
 */
const KPI_GROUPS = `
  select f.kind, f.scope::int as scope, f.category, f.tier,
         sum(f.co2e_g)::float8 as "co2eG", sum(f.co2e_market_g)::float8 as "co2eMarketG",
         sum(f.co2e_low_g)::float8 as "lowG", sum(f.co2e_high_g)::float8 as "highG",
         sum(f.energy_kwh)::float8 as "energyKwh", sum(f.n)::int as "activityCount",
         sum(f.discarded_g)::float8 as "discardedG"
    from (
      select d.activity_kind as kind, d.scope, d.category, d.tier, d.co2e_g, d.co2e_market_g,
             d.co2e_low_g, d.co2e_high_g, d.energy_kwh, d.activity_count as n, 0::float8 as discarded_g
        from project_kpi_daily d
       where d.tenant_id = $1 and d.project_id = $2
         and d.projection_version = ${SERVED_PROJECTION_VERSION} and ${AGG_DAYS('d')}
      union all
      select f.activity_kind, f.scope, f.category, f.tier, f.co2e_g, f.co2e_market_g,
             f.co2e_low_g, f.co2e_high_g, f.energy_kwh, 1::bigint,
             case when a.status = any($12::text[]) then f.co2e_g else 0::float8 end
        from emission_facts f
        left join artifacts a
          on a.tenant_id = $1 and a.project_id = $2 and a.artifact_id = f.artifact_id
       where f.tenant_id = $1 and f.project_id = $2
         and f.projection_version = ${SERVED_PROJECTION_VERSION} and ${EDGES('f.occurred_at')}
      union all
      select x.activity_kind, x.scope, x.category, x.tier, x.co2e_g, x.co2e_market_g,
             x.co2e_low_g, x.co2e_high_g, x.energy_kwh, x.activity_count, 0::float8
        from archived_daily_emissions x
       where x.tenant_id = $1 and x.project_id = $2
         and x.projection_version = ${SERVED_PROJECTION_VERSION} and ${KPI_ARCHIVE_WINDOW}
      union all
      select d.activity_kind, d.scope, d.category, d.tier, 0, 0, 0, 0, 0, 0::bigint, d.co2e_g
        from artifacts a
        join artifact_kpi_daily d
          on d.tenant_id = a.tenant_id and d.project_id = a.project_id
         and d.artifact_id = a.artifact_id
       where a.tenant_id = $1 and a.project_id = $2 and a.status = any($12::text[])
         and d.tenant_id = $1 and d.project_id = $2 and d.activity_count > 0
         and d.projection_version = ${SERVED_PROJECTION_VERSION} and ${AGG_DAYS('d')}
    ) f
   group by 1, 2, 3, 4
  having sum(f.n) > 0
   order by 1, 2, 3, 4
   limit 10000`;

const KPI_MEASURES = `
  select coalesce(sum(m.gpu_hours), 0)::float8 as "gpuHours",
         coalesce(sum(m.storage_tb_months), 0)::float8 as "storageTbMonths",
         coalesce(sum(m.transfer_tb), 0)::float8 as "transferTb"
    from (
      select d.gpu_hours, d.storage_tb_months, d.transfer_tb
        from project_measure_daily d
       where d.tenant_id = $1 and d.project_id = $2 and ${AGG_DAYS('d')}
      union all
      select m.gpu_hours, m.storage_tb_months, m.transfer_tb
        from activity_measures m
       where m.tenant_id = $1 and m.project_id = $2 and ${EDGES('m.occurred_at')}
    ) m`;

const MEASURE_WINDOW = KPI_ARCHIVE_WINDOW.replaceAll('x.day', 'm.occurred_at');

const KPI_GENERATED = `
  select m.ai_modality as modality, m.ai_model as model, m.ai_resolution as resolution,
         sum(m.ai_videos)::int as videos, sum(m.ai_video_seconds)::float8 as seconds,
         sum(m.ai_images)::int as images, coalesce(sum(f.co2e_g), 0)::float8 as "co2eG"
    from activity_measures m
    left join emission_facts f
      on f.tenant_id = m.tenant_id and f.event_id = m.event_id and f.occurred_at = m.occurred_at
     and f.projection_version = ${SERVED_PROJECTION_VERSION}
   where m.tenant_id = $1 and m.project_id = $2 and ${MEASURE_WINDOW}
     and m.ai_modality in ('video', 'upscale', 'image')
   group by 1, 2, 3
   order by 1, 2 nulls first, 3 nulls first
   limit 1000`;

/** Parents with a delivered child: how many children (iterations) each took. Whole project. */
const KPI_ITERATIONS = `
  with parents as (
    select c.parent_id, count(*) filter (where c.status is not null)::int as iterations,
           bool_or(c.status = any($13::text[])) as delivered
      from artifacts c
     where c.tenant_id = $1 and c.project_id = $2 and c.parent_id is not null
     group by c.parent_id
  )
  select coalesce(sum(iterations) filter (where delivered), 0)::int as iterations,
         count(*) filter (where delivered)::int as "approvedShots"
    from parents`;

/** Seconds of finished programme: the stated durations of artifacts whose status is final. */
const KPI_FINAL_SECONDS = `
  select coalesce(sum(d.seconds), 0)::float8 as seconds
    from (select a.artifact_id, max(m.artifact_duration_s) as seconds
            from artifacts a
            join activity_measures m
              on m.tenant_id = a.tenant_id and m.project_id = a.project_id
             and m.artifact_id = a.artifact_id
           where a.tenant_id = $1 and a.project_id = $2 and a.status = 'final'
             and m.artifact_duration_s is not null
           group by a.artifact_id) d`;

const KPI_DECLARATION = `
  select finished_minutes as "finishedMinutes", shoot_days as "shootDays"
    from project_declarations where tenant_id = $1 and project_id = $2`;

/**
 * All of a project's KPI inputs in one statement (one round trip): each part as JSON. Parameters
 * as documented above AGG_DAYS ($1…$11), $12 the discarded statuses, $13 the delivered ones.
 */
const KPI_INPUTS = `
  select (select coalesce(json_agg(g order by g.kind, g.scope, g.category, g.tier), '[]'::json)
            from (${KPI_GROUPS}) g) as groups,
         (select row_to_json(m) from (${KPI_MEASURES}) m) as measures,
         (select coalesce(json_agg(x order by x.modality, x.model nulls first, x.resolution nulls first), '[]'::json)
            from (${KPI_GENERATED}) x) as generated,
         (select row_to_json(i) from (${KPI_ITERATIONS}) i) as iterations,
         (${KPI_FINAL_SECONDS}) as "finalArtifactSeconds",
         (select row_to_json(d) from (${KPI_DECLARATION}) d) as declaration`;

/** A JSON column as the driver hands it over: parsed (pg) or as text. */
const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** Bucket expression per backend and bucket: constants, never input. */
const BUCKET_SQL: Record<'timescale' | 'plain', Record<SeriesBucket, string>> = {
  timescale: {
    DAY: `time_bucket(interval '1 day', f.occurred_at)`,
    WEEK: `time_bucket(interval '7 days', f.occurred_at)`,
    MONTH: `time_bucket(interval '1 month', f.occurred_at)`,
  },
  plain: {
    DAY: `date_trunc('day', f.occurred_at at time zone 'UTC') at time zone 'UTC'`,
    WEEK: `date_trunc('week', f.occurred_at at time zone 'UTC') at time zone 'UTC'`,
    MONTH: `date_trunc('month', f.occurred_at at time zone 'UTC') at time zone 'UTC'`,
  },
};

const KEY_SQL: Record<SeriesDimension, string> = {
  KIND: 'f.activity_kind',
  SCOPE: `'scope ' || f.scope::text`,
};

/**
 * A series' rows, with the parameters of a KPI window ($1…$11): whole UTC days from
 * project_kpi_daily (each stands at its day's start, which falls in the same bucket as every
 * instant of the day: days, Monday weeks and months are unions of UTC days on both backends),
 * the partial edge days from the raw facts, retained days from archived_daily_emissions.
 * Days whose facts were all deleted (a count of 0) are left out, as their facts are.
 */
const SERIES_ROWS = `(
  select d.day as occurred_at, d.activity_kind, d.scope, d.co2e_g, d.co2e_market_g,
         d.energy_kwh, d.activity_count as n
    from project_kpi_daily d
   where d.tenant_id = $1 and d.project_id = $2 and d.activity_count > 0
     and d.projection_version = ${SERVED_PROJECTION_VERSION} and ${AGG_DAYS('d')}
  union all
  select f.occurred_at, f.activity_kind, f.scope, f.co2e_g, f.co2e_market_g, f.energy_kwh, 1::bigint
    from emission_facts f
   where f.tenant_id = $1 and f.project_id = $2
     and f.projection_version = ${SERVED_PROJECTION_VERSION} and ${EDGES('f.occurred_at')}
  union all
  select x.day, x.activity_kind, x.scope, x.co2e_g, x.co2e_market_g, x.energy_kwh, x.activity_count
    from archived_daily_emissions x
   where x.tenant_id = $1 and x.project_id = $2
     and x.projection_version = ${SERVED_PROJECTION_VERSION} and ${KPI_ARCHIVE_WINDOW})`;

function seriesSql(bucket: string, key: string): string {
  return `
  select ${bucket} as bucket, ${key} as key,
         sum(f.co2e_g)::float8 as "co2eG", sum(f.co2e_market_g)::float8 as "co2eMarketG",
         sum(f.energy_kwh)::float8 as "energyKwh", sum(f.n)::int as "activityCount"
    from ${SERIES_ROWS} f
   group by 1, 2
   order by 1, 2
   limit 20000`;
}

/** Time series and KPI inputs of one project (Project.kpis, Project.series). Tenant-scoped. */
export class ProjectKpiQueries {
  constructor(private readonly db: DatabaseHandle) {}

  /** The figures of a project's KPIs for facts in [from, to) (either end open when absent). */
  async kpiInputs(
    tenant: string,
    projectId: string,
    from?: string | null,
    to?: string | null,
  ): Promise<ProjectKpiInputs> {
    const t = requireIdentifier('tenant', tenant);
    const p = requireIdentifier('projectId', projectId);
    const [fromIso, toIso] = checkWindow(from, to);
    const delivered = [...DELIVERED_ARTIFACT_STATUSES];
    const rows = await this.read<{
      groups: unknown;
      measures: unknown;
      generated: unknown;
      iterations: unknown;
      finalArtifactSeconds: number;
      declaration: unknown;
    }>(KPI_INPUTS, [
      t,
      p,
      ...kpiWindow(fromIso, toIso),
      fromIso,
      toIso,
      [...DISCARDED_ARTIFACT_STATUSES],
      delivered,
    ]);
    const row = rows[0];
    const groups = json<ProjectKpiInputs['groups']>(row.groups);
    const generated = json<ProjectKpiInputs['generated']>(row.generated);
    const declaration = json<ProjectKpiInputs['declaration']>(row.declaration);
    return {
      groups: groups.map((g) => ({
        ...g,
        kind: boundText(g.kind, MAX_RETURNED_ID_CHARS),
        category: boundText(g.category, MAX_RETURNED_ID_CHARS),
        tier: boundText(g.tier, MAX_RETURNED_ID_CHARS),
      })),
      measures: json<ProjectKpiInputs['measures']>(row.measures),
      generated: generated.map((g) => ({
        ...g,
        model: g.model === null ? null : boundText(g.model, MAX_RETURNED_ID_CHARS),
      })),
      iterations: json<ProjectKpiInputs['iterations']>(row.iterations),
      finalArtifactSeconds: row.finalArtifactSeconds,
      declaration: declaration ?? null,
    };
  }

  /**
   * Sums per bucket and activity kind (or GHG scope) for facts in [from, to): TimescaleDB's
   * time_bucket on the hypertable, date_trunc (UTC) on plain PostgreSQL; the same buckets.
   */
  async series(
    tenant: string,
    projectId: string,
    bucket: SeriesBucket,
    by: SeriesDimension,
    from: string,
    to: string,
  ): Promise<SeriesPoint[]> {
    if (!SERIES_BUCKETS.includes(bucket))
      throw new PersistenceInputError('bucket', `must be one of ${SERIES_BUCKETS.join(', ')}`);
    if (!SERIES_DIMENSIONS.includes(by))
      throw new PersistenceInputError('by', `must be one of ${SERIES_DIMENSIONS.join(', ')}`);
    const [fromIso, toIso] = checkWindow(from, to);
    if (fromIso === null) throw new PersistenceInputError('from', 'is required');
    if (toIso === null) throw new PersistenceInputError('to', 'is required');
    const backend = this.db.capabilities.timescale ? 'timescale' : 'plain';
    const rows = await this.read<Omit<SeriesPoint, 'bucketStart'> & { bucket: Date }>(
      seriesSql(BUCKET_SQL[backend][bucket], KEY_SQL[by]),
      [
        requireIdentifier('tenant', tenant),
        requireIdentifier('projectId', projectId),
        ...kpiWindow(fromIso, toIso),
        fromIso,
        toIso,
      ],
    );
    return rows.map(({ bucket: start, ...row }) => ({
      bucketStart: start.toISOString(),
      ...row,
      key: boundText(row.key, MAX_RETURNED_ID_CHARS),
    }));
  }

  private read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.reads.run(() => this.db.dataSource.query(sql, params) as Promise<T[]>);
  }
}

/**
 * A window [from, to) as whole UTC days for the daily aggregates and raw edges for the rest:
 * [aggregate covers a day, first day, day after the last, edge 1 from, to, edge 2 from, to].
 */
export function kpiWindow(
  fromIso: string | null,
  toIso: string | null,
): [
  boolean,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
] {
  const fromMs = fromIso === null ? null : Date.parse(fromIso);
  const toMs = toIso === null ? null : Date.parse(toIso);
  const firstDay = fromMs === null ? null : Math.ceil(fromMs / DAY_MS) * DAY_MS;
  const endDay = toMs === null ? null : Math.floor(toMs / DAY_MS) * DAY_MS;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  if (firstDay !== null && endDay !== null && firstDay >= endDay) {
    // No whole day inside: the window is one raw edge.
    return [false, null, null, fromIso, toIso, null, null];
  }
  return [
    true,
    iso(firstDay),
    iso(endDay),
    fromMs !== null && fromMs < firstDay! ? fromIso : null,
    fromMs !== null && fromMs < firstDay! ? iso(firstDay) : null,
    toMs !== null && endDay! < toMs ? iso(endDay) : null,
    toMs !== null && endDay! < toMs ? toIso : null,
  ];
}

function checkWindow(
  from: string | null | undefined,
  to: string | null | undefined,
): [string | null, string | null] {
  const fromMs = from === undefined || from === null ? null : requireInstant('from', from);
  const toMs = to === undefined || to === null ? null : requireInstant('to', to);
  if (fromMs !== null && toMs !== null) {
    if (toMs <= fromMs) throw new PersistenceInputError('to', 'must be after from');
    if (toMs - fromMs > MAX_KPI_WINDOW_DAYS * DAY_MS) {
      throw new PersistenceInputError(
        'to',
        `the window may span at most ${MAX_KPI_WINDOW_DAYS} days`,
      );
    }
  }
  return [
    fromMs === null ? null : new Date(fromMs).toISOString(),
    toMs === null ? null : new Date(toMs).toISOString(),
  ];
}
