import { KEEP_MEASURE_DAYS } from './migrations/1767225601750-project-kpi-aggregates';
/*
 * Constant SQL for removing raw facts while keeping what every totals and series query serves
 * (docs/retention.md, "The platform's own data"). Built from constants at module load, never
 * from input; `$n` are bind parameters.
 */

/** Totals triggers skip deletes in this transaction (migration 1767225601100). */
export const KEEP_TOTALS = `select set_config('greenops.keep_totals', 'on', true)`;

const UTC_DAY = `date_bin(interval '1 day', occurred_at, timestamptz '2000-01-01 00:00:00+00')`;
const ARCHIVE_KEY =
  'tenant_id, project_id, projection_version, day, activity_kind, scope, category, tier';
const ARCHIVE_SUMS = ['energy_kwh', 'co2e_g', 'co2e_market_g', 'co2e_low_g', 'co2e_high_g'];

/**
 * One statement: delete the selected facts, add their daily sums to archived_daily_emissions
 * (when `archive` is true), drop their counted_facts rows, and on plain PostgreSQL take them out
 * of the daily rollup (which then mirrors the raw facts, like the continuous aggregate does once
 * refreshed). Returns the number of facts removed and the earliest one's time.
 */
function removeFacts(selected: string, archive: string, withRollup: boolean): string {
  const rollup = withRollup
    ? `,
  per_day as (
    select tenant_id, project_id, projection_version, ${UTC_DAY} as day,
           sum(energy_kwh) as energy_kwh, sum(co2e_g) as co2e_g,
           sum(co2e_market_g) as co2e_market_g, count(*) as n
      from deleted group by 1, 2, 3, 4),
  rolled as (
    update project_daily_emissions_rollup r set
      energy_kwh = r.energy_kwh - p.energy_kwh,
      co2e_g = r.co2e_g - p.co2e_g,
      co2e_market_g = r.co2e_market_g - p.co2e_market_g,
      activity_count = r.activity_count - p.n
      from per_day p
     where (r.tenant_id, r.project_id, r.projection_version, r.day)
         = (p.tenant_id, p.project_id, p.projection_version, p.day)
    returning 1)`
    : '';
  return `
  with selected as (${selected}),
  deleted as (
    delete from emission_facts f using selected s
     where f.tenant_id = s.tenant_id and f.event_id = s.event_id
       and f.occurred_at = s.occurred_at and f.projection_version = s.projection_version
    returning f.tenant_id, f.project_id, f.event_id, f.projection_version, f.occurred_at,
              f.activity_kind, f.scope, f.category, f.tier, ${ARCHIVE_SUMS.map((c) => `f.${c}`).join(', ')}),
  archived as (
    insert into archived_daily_emissions as a (${ARCHIVE_KEY}, ${ARCHIVE_SUMS.join(', ')}, activity_count)
    select tenant_id, project_id, projection_version, ${UTC_DAY}, activity_kind, scope, category,
           tier, ${ARCHIVE_SUMS.map((c) => `sum(${c})`).join(', ')}, count(*)
      from deleted
     where ${archive}
     group by 1, 2, 3, 4, 5, 6, 7, 8
     order by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict (${ARCHIVE_KEY}) do update set
      ${ARCHIVE_SUMS.map((c) => `${c} = a.${c} + excluded.${c}`).join(',\n      ')},
      activity_count = a.activity_count + excluded.activity_count
    returning 1),
  uncounted as (
    delete from counted_facts c using deleted d
     where c.tenant_id = d.tenant_id and c.event_id = d.event_id
       and c.projection_version = d.projection_version and c.occurred_at = d.occurred_at
    returning 1)${rollup}
  select (select count(*) from deleted)::int as facts,
         (select min(occurred_at) from deleted) as "earliest",
         (select max(occurred_at) from deleted) as "latest"`;
}

/** $1 tenant, $2 cutoff, $3 batch size: the tenant's oldest facts before the cutoff. */
const BEFORE_CUTOFF = `
  select tenant_id, event_id, occurred_at, projection_version from emission_facts
   where tenant_id = $1 and occurred_at < $2::timestamptz
   order by occurred_at limit $3`;

/** $1 tenant, $2 project, $3 batch size, $4 archive (keep totals). */
const OF_PROJECT = `
  select tenant_id, event_id, occurred_at, projection_version from emission_facts
   where tenant_id = $1 and project_id = $2 limit $3`;

export const EXPIRE_FACTS_TIMESCALE = removeFacts(BEFORE_CUTOFF, 'true', false);
export const EXPIRE_FACTS_WITH_ROLLUP = removeFacts(BEFORE_CUTOFF, 'true', true);
export const ERASE_FACTS_TIMESCALE = removeFacts(OF_PROJECT, '$4::boolean', false);
export const ERASE_FACTS_WITH_ROLLUP = removeFacts(OF_PROJECT, '$4::boolean', true);

