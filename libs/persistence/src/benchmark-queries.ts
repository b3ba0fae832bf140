import type { DatabaseHandle } from './database-handle';
import { requireIdentifier } from './input-checks';
import { SERVED_PROJECTION_VERSION } from './projection-version';
import { boundText, MAX_RETURNED_ID_CHARS } from './returned-text';

/** One project of a benchmark cohort: its total and its declared units. */
export interface CohortProjectRow {
  projectId: string;
  co2eG: number;
  finishedMinutes: number | null;
  shootDays: number | null;
  episodes: number | null;
  finalArtifactSeconds: number;
}

/** A tenant holds thousands of projects of a type at most; a cohort is read whole, once. */
export const MAX_COHORT_PROJECTS = 10_000;

/**
 * The tenant's declared projects of one production type, each with its served total and the
 * seconds of its final artifacts. One statement: totals from the read aggregate, durations
 * from activity_measures; everything keyed by the caller's tenant.
 */
const COHORT = `
  with cohort as (
    select d.project_id, d.finished_minutes, d.shoot_days, d.episodes
      from project_declarations d
     where d.tenant_id = $1 and d.production_type = $2
     order by d.project_id
     limit ${MAX_COHORT_PROJECTS}
  ),
  totals as (
    select t.project_id, sum(t.co2e_g)::float8 as co2e_g
      from project_scope_totals t
     where t.tenant_id = $1 and t.projection_version = ${SERVED_PROJECTION_VERSION}
       and t.project_id in (select project_id from cohort)
     group by t.project_id
  ),
  finals as (
    select x.project_id, sum(x.seconds)::float8 as seconds
      from (select a.project_id, a.artifact_id, max(m.artifact_duration_s) as seconds
              from artifacts a
              join activity_measures m
                on m.tenant_id = a.tenant_id and m.project_id = a.project_id
               and m.artifact_id = a.artifact_id
             where a.tenant_id = $1 and a.status = 'final'
               and a.project_id in (select project_id from cohort)
               and m.artifact_duration_s is not null
             group by 1, 2) x
     group by x.project_id
  )
  select c.project_id as "projectId", coalesce(t.co2e_g, 0) as "co2eG",
         c.finished_minutes as "finishedMinutes", c.shoot_days as "shootDays",
         c.episodes, coalesce(f.seconds, 0) as "finalArtifactSeconds"
    from cohort c
    left join totals t on t.project_id = c.project_id
    left join finals f on f.project_id = c.project_id
   order by c.project_id`;

const PRODUCTION_TYPE = `
  select production_type as "productionType" from project_declarations
   where tenant_id = $1 and project_id = $2`;

/** Benchmark cohorts within one tenant (Project.benchmark, benchmarks). */
export class BenchmarkQueries {
  constructor(private readonly db: DatabaseHandle) {}

  private read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.reads.run(() => this.db.dataSource.query(sql, params) as Promise<T[]>);
  }

  async cohort(tenant: string, productionType: string): Promise<CohortProjectRow[]> {
    const rows = await this.read<CohortProjectRow>(COHORT, [
      requireIdentifier('tenant', tenant),
      requireIdentifier('productionType', productionType),
    ]);
    return rows.map((r) => ({ ...r, projectId: boundText(r.projectId, MAX_RETURNED_ID_CHARS) }));
  }

  /** The declared production type of a project; null when undeclared (or another tenant's). */
  async productionType(tenant: string, projectId: string): Promise<string | null> {
    const rows = await this.read<{ productionType: string }>(PRODUCTION_TYPE, [
      requireIdentifier('tenant', tenant),
      requireIdentifier('projectId', projectId),
    ]);
    return rows[0]?.productionType ?? null;
  }
}
