import type { MigrationInterface, QueryRunner } from 'typeorm';
import { UTC_DAY } from './1767225601750-project-kpi-aggregates';

export const ARTIFACT_KPI_DAILY_KEY =
  'tenant_id, project_id, projection_version, artifact_id, day, activity_kind, scope, category, tier';
export const ARTIFACT_KPI_DAILY_COLUMNS = `${ARTIFACT_KPI_DAILY_KEY}, co2e_g, activity_count`;

/**
 * A float8 as the decimal it prints as, summed in numeric and clamped back to float8: the sums
 * migration 1767225601750 takes for project_kpi_daily (float8::numeric would keep only 15
 * significant digits).
 */
const EXACT_SUM = (expr: string) => `greenops_clamp_float8(sum(${expr}::text::numeric))`;

/** Grouped sums of a set of facts (`f`) as artifact_kpi_daily rows: the trigger's and the bulk build's. */
export const ARTIFACT_KPI_DAILY_ROWS = (from: string) => `
  select f.tenant_id, f.project_id, f.projection_version, f.artifact_id,
         ${UTC_DAY('f.occurred_at')} as day, f.activity_kind, f.scope, f.category, f.tier,
         ${EXACT_SUM('f.co2e_g')} as co2e_g, count(*) as activity_count
    from ${from} f
   where f.artifact_id is not null
   group by 1, 2, 3, 4, 5, 6, 7, 8, 9`;

const OLD_KEY = `(old.tenant_id, old.project_id, old.projection_version, old.artifact_id,
                  ${UTC_DAY('old.occurred_at')}, old.activity_kind, old.scope, old.category, old.tier)`;

/**
 * `artifact_kpi_daily`: per tenant, project, projection version, artifact, UTC day and KPI group
 * (activity kind, GHG scope and category, data-quality tier), the location-based g and the
 * count of the artifact's facts (docs/insights.md §3 and §8).
 *
 * Project.kpis counts as discarded the g, in its window, of the artifacts whose status is
 * discarded NOW (rejected, superseded …). The status is deliberately not part of this table: a
 * query joins the artifacts' current status, so a status change moves the artifact's whole
 * history into or out of the discarded share at once, with no rewrite here. Whole days come
 * from this table and the partial edge days from the raw facts, as for project_kpi_daily.
 *
 * Kept exact like the other read aggregates, on both backends: a statement trigger over the
 * inserted rows (one grouped upsert per statement; facts without an artifact are skipped) and
 * row triggers, only for facts with an artifact, for updates (a correction or restatement) and
 * deletes (telemetry retention, erasure, a rebuild). Retained facts leave this table: they go
 * to archived_daily_emissions without their artifact, so they never were in a discarded share.
 *
 * Written column names only: the SQL is built from the constants above, never from input.
 */
export class ArtifactKpiDaily1767225601900 implements MigrationInterface {
  name = 'ArtifactKpiDaily1767225601900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table artifact_kpi_daily (
        tenant_id text not null,
        project_id text not null,
        projection_version int not null,
        artifact_id text not null,
        day timestamptz not null,
        activity_kind text not null,
        scope smallint not null,
        category text not null,
        tier text not null,
        co2e_g double precision not null,
        activity_count bigint not null,
        constraint artifact_kpi_daily_pkey primary key (${ARTIFACT_KPI_DAILY_KEY})
      )`);
    // Ordered upserts: concurrent projectors lock aggregate rows in the same order (no deadlock).
    await q.query(`
      create function greenops_artifact_kpi_daily_after_insert() returns trigger language plpgsql as $$
      begin
        insert into artifact_kpi_daily as t (${ARTIFACT_KPI_DAILY_COLUMNS})
        ${ARTIFACT_KPI_DAILY_ROWS('inserted_facts')}
         order by 1, 2, 3, 4, 5, 6, 7, 8, 9
        on conflict (${ARTIFACT_KPI_DAILY_KEY}) do update set
          co2e_g = greenops_clamp_float8(t.co2e_g::text::numeric + excluded.co2e_g::text::numeric),
          activity_count = t.activity_count + excluded.activity_count;
        return null;
      end $$`);
    await q.query(`
      create function greenops_artifact_kpi_daily_after_change() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and old.artifact_id is not null then
          update artifact_kpi_daily t set
            co2e_g = greenops_clamp_float8(t.co2e_g::text::numeric - old.co2e_g::text::numeric),
            activity_count = t.activity_count - 1
           where (${ARTIFACT_KPI_DAILY_KEY.split(', ')
             .map((c) => `t.${c}`)
             .join(', ')}) = ${OLD_KEY};
        end if;
        if tg_op = 'UPDATE' and new.artifact_id is not null then
          insert into artifact_kpi_daily as t (${ARTIFACT_KPI_DAILY_COLUMNS})
          values (new.tenant_id, new.project_id, new.projection_version, new.artifact_id,
                  ${UTC_DAY('new.occurred_at')}, new.activity_kind, new.scope, new.category,
                  new.tier, new.co2e_g, 1)
          on conflict (${ARTIFACT_KPI_DAILY_KEY}) do update set
            co2e_g = greenops_clamp_float8(t.co2e_g::text::numeric + excluded.co2e_g::text::numeric),
            activity_count = t.activity_count + 1;
        end if;
        return null;
      end $$`);
    // Triggers first, backfill second, in this migration's transaction: CREATE TRIGGER locks
    // out concurrent inserts until commit, so no row is counted twice or missed.
    await q.query(`
      create trigger emission_facts_artifact_kpi_daily_insert after insert on emission_facts
        referencing new table as inserted_facts
        for each statement execute function greenops_artifact_kpi_daily_after_insert()`);
    await q.query(`
      create trigger emission_facts_artifact_kpi_daily_update after update on emission_facts
        for each row when (old.artifact_id is not null or new.artifact_id is not null)
        execute function greenops_artifact_kpi_daily_after_change()`);
    await q.query(`
      create trigger emission_facts_artifact_kpi_daily_delete after delete on emission_facts
        for each row when (old.artifact_id is not null)
        execute function greenops_artifact_kpi_daily_after_change()`);
    for (const sql of ARTIFACT_KPI_DAILY_BUILD) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `drop trigger if exists emission_facts_artifact_kpi_daily_delete on emission_facts`,
    );
    await q.query(
      `drop trigger if exists emission_facts_artifact_kpi_daily_update on emission_facts`,
    );
    await q.query(
      `drop trigger if exists emission_facts_artifact_kpi_daily_insert on emission_facts`,
    );
    await q.query(`drop function if exists greenops_artifact_kpi_daily_after_change()`);
    await q.query(`drop function if exists greenops_artifact_kpi_daily_after_insert()`);
    await q.query(`drop table if exists artifact_kpi_daily`);
  }
}

/**
 * Builds artifact_kpi_daily from the facts already stored, with the trigger's own sums: for a
 * bulk load that ran with the triggers off (tools/bench, docs/insights.md §8). Empty table only.
 */
export const ARTIFACT_KPI_DAILY_BUILD = [
  `insert into artifact_kpi_daily (${ARTIFACT_KPI_DAILY_COLUMNS}) ${ARTIFACT_KPI_DAILY_ROWS('emission_facts')}`,
];
