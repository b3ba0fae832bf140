import { decodeArtifactCursor, encodeArtifactCursor } from './artifact-cursor';
import type { DatabaseHandle } from './database-handle';
import { TOTALS_SELECT, toTotals, type EmissionsTotals } from './emissions-totals';
import { requireInstant, requireIntInRange, requireText } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';
import { SERVED_PROJECTION_VERSION } from './projection-version';

export interface ArtifactSummary {
  id: string;
  projectId: string;
  kind: string | null;
  status: string | null;
  parentId: string | null;
}

export interface ArtifactPage {
  /** Each node with the cursor that continues after it. */
  nodes: Array<ArtifactSummary & { cursor: string }>;
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface DailyProjectTotal {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  co2eG: number;
  energyKwh: number;
}

/** One GHG Protocol scope/category of a project (GHG Protocol reporting by scope). */
export interface ScopeTotals extends EmissionsTotals {
  scope: number;
  category: string;
}

/** A span ingest refused, as recorded from the DLQ topic. */
export interface RejectedSpanRow {
  traceId: string;
  spanId: string;
  spanName: string;
  field: string;
  reason: string;
  rejectedAt: string;
}

export const MAX_PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;

const PROJECT_TOTALS = `
  select ${TOTALS_SELECT},
         exists (select 1 from artifacts a where a.tenant_id = $1 and a.project_id = $2) as "artifactsKnown"
    from emission_facts f
   where f.tenant_id = $1 and f.project_id = $2 and f.projection_version = ${SERVED_PROJECTION_VERSION}`;

const PROJECT_TOTALS_BY_SCOPE = `
  select f.scope::int as scope, f.category, ${TOTALS_SELECT}
    from emission_facts f
   where f.tenant_id = $1 and f.project_id = $2 and f.projection_version = ${SERVED_PROJECTION_VERSION}
   group by f.scope, f.category
   order by f.scope, f.category`;

const REJECTED_SPANS = `
  select trace_id as "traceId", span_id as "spanId", span_name as "spanName", field, reason,
         rejected_at as "rejectedAt"
    from dead_letters where tenant_id = $1
   order by rejected_at desc, id desc
   limit $2`;

const COUNT_ARTIFACTS = `
  select count(*)::int as n from artifacts
   where tenant_id = $1 and project_id = $2 and kind = $3
     and (cardinality($4::text[]) = 0 or status = any($4::text[]))`;

const ARTIFACT = `
  select artifact_id as id, project_id as "projectId", kind, status, parent_id as "parentId"
    from artifacts where tenant_id = $1 and project_id = $2 and artifact_id = $3`;

/** UNION (not UNION ALL) keeps each id once, so a parent cycle cannot loop forever. */
const ARTIFACT_TOTALS = `
  with recursive feeding(artifact_id) as (
    select $3::text
    union
    select a.artifact_id
      from artifacts a join feeding t on a.parent_id = t.artifact_id
     where a.tenant_id = $1 and a.project_id = $2
  )
  select ${TOTALS_SELECT}
    from emission_facts f
   where f.tenant_id = $1 and f.project_id = $2 and f.projection_version = ${SERVED_PROJECTION_VERSION}
     and f.artifact_id in (select artifact_id from feeding)`;

const LIST_ARTIFACTS = `
  select artifact_id as id, project_id as "projectId", kind, status, parent_id as "parentId"
    from artifacts
   where tenant_id = $1 and project_id = $2 and ($3::text is null or artifact_id > $3::text)
   order by artifact_id
   limit $4`;

// refresh_continuous_aggregate may not run inside a transaction; dataSource.query autocommits.
const REFRESH_DAILY = `call refresh_continuous_aggregate('project_daily_emissions', $1::timestamptz, $2::timestamptz)`;

const DAILY_FROM_AGGREGATE = `
  select day, sum(co2e_g)::float8 as "co2eG", sum(energy_kwh)::float8 as "energyKwh"
    from project_daily_emissions
   where tenant_id = $1 and project_id = $2 and projection_version = ${SERVED_PROJECTION_VERSION}
     and day >= $3 and day < $4
   group by day order by day`;

const DAILY_FROM_ROLLUP = `
  select day, sum(co2e_g)::float8 as "co2eG", sum(energy_kwh)::float8 as "energyKwh"
    from project_daily_emissions_rollup
   where tenant_id = $1 and project_id = $2 and projection_version = ${SERVED_PROJECTION_VERSION}
     and day >= $3 and day < $4
   group by day order by day`;

/** Read side for the gateway. Every query is scoped by tenant and serves the current projection. */
export class EmissionQueries {
  constructor(private readonly db: DatabaseHandle) {}

  /** Null when the tenant has neither facts nor artifacts for the project. */
  async projectTotals(tenant: string, projectId: string): Promise<EmissionsTotals | null> {
    const rows: Array<EmissionsTotals & { artifactsKnown: boolean }> =
      await this.db.dataSource.query(PROJECT_TOTALS, [
        requireText('tenant', tenant),
        requireText('projectId', projectId),
      ]);
    const row = rows[0];
    if (!row || (row.activityCount === 0 && !row.artifactsKnown)) return null;
    return toTotals(row);
  }

