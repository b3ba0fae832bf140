import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TimescaleDB when the server offers it, plain PostgreSQL otherwise — decided by what the
 * server has, never by app config, so the same migration history fits every deployment.
 *
 * Timescale: emission_facts becomes a hypertable (7-day chunks), compressed after 30 days
 * (segmented by tenant/project, the filter of every query), and `project_daily_emissions`
 * is a continuous aggregate of UTC-day sums. Plain PostgreSQL: the same daily sums live in
 * `project_daily_emissions_rollup`, which EmissionStore maintains on insert.
 */
export class TimescaleOrRollup1767225600001 implements MigrationInterface {
  name = 'TimescaleOrRollup1767225600001';

  async up(q: QueryRunner): Promise<void> {
    const available: unknown[] = await q.query(
      `select 1 from pg_available_extensions where name = $1`,
      ['timescaledb'],
    );
    if (available.length > 0) {
      await this.timescale(q);
    } else {
      await this.plainRollup(q);
    }
  }

  private async timescale(q: QueryRunner): Promise<void> {
    await q.query(`create extension if not exists timescaledb`);
    await q.query(
      `select create_hypertable('emission_facts', by_range('occurred_at', interval '7 days'))`,
    );
    await q.query(`
      alter table emission_facts set (
        timescaledb.compress,
        timescaledb.compress_segmentby = 'tenant_id, project_id',
        timescaledb.compress_orderby = 'occurred_at desc'
      )`);
    await q.query(`select add_compression_policy('emission_facts', interval '30 days')`);
    // materialized_only = false: facts newer than the last refresh still show (real-time
    // aggregation). WITH NO DATA: a WITH DATA build cannot run inside a transaction.
    await q.query(`
      create materialized view project_daily_emissions
      with (timescaledb.continuous, timescaledb.materialized_only = false) as
      select time_bucket(interval '1 day', occurred_at) as day,
             tenant_id,
             project_id,
             projection_version,
             sum(energy_kwh) as energy_kwh,
             sum(co2e_g) as co2e_g,
             sum(co2e_market_g) as co2e_market_g,
             count(*) as activity_count
        from emission_facts
       group by 1, 2, 3, 4
      with no data`);
    await q.query(`
      select add_continuous_aggregate_policy('project_daily_emissions',
        start_offset => null,
        end_offset => interval '1 hour',
        schedule_interval => interval '1 hour')`);
  }

  private async plainRollup(q: QueryRunner): Promise<void> {
    await q.query(`
      create table project_daily_emissions_rollup (
        tenant_id text not null,
        project_id text not null,
        projection_version int not null,
        day timestamptz not null,
        energy_kwh double precision not null,
        co2e_g double precision not null,
        co2e_market_g double precision not null,
        activity_count bigint not null,
        constraint project_daily_emissions_rollup_pkey
          primary key (tenant_id, project_id, projection_version, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop materialized view if exists project_daily_emissions`);
    await q.query(`drop table if exists project_daily_emissions_rollup`);
  }
}
