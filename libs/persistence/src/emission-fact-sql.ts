import { STAGING_TABLE } from './emission-fact-copy';

/**
 * The facts as parameters: `$1…$29` the column arrays of emissionFactParams, `$30` the projection
 * versions, `$31` the notes (JSON array per row).
 */
const UNNEST_SOURCE = `unnest(
      $1::text[], $2::text[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::text[],
      $7::text[], $8::text[], $9::smallint[], $10::text[], $11::text[], $12::text[], $13::text[],
      $14::text[], $15::float8[], $16::float8[], $17::float8[], $18::float8[], $19::float8[],
      $20::float8[], $21::float8[], $22::float8[], $23::float8[], $24::float8[], $25::float8[],
      $26::float8[], $27::float8[], $28::float8[], $29::float8[], $30::int[],
      $31::text[]
    ) as t(tenant_id, project_id, event_id, occurred_at, recorded_at, artifact_id, activity_kind,
           tier, scope, category, model_id, factor_ids_json, methodology_version,
           factor_set_version, energy_it_kwh, energy_kwh, energy_low_kwh, energy_high_kwh, pue,
           intensity_g_per_kwh, market_intensity_g_per_kwh, operational_g, operational_market_g,
           embodied_g, training_g, co2e_g, co2e_market_g, co2e_low_g, co2e_high_g,
           projection_version, notes_json)`;

/** The facts staged by COPY (emission-fact-copy.ts), columns named as in UNNEST_SOURCE. */
const STAGED_SOURCE = `${STAGING_TABLE} as t`;

/**
 * Constant SQL for inserting facts from one of the sources above. ON CONFLICT DO NOTHING on the
 * (tenant, event, time, projection) key makes a re-sent span a no-op; RETURNING yields only the
 * rows actually inserted.
 */
const insertFacts = (source: string) => `
  insert into emission_facts (
    tenant_id, project_id, event_id, occurred_at, recorded_at, artifact_id, activity_kind,
    tier, scope, category, model_id, factor_ids, methodology_version, factor_set_version,
    energy_it_kwh, energy_kwh, energy_low_kwh, energy_high_kwh, pue, intensity_g_per_kwh,
    market_intensity_g_per_kwh, operational_g, operational_market_g, embodied_g, training_g,
    co2e_g, co2e_market_g, co2e_low_g, co2e_high_g, projection_version, notes)
  select tenant_id, project_id, event_id, occurred_at, recorded_at, artifact_id, activity_kind,
         tier, scope, category, model_id,
         array(select jsonb_array_elements_text(factor_ids_json::jsonb)),
         methodology_version, factor_set_version,
         energy_it_kwh, energy_kwh, energy_low_kwh, energy_high_kwh, pue, intensity_g_per_kwh,
         market_intensity_g_per_kwh, operational_g, operational_market_g, embodied_g, training_g,
         co2e_g, co2e_market_g, co2e_low_g, co2e_high_g, projection_version,
         array(select jsonb_array_elements_text(notes_json::jsonb))
    from ${source}
  on conflict do nothing
  returning tenant_id, project_id, projection_version, occurred_at, energy_kwh, co2e_g, co2e_market_g`;

/** TimescaleDB: the continuous aggregate follows the hypertable by itself. */
export const INSERT_FACTS_TIMESCALE = `
  with inserted as (${insertFacts(UNNEST_SOURCE)})
  select count(*)::int as inserted from inserted`;

/**
 * Plain PostgreSQL: the same statement adds the newly inserted facts (and only those) to the
 * daily rollup, in the caller's transaction. UTC days: date_bin with a UTC-midnight origin.
 * Ordered so concurrent projectors lock rollup rows in the same order (no deadlock).
 */
const insertFactsWithRollup = (source: string) => `
  with inserted as (${insertFacts(source)}),
  rolled as (
    insert into project_daily_emissions_rollup as r (
      tenant_id, project_id, projection_version, day, energy_kwh, co2e_g, co2e_market_g, activity_count)
    select tenant_id, project_id, projection_version,
           date_bin(interval '1 day', occurred_at, timestamptz '2000-01-01 00:00:00+00') as day,
           sum(energy_kwh), sum(co2e_g), sum(co2e_market_g), count(*)
      from inserted
     group by 1, 2, 3, 4
     order by 1, 2, 3, 4
    on conflict (tenant_id, project_id, projection_version, day) do update set
      energy_kwh = r.energy_kwh + excluded.energy_kwh,
      co2e_g = r.co2e_g + excluded.co2e_g,
      co2e_market_g = r.co2e_market_g + excluded.co2e_market_g,
      activity_count = r.activity_count + excluded.activity_count
  )
  select count(*)::int as inserted from inserted`;

export const INSERT_FACTS_WITH_ROLLUP = insertFactsWithRollup(UNNEST_SOURCE);

/** INSERT_FACTS_WITH_ROLLUP from the facts staged by COPY (no parameters). */
export const INSERT_STAGED_FACTS_WITH_ROLLUP = insertFactsWithRollup(STAGED_SOURCE);