  /** Project totals split by GHG Protocol scope and category; empty for an unknown project. */
  async projectTotalsByScope(tenant: string, projectId: string): Promise<ScopeTotals[]> {
    const rows: Array<EmissionsTotals & { scope: number; category: string }> =
      await this.db.dataSource.query(PROJECT_TOTALS_BY_SCOPE, [
        requireText('tenant', tenant),
        requireText('projectId', projectId),
      ]);
    return rows.map((row) => ({ scope: row.scope, category: row.category, ...toTotals(row) }));
  }

  /** Artifacts of a kind (and, when given, one of the statuses): a functional unit count for SCI. */
  async countArtifacts(
    tenant: string,
    projectId: string,
    kind: string,
    statuses: readonly string[] = [],
  ): Promise<number> {
    const rows: Array<{ n: number }> = await this.db.dataSource.query(COUNT_ARTIFACTS, [
      requireText('tenant', tenant),
      requireText('projectId', projectId),
      requireText('kind', kind),
      statuses.map((status, i) => requireText(`statuses[${i}]`, status)),
    ]);
    return rows[0]?.n ?? 0;
  }

  /** The tenant's most recently rejected spans, newest first. */
  async rejectedSpans(tenant: string, first: number): Promise<RejectedSpanRow[]> {
    const rows: Array<RejectedSpanRow & { rejectedAt: Date }> = await this.db.dataSource.query(
      REJECTED_SPANS,
      [requireText('tenant', tenant), requireIntInRange('first', first, 1, MAX_PAGE_SIZE)],
    );
    return rows.map((row) => ({ ...row, rejectedAt: row.rejectedAt.toISOString() }));
  }

  async artifact(
    tenant: string,
    projectId: string,
    artifactId: string,
  ): Promise<ArtifactSummary | null> {
    const rows: ArtifactSummary[] = await this.db.dataSource.query(ARTIFACT, [
      requireText('tenant', tenant),
      requireText('projectId', projectId),
      requireText('artifactId', artifactId),
    ]);
    return rows[0] ?? null;
  }

  /** The artifact and everything that feeds into it, transitively through parent_id. */
  async artifactTotals(
    tenant: string,
    projectId: string,
    artifactId: string,
  ): Promise<EmissionsTotals> {
    const rows: EmissionsTotals[] = await this.db.dataSource.query(ARTIFACT_TOTALS, [
      requireText('tenant', tenant),
      requireText('projectId', projectId),
      requireText('artifactId', artifactId),
    ]);
    return toTotals(rows[0]);
  }

  /** Keyset pagination by artifact id; `after` is an opaque cursor from a previous page. */
  async listArtifacts(
    tenant: string,
    projectId: string,
    first: number,
    after?: string,
  ): Promise<ArtifactPage> {
    const size = requireIntInRange('first', first, 0, MAX_PAGE_SIZE);
    const afterId =
      after === undefined || after === null ? null : decodeArtifactCursor('after', after);
    const rows: ArtifactSummary[] = await this.db.dataSource.query(LIST_ARTIFACTS, [
      requireText('tenant', tenant),
      requireText('projectId', projectId),
      afterId,
      size + 1,
    ]);
    const nodes = rows
      .slice(0, size)
      .map((row) => ({ ...row, cursor: encodeArtifactCursor(row.id) }));
    const last = nodes[nodes.length - 1];
    return {
      nodes,
      hasNextPage: rows.length > size,
      endCursor: last ? last.cursor : null,
    };
  }

  /**
   * Daily sums for UTC days starting at or after the day containing `from` and before `to`.
   * Timescale: the continuous aggregate, refreshed for the window first so facts that
   * arrived late for an already materialised day are counted (cheap when nothing changed;
   * embedded PGlite has no background workers to run the refresh policy). Plain PostgreSQL:
   * the projector-maintained rollup table.
   */
  async dailyProjectTotals(
    tenant: string,
    projectId: string,
    from: string,
    to: string,
  ): Promise<DailyProjectTotal[]> {
    const t = requireText('tenant', tenant);
    const p = requireText('projectId', projectId);
    const fromDayMs = Math.floor(requireInstant('from', from) / DAY_MS) * DAY_MS;
    const toMs = requireInstant('to', to);
    if (toMs <= fromDayMs) throw new PersistenceInputError('to', 'must be after from');
    const fromIso = new Date(fromDayMs).toISOString();
    const toIso = new Date(toMs).toISOString();

    if (this.db.capabilities.timescale) {
      // The refresh window must cover whole buckets.
      const refreshToIso = new Date(Math.ceil(toMs / DAY_MS) * DAY_MS).toISOString();
      await this.db.dataSource.query(REFRESH_DAILY, [fromIso, refreshToIso]);
    }
    const rows: Array<{ day: Date; co2eG: number; energyKwh: number }> =
      await this.db.dataSource.query(
        this.db.capabilities.timescale ? DAILY_FROM_AGGREGATE : DAILY_FROM_ROLLUP,
        [t, p, fromIso, toIso],
      );
    return rows.map((r) => ({
      day: r.day.toISOString().slice(0, 10),
      co2eG: r.co2eG,
      energyKwh: r.energyKwh,
    }));
  }
}