/** Plain PostgreSQL: days the removal emptied leave the rollup. $1 tenant. */
export const DELETE_EMPTY_ROLLUP_DAYS_OF_TENANT = `
  delete from project_daily_emissions_rollup where tenant_id = $1 and activity_count <= 0`;

/**
 * $1 tenant, $2 cutoff: the per-event rows of the period — measures (gpu hours, storage,
 * transfers) and the stored activity inputs that what-if scenarios recompute — counted together.
 * The setting, local to this statement's transaction and read by the measures' delete trigger
 * when the statement ends, keeps the days' sums in project_measure_daily (migration
 * 1767225601750), so a retained period's GPU-hours, TB-months and TB moved stay.
 */
export const EXPIRE_MEASURES = `
  with gone_measures as (
    delete from activity_measures where tenant_id = $1 and occurred_at < $2::timestamptz
    returning 1),
  gone_inputs as (
    delete from activity_inputs where tenant_id = $1 and occurred_at < $2::timestamptz
    returning 1)
  select ((select count(*) from gone_measures) + (select count(*) from gone_inputs))::int as n,
         set_config('${KEEP_MEASURE_DAYS}', 'on', true) as kept`;

/** Well-formed instants only, so no stored value can make the cast (and the sweep) fail. */
const EVENT_TIME = `case when l.value->>'occurredAt' ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$'
                         then (l.value->>'occurredAt')::timestamptz end`;

/**
 * Embedded log: the tenant's ActivityRecorded and ActivitiesRecorded records that happened
 * before the cutoff (an ActivitiesRecorded record's `occurredAt` is its latest activity's), a
 * batch at a time. $1 tenant, $2 topic, $3 cutoff, $4 batch size. Tenant-level records (factor sets,
 * fences, policies) stay: rebuilds and the retention projector need them.
 */
export const EXPIRE_LOG_RECORDS = `
  with gone as (
    delete from event_log where seq in (
      select l.seq from event_log l
       where l.topic = $2 and l.value->>'tenant' = $1 and l.value->>'type' in ('ActivityRecorded', 'ActivitiesRecorded')
         and ${EVENT_TIME} < $3::timestamptz
       order by l.seq limit $4)
    returning 1)
  select count(*)::int as n from gone`;

/** Embedded log: every record of one project of the tenant. $1 tenant, $2 project. */
export const ERASE_LOG_RECORDS = `
  with gone as (
    delete from event_log l where l.value->>'tenant' = $1 and l.value->>'projectId' = $2
    returning 1)
  select count(*)::int as n from gone`;

/** Per-project tables an erasure empties whatever keepTotals says. $1 tenant, $2 project. */
export const ERASE_PROJECT_DETAIL = [
  'artifacts',
  'artifact_totals',
  'activity_measures',
  'activity_inputs',
  'artifact_status_changes',
  'retention_holdings',
  'legal_holds',
  'project_declarations',
].map(
  (table) => `
  with gone as (delete from ${table} where tenant_id = $1 and project_id = $2 returning 1)
  select count(*)::int as n from gone`,
);

/** Per-project totals an erasure removes when keepTotals is false. $1 tenant, $2 project. */
export const ERASE_PROJECT_TOTALS = (timescale: boolean) =>
  [
    'project_scope_totals',
    'archived_daily_emissions',
    ...(timescale ? [] : ['project_daily_emissions_rollup']),
  ].map(
    (table) => `
  with gone as (delete from ${table} where tenant_id = $1 and project_id = $2 returning 1)
  select count(*)::int as n from gone`,
  );

/**
 * The project's daily KPI aggregates (migrations 1767225601750 and 1767225601900): the facts'
 * and measures' delete triggers have emptied them; their rows still name the project. Not
 * counted (derived).
 */
export const ERASE_PROJECT_KPI_AGGREGATES = [
  'project_kpi_daily',
  'project_measure_daily',
  'artifact_kpi_daily',
].map((table) => `delete from ${table} where tenant_id = $1 and project_id = $2`);

/** An erasure is refused while a legal hold in force covers any of the project's artifacts. */
export const ACTIVE_LEGAL_HOLDS = `
  select count(*)::int as n from legal_holds
   where tenant_id = $1 and project_id = $2 and released_at is null`;

// refresh_continuous_aggregate may not run inside a transaction; dataSource.query autocommits.
export const REFRESH_DAILY = `call refresh_continuous_aggregate('project_daily_emissions', $1::timestamptz, $2::timestamptz)`;

export const INSERT_AUDIT = `
  insert into retention_audit (tenant_id, event_id, action, project_id, subject, key_id, reason,
                               occurred_at, details)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`;
