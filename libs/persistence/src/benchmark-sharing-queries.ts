import type { DatabaseHandle } from './database-handle';
import { requireIdentifier } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';
import { SERVED_PROJECTION_VERSION } from './projection-version';

/**
 * One declared project of an opted-in tenant, for the cross-tenant cohort. It carries NO
 * identity: `contributor` numbers the tenants of this one answer (1…n, in an order that is
 * not returned), so projects can be grouped per tenant without any id leaving the database.
 */
export interface ContributorProjectRow {
  contributor: number;
  co2eG: number;
  finishedMinutes: number | null;
  shootDays: number | null;
  episodes: number | null;
  finalArtifactSeconds: number;
}

export interface BenchmarkSharingState {
  optedIn: boolean;
  changedAt: string | null;
}

/** Read whole, once per request: the bound keeps one answer's memory small. */
export const MAX_CROSS_TENANT_PROJECTS = 100_000;

const SHARING = `
  select opted_in as "optedIn", changed_at as "changedAt"
    from benchmark_sharing where tenant_id = $1`;

const SET_SHARING = `
  insert into benchmark_sharing (tenant_id, opted_in, changed_at) values ($1, $2, $3)
  on conflict (tenant_id) do update set opted_in = excluded.opted_in, changed_at = excluded.changed_at`;

const AUDIT_SHARING = `
  insert into benchmark_sharing_changes (tenant_id, opted_in, changed_at, key_id)
  values ($1, $2, $3, $4)`;

/**
 * The opted-in tenants' declared projects of one production type, only when the caller ($1) has
 * opted in itself (give to get). Totals from the read aggregate, final-artifact seconds from
 * activity_measures, as the within-tenant cohort (benchmark-queries.ts) reads them.
 */
const CONTRIBUTIONS = `
  with members as (
    select s.tenant_id from benchmark_sharing s
     where s.opted_in
       and exists (select 1 from benchmark_sharing me where me.tenant_id = $1 and me.opted_in)
  ),
  cohort as (
    select d.tenant_id, d.project_id, d.finished_minutes, d.shoot_days, d.episodes
      from project_declarations d
      join members m on m.tenant_id = d.tenant_id
     where d.production_type = $2
     order by d.tenant_id, d.project_id
     limit ${MAX_CROSS_TENANT_PROJECTS}
  ),
  totals as (
    select t.tenant_id, t.project_id, sum(t.co2e_g)::float8 as co2e_g
      from project_scope_totals t
      join cohort c on c.tenant_id = t.tenant_id and c.project_id = t.project_id
     where t.projection_version = ${SERVED_PROJECTION_VERSION}
     group by t.tenant_id, t.project_id
  ),
  finals as (
    select x.tenant_id, x.project_id, sum(x.seconds)::float8 as seconds
      from (select a.tenant_id, a.project_id, a.artifact_id, max(m.artifact_duration_s) as seconds
              from cohort c
              join artifacts a on a.tenant_id = c.tenant_id and a.project_id = c.project_id
              join activity_measures m
                on m.tenant_id = a.tenant_id and m.project_id = a.project_id
               and m.artifact_id = a.artifact_id
             where a.status = 'final' and m.artifact_duration_s is not null
             group by 1, 2, 3) x
     group by x.tenant_id, x.project_id
  )
  select dense_rank() over (order by c.tenant_id)::int as contributor,
         coalesce(t.co2e_g, 0) as "co2eG",
         c.finished_minutes as "finishedMinutes", c.shoot_days as "shootDays",
         c.episodes, coalesce(f.seconds, 0) as "finalArtifactSeconds"
    from cohort c
    left join totals t on t.tenant_id = c.tenant_id and t.project_id = c.project_id
    left join finals f on f.tenant_id = c.tenant_id and f.project_id = c.project_id`;

/**
 * Opt-in to cross-tenant benchmarks and the anonymised cohort behind them (docs/insights.md
 * §4.2). Written straight to the database, not through the event log: withdrawing consent must
 * take effect at once, not after the projector catches up; each change is kept with the key
 * that made it.
 */
export class BenchmarkSharingQueries {
  constructor(private readonly db: DatabaseHandle) {}

  private read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.reads.run(() => this.db.dataSource.query(sql, params) as Promise<T[]>);
  }

  async sharing(tenant: string): Promise<BenchmarkSharingState> {
    const rows = await this.read<{ optedIn: boolean; changedAt: Date }>(SHARING, [
      requireIdentifier('tenant', tenant),
    ]);
    return rows[0]
      ? { optedIn: rows[0].optedIn, changedAt: rows[0].changedAt.toISOString() }
      : { optedIn: false, changedAt: null };
  }

  async setSharing(
    tenant: string,
    optedIn: boolean,
    keyId: string,
    at: Date,
  ): Promise<BenchmarkSharingState> {
    const t = requireIdentifier('tenant', tenant);
    const key = requireIdentifier('keyId', keyId);
    if (typeof optedIn !== 'boolean') throw new PersistenceInputError('optIn', 'must be a boolean');
    if (Number.isNaN(at.getTime())) throw new PersistenceInputError('at', 'must be a valid time');
    await this.db.dataSource.transaction(async (tx) => {
      await tx.query(SET_SHARING, [t, optedIn, at]);
      await tx.query(AUDIT_SHARING, [t, optedIn, at, key]);
    });
    return { optedIn, changedAt: at.toISOString() };
  }

  /** Empty unless the caller has opted in; rows carry no tenant or project id, nor a name. */
  async contributions(tenant: string, productionType: string): Promise<ContributorProjectRow[]> {
    return this.read<ContributorProjectRow>(CONTRIBUTIONS, [
      requireIdentifier('tenant', tenant),
      requireIdentifier('productionType', productionType),
    ]);
  }
}
