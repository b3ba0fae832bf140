import { DELIVERED_ARTIFACT_STATUSES, DISCARDED_ARTIFACT_STATUSES } from '@greenops/domain';
import type { DatabaseHandle } from './database-handle';
import { requireIdentifier, requireIntInRange } from './input-checks';
import { SERVED_PROJECTION_VERSION } from './projection-version';
import { boundText, MAX_RETURNED_ID_CHARS } from './returned-text';
import {
  ARTIFACT_ITERATIONS_MANY,
  artifactKey,
  rootArrays,
  type ArtifactKey,
} from './artifact-rollup-sql';

/** One status an artifact took. */
export interface ArtifactStatusChangeRow {
  status: string;
  changedAt: string;
  source: string;
}

/**
 * An artifact's roll-up split by what became of each artifact in it (the cost of iteration),
 * with the denominators of its SCI: its stated duration and its delivered direct children.
 */
export interface ArtifactIteration {
  co2eG: number;
  co2eMarketG: number;
  lowG: number;
  highG: number;
  /** Of co2eG: artifacts whose status is approved or final. */
  deliveredG: number;
  /** Of co2eG: artifacts rejected, superseded, discarded or abandoned. */
  discardedG: number;
  /** `greenops.artifact.duration_s` of the artifact itself, when a span stated it. */
  durationS: number | null;
  /** Direct children with a delivered status. */
  approvedChildren: number;
}

export const MAX_STATUS_HISTORY = 1000;

const STATUS_HISTORY = `
  select substr(status, 1, ${MAX_RETURNED_ID_CHARS + 1}) as status, changed_at as "changedAt", source
    from artifact_status_changes
   where tenant_id = $1 and project_id = $2 and artifact_id = $3
   order by changed_at, event_id
   limit $4`;

/** UNION (not UNION ALL) keeps each id once, so a parent cycle cannot loop forever. */
const ITERATION = `
  with recursive feeding(artifact_id) as (
    select $3::text
    union
    select a.artifact_id
      from artifacts a join feeding f on a.parent_id = f.artifact_id
     where a.tenant_id = $1 and a.project_id = $2
  ),
  sums as (
    select coalesce(sum(t.co2e_g), 0)::float8 as "co2eG",
           coalesce(sum(t.co2e_market_g), 0)::float8 as "co2eMarketG",
           coalesce(sum(t.co2e_low_g), 0)::float8 as "lowG",
           coalesce(sum(t.co2e_high_g), 0)::float8 as "highG",
           coalesce(sum(t.co2e_g) filter (where a.status = any($4::text[])), 0)::float8 as "deliveredG",
           coalesce(sum(t.co2e_g) filter (where a.status = any($5::text[])), 0)::float8 as "discardedG"
      from feeding f
      join artifact_totals t
        on t.tenant_id = $1 and t.project_id = $2 and t.artifact_id = f.artifact_id
       and t.projection_version = ${SERVED_PROJECTION_VERSION}
      left join artifacts a
        on a.tenant_id = $1 and a.project_id = $2 and a.artifact_id = f.artifact_id
  )
  select sums.*,
         (select max(m.artifact_duration_s) from activity_measures m
           where m.tenant_id = $1 and m.project_id = $2 and m.artifact_id = $3)::float8 as "durationS",
         (select count(*) from artifacts c
           where c.tenant_id = $1 and c.project_id = $2 and c.parent_id = $3
             and c.status = any($4::text[]))::int as "approvedChildren"
    from sums`;

/** Status history and iteration of one artifact (Artifact.statusHistory, iteration, sci). */
export class ArtifactInsightQueries {
  constructor(private readonly db: DatabaseHandle) {}

  private read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.reads.run(() => this.db.dataSource.query(sql, params) as Promise<T[]>);
  }

  async statusHistory(
    tenant: string,
    projectId: string,
    artifactId: string,
    first: number,
  ): Promise<ArtifactStatusChangeRow[]> {
    const rows = await this.read<{ status: string; changedAt: Date; source: string }>(
      STATUS_HISTORY,
      [
        requireIdentifier('tenant', tenant),
        requireIdentifier('projectId', projectId),
        requireIdentifier('artifactId', artifactId),
        requireIntInRange('first', first, 1, MAX_STATUS_HISTORY),
      ],
    );
    return rows.map((r) => ({
      status: boundText(r.status, MAX_RETURNED_ID_CHARS),
      changedAt: r.changedAt.toISOString(),
      source: r.source,
    }));
  }

  async iteration(
    tenant: string,
    projectId: string,
    artifactId: string,
  ): Promise<ArtifactIteration> {
    const rows = await this.read<ArtifactIteration>(ITERATION, [
      requireIdentifier('tenant', tenant),
      requireIdentifier('projectId', projectId),
      requireIdentifier('artifactId', artifactId),
      [...DELIVERED_ARTIFACT_STATUSES],
      [...DISCARDED_ARTIFACT_STATUSES],
    ]);
    return rows[0];
  }

  /** The iterations of many artifacts (a page) in one statement, in the order of `keys`. */
  async iterations(tenant: string, keys: readonly ArtifactKey[]): Promise<ArtifactIteration[]> {
    if (keys.length === 0) return [];
    const [projectIds, artifactIds] = rootArrays(keys);
    const rows = await this.read<ArtifactIteration & ArtifactKey>(ARTIFACT_ITERATIONS_MANY, [
      requireIdentifier('tenant', tenant),
      projectIds,
      artifactIds,
      [...DELIVERED_ARTIFACT_STATUSES],
      [...DISCARDED_ARTIFACT_STATUSES],
    ]);
    const byKey = new Map(
      rows.map(({ projectId, artifactId, ...it }) => [artifactKey(projectId, artifactId), it]),
    );
    // Every root has its row (left joins from the roots).
    return keys.map((k) => byKey.get(artifactKey(k.projectId, k.artifactId))!);
  }
}
