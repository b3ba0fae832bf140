import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform's own data (docs/retention.md, "The platform's own data"):
 *
 * - `telemetry_retention`: per tenant, how many days of raw facts are kept (`raw_days`) and the
 *   instant from which everything is still held raw (`raw_held_from`, the last enforced cutoff).
 * - `archived_daily_emissions`: the daily sums of facts that left `emission_facts` (retention
 *   or an erasure keeping totals), per project, projection version, UTC day, activity kind,
 *   GHG scope/category and data-quality tier. Daily and bucketed series read "raw ∪ archived",
 *   so removing raw facts changes none of them.
 * - The read-aggregate row trigger (migration 1767225600300) skips deletes made while
 *   `greenops.keep_totals` is 'on' (set transaction-locally by retention and erasure only): the
 *   project and artifact totals keep what the removed facts had added.
 * Plain tables and a trigger condition: the same on TimescaleDB, plain PostgreSQL and PGlite.
 */
export class TelemetryRetention1767225601100 implements MigrationInterface {
  name = 'TelemetryRetention1767225601100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table telemetry_retention (
        tenant_id text primary key,
        raw_days int not null check (raw_days between 1 and 36500),
        set_at timestamptz not null,
        set_by text not null,
        raw_held_from timestamptz null,
        last_enforced_at timestamptz null
      )`);
    await q.query(`
      create table archived_daily_emissions (
        tenant_id text not null,
        project_id text not null,
        projection_version int not null,
        day timestamptz not null,
        activity_kind text not null,
        scope smallint not null,
        category text not null,
        tier text not null,
        energy_kwh double precision not null,
        co2e_g double precision not null,
        co2e_market_g double precision not null,
        co2e_low_g double precision not null,
        co2e_high_g double precision not null,
        activity_count bigint not null,
        constraint archived_daily_emissions_pkey primary key
          (tenant_id, project_id, projection_version, day, activity_kind, scope, category, tier)
      )`);
    await q.query(`drop trigger emission_facts_totals_change on emission_facts`);
    await q.query(`
      create trigger emission_facts_totals_change after update or delete on emission_facts
        for each row
        when (coalesce(current_setting('greenops.keep_totals', true), '') <> 'on')
        execute function greenops_totals_after_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger if exists emission_facts_totals_change on emission_facts`);
    await q.query(`
      create trigger emission_facts_totals_change after update or delete on emission_facts
        for each row execute function greenops_totals_after_change()`);
    await q.query(`drop table if exists archived_daily_emissions`);
    await q.query(`drop table if exists telemetry_retention`);
  }
}
