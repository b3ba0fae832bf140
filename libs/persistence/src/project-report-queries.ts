import type { DatabaseHandle } from './database-handle';
import { requireIdentifier } from './input-checks';
import { SERVED_PROJECTION_VERSION } from './projection-version';
import { boundText, MAX_RETURNED_ID_CHARS } from './returned-text';

/** One line of a project report: totals of one month, scope, category and activity kind. */
export interface ProjectReportRow {
  /** YYYY-MM (UTC). */
  month: string;
  scope: number;
  category: string;
  activityKind: string;
  activityCount: number;
  energyKwh: number;
  co2eG: number;
  co2eMarketG: number;
  lowG: number;
  highG: number;
  /** Provenance: the methodology and factor-set versions and the factor ids the facts used. */
  methodologyVersions: string[];
  factorSetVersions: string[];
  factorIds: string[];
}

/** Groups in one report at most (months × scopes × categories × kinds of one project). */
export const MAX_REPORT_ROWS = 10_000;

/*
 * Months of facts that telemetry retention or an erasure removed count through their daily
 * sums (archived_daily_emissions, migration 1767225601100): the report's totals stay; their
 * provenance (versions, factor ids) is that of the facts still held raw.
 */
const REPORT = `
  with facts as (
    select to_char(date_trunc('month', f.occurred_at at time zone 'UTC'), 'YYYY-MM') as month,
           f.scope::int as scope, f.category, f.activity_kind, f.methodology_version,
           f.factor_set_version, f.factor_ids, f.energy_kwh, f.co2e_g, f.co2e_market_g,
           f.co2e_low_g, f.co2e_high_g
      from emission_facts f
     where f.tenant_id = $1 and f.project_id = $2
       and f.projection_version = ${SERVED_PROJECTION_VERSION}
  ),
  amounts as (
    select month, scope, category, activity_kind, 1::bigint as n, energy_kwh, co2e_g,
           co2e_market_g, co2e_low_g, co2e_high_g
      from facts
    union all
    select to_char(date_trunc('month', x.day at time zone 'UTC'), 'YYYY-MM'), x.scope::int,
           x.category, x.activity_kind, x.activity_count, x.energy_kwh, x.co2e_g,
           x.co2e_market_g, x.co2e_low_g, x.co2e_high_g
      from archived_daily_emissions x
     where x.tenant_id = $1 and x.project_id = $2
       and x.projection_version = ${SERVED_PROJECTION_VERSION}
  ),
  sums as (
    select month, scope, category, activity_kind, sum(n)::int as n,
           sum(energy_kwh)::float8 as energy_kwh, sum(co2e_g)::float8 as co2e_g,
           sum(co2e_market_g)::float8 as co2e_market_g, sum(co2e_low_g)::float8 as low_g,
           sum(co2e_high_g)::float8 as high_g
      from amounts group by 1, 2, 3, 4
  ),
  versions as (
    select month, scope, category, activity_kind,
           array_agg(distinct methodology_version order by methodology_version) as methodology_versions,
           array_agg(distinct factor_set_version order by factor_set_version) as factor_set_versions
      from facts group by 1, 2, 3, 4
  ),
  ids as (
    select month, scope, category, activity_kind, array_agg(distinct fid order by fid) as factor_ids
      from facts cross join lateral unnest(facts.factor_ids) as fid
     group by 1, 2, 3, 4
  )
  select s.month, s.scope, s.category, s.activity_kind as "activityKind", s.n as "activityCount",
         s.energy_kwh as "energyKwh", s.co2e_g as "co2eG", s.co2e_market_g as "co2eMarketG",
         s.low_g as "lowG", s.high_g as "highG",
         coalesce(v.methodology_versions, '{}') as "methodologyVersions",
         coalesce(v.factor_set_versions, '{}') as "factorSetVersions",
         coalesce(i.factor_ids, '{}') as "factorIds"
    from sums s
    left join versions v using (month, scope, category, activity_kind)
    left join ids i using (month, scope, category, activity_kind)
   order by s.month, s.scope, s.category, s.activity_kind
   limit ${MAX_REPORT_ROWS}`;

/** A project's totals by month, scope, category and kind, with factor provenance (exports). */
export class ProjectReportQueries {
  constructor(private readonly db: DatabaseHandle) {}

  async report(tenant: string, projectId: string): Promise<ProjectReportRow[]> {
    const rows = await this.db.reads.run(
      () =>
        this.db.dataSource.query(REPORT, [
          requireIdentifier('tenant', tenant),
          requireIdentifier('projectId', projectId),
        ]) as Promise<ProjectReportRow[]>,
    );
    const bound = (values: string[]) => values.map((v) => boundText(v, MAX_RETURNED_ID_CHARS));
    return rows.map((r) => ({
      ...r,
      category: boundText(r.category, MAX_RETURNED_ID_CHARS),
      activityKind: boundText(r.activityKind, MAX_RETURNED_ID_CHARS),
      methodologyVersions: bound(r.methodologyVersions),
      factorSetVersions: bound(r.factorSetVersions),
      factorIds: bound(r.factorIds),
    }));
  }
}
