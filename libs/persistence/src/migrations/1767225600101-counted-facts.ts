import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FACT_CEILINGS } from '@greenops/methodology';

const OVER_CEILING = `(greatest(abs(energy_kwh), abs(energy_it_kwh), abs(energy_high_kwh)) > ${FACT_CEILINGS.energyKwh}
   or greatest(abs(co2e_g), abs(co2e_market_g), abs(co2e_high_g), abs(operational_g),
               abs(operational_market_g), abs(embodied_g), abs(training_g)) > ${FACT_CEILINGS.co2eG})`;

/**
 * Corrections (docs/architecture.md, "Corrections"): a span's identity is (tenant, trace id,
 * span id), i.e. its event id; the most recently received version is the one counted.
 * `counted_facts` holds, per (tenant, event id, projection version), the version counted — its
 * `occurred_at` (where its fact row lives in the time-partitioned `emission_facts`) and its
 * `recorded_at` (when ingest received it, the order of corrections).
 *
 * Existing data: facts above the per-fact ceilings (fact-ceilings.ts) move to
 * `projection_failures`; where an event was counted more than once (a re-send with another
 * start time, before this migration), the most recently received version stays and the others
 * are deleted — the read aggregates follow through their triggers, the plain-PostgreSQL daily
 * rollup is rebuilt from the facts. Other totals are unchanged.
 */
export class CountedFacts1767225600101 implements MigrationInterface {
  name = 'CountedFacts1767225600101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table counted_facts (
        tenant_id text not null,
        event_id uuid not null,
        projection_version int not null,
        occurred_at timestamptz not null,
        recorded_at timestamptz not null,
        replaced_occurred_at timestamptz null,
        constraint counted_facts_pkey primary key (tenant_id, event_id, projection_version)
      )`);
    const moved: Array<{ n: number }> = await q.query(`
      with over as (
        delete from emission_facts where ${OVER_CEILING}
        returning tenant_id, event_id, projection_version, energy_kwh, co2e_g)
      , recorded as (
        insert into projection_failures (tenant_id, event_id, consumer_group, log_topic,
               log_partition, log_offset, projection_version, stage, field, reason)
        select tenant_id, event_id::text, 'migration', 'emission_facts', 0,
               row_number() over (order by tenant_id, event_id, projection_version),
               projection_version, 'ceiling', 'energyKwh/co2eG',
               format('stored fact of %s kWh, %s g CO2e is above the per-fact ceilings (%s kWh, %s g); removed by migration 1767225600101',
                      energy_kwh, co2e_g, ${FACT_CEILINGS.energyKwh}::float8, ${FACT_CEILINGS.co2eG}::float8)
          from over
        on conflict do nothing
        returning 1)
      select (select count(*) from over)::int as n`);
    const duplicates: Array<{ n: number }> = await q.query(`
      with ranked as (
        select tenant_id, event_id, projection_version, occurred_at,
               row_number() over (partition by tenant_id, event_id, projection_version
                                  order by recorded_at desc, occurred_at desc, project_id desc) as rn
          from emission_facts),
      gone as (
        delete from emission_facts f using ranked r
         where r.rn > 1 and f.tenant_id = r.tenant_id and f.event_id = r.event_id
           and f.projection_version = r.projection_version and f.occurred_at = r.occurred_at
        returning 1)
      select count(*)::int as n from gone`);
    await q.query(`
      insert into counted_facts (tenant_id, event_id, projection_version, occurred_at, recorded_at)
      select tenant_id, event_id, projection_version, occurred_at, recorded_at from emission_facts`);
    const removed = (moved[0]?.n ?? 0) + (duplicates[0]?.n ?? 0);
    const rollup: Array<{ ok: boolean }> = await q.query(
      `select to_regclass($1) is not null as ok`,
      ['project_daily_emissions_rollup'],
    );
    if (removed > 0 && rollup[0]?.ok) {
      await q.query(`delete from project_daily_emissions_rollup`);
      await q.query(`
        insert into project_daily_emissions_rollup (tenant_id, project_id, projection_version, day,
               energy_kwh, co2e_g, co2e_market_g, activity_count)
        select tenant_id, project_id, projection_version,
               date_bin(interval '1 day', occurred_at, timestamptz '2000-01-01 00:00:00+00'),
               sum(energy_kwh), sum(co2e_g), sum(co2e_market_g), count(*)
          from emission_facts group by 1, 2, 3, 4`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists counted_facts`);
  }
}
