import type { EmissionFactColumns } from './emission-fact-columns';

/**
 * Corrections (docs/architecture.md, "Corrections"): a span's identity is its event id (tenant,
 * trace id, span id), and per projection version one version of it is counted — the most
 * recently received (`recordedAt`). `counted_facts` is the arbiter: the upsert below writes a
 * version only when it was received later than the one counted, and returns what it wrote, with
 * the start time of the version it replaced (whose fact row is then deleted). A replay of the
 * counted version (redelivery, rebuild) writes nothing. Ordered, so concurrent projectors lock
 * rows in the same order; ON CONFLICT takes the row lock, so two corrections of one span on two
 * partitions (a move to another project) are decided one after the other.
 */
export const UPSERT_COUNTED_FACTS = `
  insert into counted_facts as c (tenant_id, event_id, projection_version, occurred_at, recorded_at)
  select * from unnest($1::text[], $2::uuid[], $3::int[], $4::timestamptz[], $5::timestamptz[])
   order by 1, 2, 3
  on conflict (tenant_id, event_id, projection_version) do update set
    replaced_occurred_at = c.occurred_at,
    occurred_at = excluded.occurred_at,
    recorded_at = excluded.recorded_at
   where excluded.recorded_at > c.recorded_at
  returning tenant_id, event_id::text as event_id, projection_version, replaced_occurred_at`;

const DELETE_REPLACED = `
  delete from emission_facts f
   using unnest($1::text[], $2::uuid[], $3::int[], $4::timestamptz[])
         as d(tenant_id, event_id, projection_version, occurred_at)
   where f.tenant_id = d.tenant_id and f.event_id = d.event_id
     and f.projection_version = d.projection_version and f.occurred_at = d.occurred_at
  returning f.tenant_id, f.project_id, f.projection_version, f.occurred_at, f.energy_kwh,
            f.co2e_g, f.co2e_market_g`;

/**
 * TimescaleDB: the read aggregates follow through their row triggers, the continuous aggregate
 * through its invalidation log (the daily query refreshes its window first).
 */
export const DELETE_REPLACED_FACTS_TIMESCALE = `
  with deleted as (${DELETE_REPLACED}) select count(*)::int as deleted from deleted`;

/** Plain PostgreSQL: the daily rollup loses what the deleted facts had added. */
export const DELETE_REPLACED_FACTS_WITH_ROLLUP = `
  with deleted as (${DELETE_REPLACED}),
  per_day as (
    select tenant_id, project_id, projection_version,
           date_bin(interval '1 day', occurred_at, timestamptz '2000-01-01 00:00:00+00') as day,
           sum(energy_kwh) as energy_kwh, sum(co2e_g) as co2e_g,
           sum(co2e_market_g) as co2e_market_g, count(*) as n
      from deleted group by 1, 2, 3, 4),
  updated as (
    update project_daily_emissions_rollup r set
      energy_kwh = r.energy_kwh - p.energy_kwh,
      co2e_g = r.co2e_g - p.co2e_g,
      co2e_market_g = r.co2e_market_g - p.co2e_market_g,
      activity_count = r.activity_count - p.n
      from per_day p
     where (r.tenant_id, r.project_id, r.projection_version, r.day)
         = (p.tenant_id, p.project_id, p.projection_version, p.day)
    returning 1)
  select (select count(*) from deleted)::int as deleted`;

/** Plain PostgreSQL: days a correction emptied leave the series. */
export const DELETE_EMPTY_ROLLUP_DAYS = `
  delete from project_daily_emissions_rollup
   where tenant_id = any($1::text[]) and activity_count <= 0`;

/**
 * The rows of a batch to write: per (tenant, event id, projection version) the one received
 * last (`recordedAt`; on a tie, the later in the batch, i.e. in the log).
 */
export function latestVersionRows(c: EmissionFactColumns): number[] {
  const latest = new Map<string, number>();
  c.eventId.forEach((eventId, i) => {
    const key = JSON.stringify([c.tenantId[i], eventId, c.projectionVersion[i]]);
    const seen = latest.get(key);
    if (seen === undefined || Date.parse(c.recordedAt[i]) >= Date.parse(c.recordedAt[seen]))
      latest.set(key, i);
  });
  return [...latest.values()].sort((a, b) => a - b);
}

/** The given rows of every column. */
export function pickRows(c: EmissionFactColumns, rows: readonly number[]): EmissionFactColumns {
  return Object.fromEntries(
    Object.entries(c).map(([column, values]) => [
      column,
      rows.map((i) => (values as unknown[])[i]),
    ]),
  ) as unknown as EmissionFactColumns;
}
