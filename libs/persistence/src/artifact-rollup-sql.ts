import { SUMMED_TOTALS_SELECT } from './emissions-totals';
import { PersistenceInputError } from './persistence-input.error';
import { requireIdentifier } from './input-checks';
import { SERVED_PROJECTION_VERSION } from './projection-version';

/**
 * Set-based artifact roll-ups: the roll-ups of a whole page of artifacts in ONE statement (one
 * recursive walk down the lineage from every root at once), instead of one recursive query per
 * artifact. $1 tenant, $2 project ids, $3 artifact ids (parallel arrays: the roots).
 *
 * UNION (not UNION ALL) keeps each (root, artifact) once, so a parent cycle cannot loop forever
 * and an artifact reached twice from one root is summed once: the same set the per-artifact
 * query sums (`artifact_id in (select … from feeding)`). The walk carries each artifact's status
 * (null for a root that is not an artifact), so the split needs no second look-up.
 */
const FEEDING_FROM_ROOTS = `
  with recursive roots(project_id, root_id) as (
    select distinct r.project_id, r.root_id
      from unnest($2::text[], $3::text[]) as r(project_id, root_id)
  ),
  feeding(project_id, root_id, artifact_id, status) as (
    select r.project_id, r.root_id, r.root_id, a.status
      from roots r
      left join artifacts a
        on a.tenant_id = $1 and a.project_id = r.project_id and a.artifact_id = r.root_id
    union
    select f.project_id, f.root_id, a.artifact_id, a.status
      from feeding f
      join artifacts a
        on a.tenant_id = $1 and a.project_id = f.project_id and a.parent_id = f.artifact_id
     -- A restriction, not only the join clause, lets the planner use the partial parent index.
     where a.parent_id is not null
  )`;

/*
 * The totals of each walked artifact, looked up by key. OFFSET 0 keeps the lateral subquery
 * from being flattened into a join: the planner cannot tell how few artifacts the walk yields,
 * and as a join it hashed the tenant's whole artifact_totals, a cost that grew with the
 * tenant's artifacts rather than with the page (docs/insights.md §8).
 */
const WALKED_TOTALS = `
    cross join lateral (
      select t.* from artifact_totals t
       where t.tenant_id = $1 and t.project_id = f.project_id and t.artifact_id = f.artifact_id
         and t.projection_version = ${SERVED_PROJECTION_VERSION}
      offset 0) t`;

/** Roots without any total get no row; the caller reads them as zero. */
export const ARTIFACT_TOTALS_MANY = `${FEEDING_FROM_ROOTS}
  select f.project_id as "projectId", f.root_id as "artifactId", ${SUMMED_TOTALS_SELECT}
    from feeding f${WALKED_TOTALS}
   group by f.project_id, f.root_id`;

/**
 * The iteration split of every root ($4 delivered statuses, $5 discarded ones), its stated
 * duration and its delivered direct children: one row per root.
 */
export const ARTIFACT_ITERATIONS_MANY = `${FEEDING_FROM_ROOTS},
  sums as (
    select f.project_id, f.root_id,
           sum(t.co2e_g) as co2e_g, sum(t.co2e_market_g) as co2e_market_g,
           sum(t.co2e_low_g) as low_g, sum(t.co2e_high_g) as high_g,
           sum(t.co2e_g) filter (where f.status = any($4::text[])) as delivered_g,
           sum(t.co2e_g) filter (where f.status = any($5::text[])) as discarded_g
      from feeding f${WALKED_TOTALS}
     group by f.project_id, f.root_id
  )
  select r.project_id as "projectId", r.root_id as "artifactId",
         coalesce(s.co2e_g, 0)::float8 as "co2eG",
         coalesce(s.co2e_market_g, 0)::float8 as "co2eMarketG",
         coalesce(s.low_g, 0)::float8 as "lowG",
         coalesce(s.high_g, 0)::float8 as "highG",
         coalesce(s.delivered_g, 0)::float8 as "deliveredG",
         coalesce(s.discarded_g, 0)::float8 as "discardedG",
         d.duration_s::float8 as "durationS",
         c.n::int as "approvedChildren"
    from roots r
    left join sums s on s.project_id = r.project_id and s.root_id = r.root_id
    -- Per root, by index (as the per-artifact query did), never a scan of the tenant's measures.
    cross join lateral (
      select max(m.artifact_duration_s) as duration_s from activity_measures m
       where m.tenant_id = $1 and m.project_id = r.project_id and m.artifact_id = r.root_id) d
    cross join lateral (
      select count(*) as n from artifacts c
       where c.tenant_id = $1 and c.project_id = r.project_id and c.parent_id = r.root_id
         and c.parent_id is not null and c.status = any($4::text[])) c`;

/** A page holds at most 100 artifacts; a batch of roots is bounded the same way. */
export const MAX_ROLLUP_ROOTS = 100;

/** An artifact of a roll-up batch. */
export interface ArtifactKey {
  projectId: string;
  artifactId: string;
}

/** The key a batch's rows are matched back to their roots by. */
export const artifactKey = (projectId: string, artifactId: string): string =>
  JSON.stringify([projectId, artifactId]);

/** Checked, parallel arrays of the roots (the statement's $2 and $3). */
export function rootArrays(keys: readonly ArtifactKey[]): [string[], string[]] {
  if (keys.length > MAX_ROLLUP_ROOTS) {
    throw new PersistenceInputError('artifacts', `at most ${MAX_ROLLUP_ROOTS} per batch`);
  }
  return [
    keys.map((k) => requireIdentifier('projectId', k.projectId)),
    keys.map((k) => requireIdentifier('artifactId', k.artifactId)),
  ];
}
