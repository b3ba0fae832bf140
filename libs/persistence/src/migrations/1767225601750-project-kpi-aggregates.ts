import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Summed per day and KPI group (the columns Project.kpis reads, docs/insights.md §3). */
const FACT_SUMMED = ['co2e_g', 'co2e_market_g', 'co2e_low_g', 'co2e_high_g', 'energy_kwh'] as const;
/** Summed per day from activity_measures. */
const MEASURE_SUMMED = ['gpu_hours', 'storage_tb_months', 'transfer_tb'] as const;

/** Set (locally) by the statement with which telemetry retention expires measures. */
export const KEEP_MEASURE_DAYS = 'greenops.keep_measure_days';

/** The UTC day of an instant: immutable, the same on both backends. */
export const UTC_DAY = (column: string) =>
  `date_bin(interval '1 day', ${column}, timestamptz '2000-01-01 00:00:00+00')`;

export const KPI_DAILY_KEY =
  'tenant_id, project_id, projection_version, day, activity_kind, scope, category, tier';
export const MEASURE_DAILY_KEY = 'tenant_id, project_id, day';

/**
 * A float8 as the decimal it prints as (PostgreSQL 12+ prints the shortest text that reads back
 * to the same float8): float8::numeric keeps only 15 significant digits, which would make a
 * one-fact day differ from the fact in the 16th.
 */
const exact = (expr: string) => `${expr}::text::numeric`;
const ddl = (columns: readonly string[]) =>
  columns.map((c) => `${c} double precision not null`).join(',\n        ');
const sumsOf = (columns: readonly string[], alias: string) =>
  columns.map((c) => `greenops_clamp_float8(sum(${exact(`${alias}.${c}`)})) as ${c}`).join(', ');
const addExcluded = (columns: readonly string[]) =>
  columns
    .map((c) => `${c} = greenops_clamp_float8(${exact(`t.${c}`)} + ${exact(`excluded.${c}`)})`)
    .join(',\n          ');
const subtractOld = (columns: readonly string[]) =>
  columns
    .map((c) => `${c} = greenops_clamp_float8(${exact(`t.${c}`)} - ${exact(`old.${c}`)})`)
    .join(',\n            ');
const newValues = (columns: readonly string[]) => columns.map((c) => `new.${c}`).join(', ');

/** Grouped sums of a set of facts (`f`) as project_kpi_daily rows: the trigger's and the bulk build's. */
export const KPI_DAILY_ROWS = (from: string) => `
  select f.tenant_id, f.project_id, f.projection_version, ${UTC_DAY('f.occurred_at')} as day,
         f.activity_kind, f.scope, f.category, f.tier,
         ${sumsOf(FACT_SUMMED, 'f')}, count(*) as activity_count
    from ${from} f
   group by 1, 2, 3, 4, 5, 6, 7, 8`;
/** Grouped sums of a set of measures (`m`) as project_measure_daily rows. */
export const MEASURE_DAILY_ROWS = (from: string) => `
  select m.tenant_id, m.project_id, ${UTC_DAY('m.occurred_at')} as day,
         ${sumsOf(MEASURE_SUMMED, 'm')}, count(*) as measure_count
    from ${from} m
   group by 1, 2, 3`;

export const KPI_DAILY_COLUMNS = `${KPI_DAILY_KEY}, ${FACT_SUMMED.join(', ')}, activity_count`;
export const MEASURE_DAILY_COLUMNS = `${MEASURE_DAILY_KEY}, ${MEASURE_SUMMED.join(', ')}, measure_count`;

/**
 * Per-project KPI aggregates, so that Project.kpis costs what a project's days cost, not what
 * its facts cost (docs/insights.md §3 and §8):
 *
 * - `project_kpi_daily`: per tenant, project, projection version, UTC day, activity kind, GHG
 *   scope and category and data-quality tier, the location- and market-based g with the band,
 *   the kWh and the activity count of `emission_facts`;
 * - `project_measure_daily`: per tenant, project and UTC day, the GPU-hours, TB-months stored
 *   and TB moved of `activity_measures`. Telemetry retention's expiry of measures leaves the
 *   day's sums (KEEP_MEASURE_DAYS); any other deletion (an erasure) subtracts.
 *
 * Kept exact the way migration 1767225600300 keeps the project and artifact totals, on both
 * backends: a statement trigger over the inserted rows (one grouped upsert per statement) and
 * row triggers for updates (a restatement or correction) and deletes (retention, erasure).
 * A window's whole days come from here and its partial edge days from the raw rows, so a
 * window boundary inside a day stays exact. Also indexes the measures of generated media
 * (AI video, upscale, image), which the KPIs read per model and resolution.
 *
 * Written column names only: the SQL is built from the constants above, never from input.
 */
export class ProjectKpiAggregates1767225601750 implements MigrationInterface {
  name = 'ProjectKpiAggregates1767225601750';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table project_kpi_daily (
        tenant_id text not null,
        project_id text not null,
        projection_version int not null,
        day timestamptz not null,
        activity_kind text not null,
        scope smallint not null,
        category text not null,
        tier text not null,
        ${ddl(FACT_SUMMED)},
        activity_count bigint not null,
        constraint project_kpi_daily_pkey primary key (${KPI_DAILY_KEY})
      )`);
    await q.query(`
      create table project_measure_daily (
        tenant_id text not null,
        project_id text not null,
        day timestamptz not null,
        ${ddl(MEASURE_SUMMED)},
        measure_count bigint not null,
        constraint project_measure_daily_pkey primary key (${MEASURE_DAILY_KEY})
      )`);
    await q.query(`
      create index activity_measures_generated_idx on activity_measures (tenant_id, project_id, occurred_at)
        where ai_modality in ('video', 'upscale', 'image')`);

    // Ordered upserts: concurrent projectors lock aggregate rows in the same order (no deadlock).
    await q.query(`
      create function greenops_kpi_daily_after_insert() returns trigger language plpgsql as $$
      begin
        insert into project_kpi_daily as t (${KPI_DAILY_COLUMNS})
        ${KPI_DAILY_ROWS('inserted_facts')}
         order by 1, 2, 3, 4, 5, 6, 7, 8
        on conflict (${KPI_DAILY_KEY}) do update set
          ${addExcluded(FACT_SUMMED)},
          activity_count = t.activity_count + excluded.activity_count;
        return null;
      end $$`);
    await q.query(`
      create function greenops_kpi_daily_after_change() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update project_kpi_daily t set
            ${subtractOld(FACT_SUMMED)},
            activity_count = t.activity_count - 1
           where (${KPI_DAILY_KEY.split(', ')
             .map((c) => `t.${c}`)
             .join(', ')})
               = (old.tenant_id, old.project_id, old.projection_version, ${UTC_DAY('old.occurred_at')},
                  old.activity_kind, old.scope, old.category, old.tier);
        end if;
        if tg_op = 'UPDATE' then
          insert into project_kpi_daily as t (${KPI_DAILY_COLUMNS})
          values (new.tenant_id, new.project_id, new.projection_version, ${UTC_DAY('new.occurred_at')},
                  new.activity_kind, new.scope, new.category, new.tier, ${newValues(FACT_SUMMED)}, 1)
          on conflict (${KPI_DAILY_KEY}) do update set
            ${addExcluded(FACT_SUMMED)},
            activity_count = t.activity_count + 1;
        end if;
        return null;
      end $$`);
    await q.query(`
      create function greenops_measure_daily_after_insert() returns trigger language plpgsql as $$
      begin
        insert into project_measure_daily as t (${MEASURE_DAILY_COLUMNS})
        ${MEASURE_DAILY_ROWS('inserted_measures')}
         order by 1, 2, 3
        on conflict (${MEASURE_DAILY_KEY}) do update set
          ${addExcluded(MEASURE_SUMMED)},
          measure_count = t.measure_count + excluded.measure_count;
        return null;
      end $$`);
    await q.query(`
      create function greenops_measure_daily_after_change() returns trigger language plpgsql as $$
      begin
        -- Telemetry retention removes the per-event rows but keeps the day's sums (as it keeps
        -- the facts' in archived_daily_emissions): its statement sets ${KEEP_MEASURE_DAYS}.
        if tg_op = 'DELETE' and current_setting('${KEEP_MEASURE_DAYS}', true) = 'on' then
          return null;
        end if;
        if tg_op in ('UPDATE', 'DELETE') then
          update project_measure_daily t set
            ${subtractOld(MEASURE_SUMMED)},
            measure_count = t.measure_count - 1
           where (t.tenant_id, t.project_id, t.day)
               = (old.tenant_id, old.project_id, ${UTC_DAY('old.occurred_at')});
        end if;
        if tg_op = 'UPDATE' then
          insert into project_measure_daily as t (${MEASURE_DAILY_COLUMNS})
          values (new.tenant_id, new.project_id, ${UTC_DAY('new.occurred_at')}, ${newValues(MEASURE_SUMMED)}, 1)
          on conflict (${MEASURE_DAILY_KEY}) do update set
            ${addExcluded(MEASURE_SUMMED)},
            measure_count = t.measure_count + 1;
        end if;
        return null;
      end $$`);
    // Triggers first, backfill second, in this migration's transaction: CREATE TRIGGER locks
    // out concurrent inserts until commit, so no row is counted twice or missed.
    await q.query(`
      create trigger emission_facts_kpi_daily_insert after insert on emission_facts
        referencing new table as inserted_facts
        for each statement execute function greenops_kpi_daily_after_insert()`);
    await q.query(`
      create trigger emission_facts_kpi_daily_change after update or delete on emission_facts
        for each row execute function greenops_kpi_daily_after_change()`);
    await q.query(`
      create trigger activity_measures_daily_insert after insert on activity_measures
        referencing new table as inserted_measures
        for each statement execute function greenops_measure_daily_after_insert()`);
    await q.query(`
      create trigger activity_measures_daily_change after update or delete on activity_measures
        for each row execute function greenops_measure_daily_after_change()`);
    for (const sql of PROJECT_KPI_AGGREGATE_BUILD) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger if exists activity_measures_daily_change on activity_measures`);
    await q.query(`drop trigger if exists activity_measures_daily_insert on activity_measures`);
    await q.query(`drop trigger if exists emission_facts_kpi_daily_change on emission_facts`);
    await q.query(`drop trigger if exists emission_facts_kpi_daily_insert on emission_facts`);
    await q.query(`drop function if exists greenops_measure_daily_after_change()`);
    await q.query(`drop function if exists greenops_measure_daily_after_insert()`);
    await q.query(`drop function if exists greenops_kpi_daily_after_change()`);
    await q.query(`drop function if exists greenops_kpi_daily_after_insert()`);
    await q.query(`drop index if exists activity_measures_generated_idx`);
    await q.query(`drop table if exists project_measure_daily`);
    await q.query(`drop table if exists project_kpi_daily`);
  }
}

/**
 * Builds both KPI aggregates from the rows already stored, with the triggers' own sums: for a
 * bulk load that ran with the triggers off (tools/bench, docs/insights.md §8). Empty tables only.
 */
export const PROJECT_KPI_AGGREGATE_BUILD = [
  `insert into project_kpi_daily (${KPI_DAILY_COLUMNS}) ${KPI_DAILY_ROWS('emission_facts')}`,
  `insert into project_measure_daily (${MEASURE_DAILY_COLUMNS}) ${MEASURE_DAILY_ROWS('activity_measures')}`,
];
