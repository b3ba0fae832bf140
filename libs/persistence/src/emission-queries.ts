import {
  decodeFailureCursor,
  PROJECTION_FAILURES_PAGE,
  toFailureRow,
  type ProjectionFailurePage,
} from './projection-failure';
import { decodeArtifactCursor, encodeArtifactCursor } from './artifact-cursor';
import type { DatabaseHandle } from './database-handle';
import {
  ROW_TOTALS_SELECT,
  SUMMED_TOTALS_SELECT,
  toTotals,
  type EmissionsTotals,
} from './emissions-totals';
import { requireIdentifier, requireInstant, requireIntInRange, requireText } from './input-checks';
import { PersistenceInputError } from './persistence-input.error';
import { SERVED_PROJECTION_VERSION } from './projection-version';
import {
  ARTIFACT_ACTIVITIES,
  decodeActivityCursor,
  encodeActivityCursor,
  MAX_ACTIVITY_PAGE,
  type ArtifactActivityPage,
  type ArtifactActivityRow,
} from './artifact-activities';
import { INGEST_RATE, MAX_INGEST_RATE_WINDOW_MINUTES, type IngestRate } from './ingest-rate-sql';
import { STATEMENT_GROUPS, STATEMENT_VERSIONS } from './statement-rows-sql';
import {
  ARTIFACT_TOTALS_MANY,
  artifactKey,
  rootArrays,
  type ArtifactKey,
} from './artifact-rollup-sql';
import type { StatementFactRow } from '@greenops/methodology';
import {
  boundedColumn,
  boundOptionalText,
  boundText,
  MAX_RETURNED_ID_CHARS,
  MAX_RETURNED_TEXT_CHARS,
} from './returned-text';

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

/**
 * A project's served facts grouped by data-quality tier and calculation model: what its
 * methodological statement is generated from (libs/methodology buildMethodologicalStatement).
 */
export type StatementGroupRow = StatementFactRow;

export interface ProjectStatementRows {
  rows: StatementGroupRow[];
  methodologyVersions: string[];
  factorSetVersions: string[];
}

/** Groups a statement reads at most: (tier, model) pairs, far fewer in practice. */
export const MAX_STATEMENT_GROUPS = 10_000;

export const MAX_PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;

const id = (column: string) => boundedColumn(column, MAX_RETURNED_ID_CHARS);
const text = (column: string) => boundedColumn(column, MAX_RETURNED_TEXT_CHARS);

/*
 * Totals come from the aggregate tables the emission_facts triggers maintain (migration
 * 1767225600300): a handful of rows per project, however many facts and chunks there are.
 */
const PROJECT_TOTALS = `
  select ${SUMMED_TOTALS_SELECT},
         exists (select 1 from artifacts a where a.tenant_id = $1 and a.project_id = $2) as "artifactsKnown"
    from project_scope_totals t
   where t.tenant_id = $1 and t.project_id = $2 and t.projection_version = ${SERVED_PROJECTION_VERSION}`;

const PROJECT_TOTALS_BY_SCOPE = `
  select t.scope::int as scope, ${text('t.category')} as category, ${ROW_TOTALS_SELECT}
    from project_scope_totals t
   where t.tenant_id = $1 and t.project_id = $2 and t.projection_version = ${SERVED_PROJECTION_VERSION}
     and t.activity_count > 0
   order by t.scope, t.category`;

const REJECTED_SPANS = `
  select ${id('trace_id')} as "traceId", ${id('span_id')} as "spanId",
         ${text('span_name')} as "spanName", ${id('field')} as field, ${text('reason')} as reason,
         rejected_at as "rejectedAt"
    from dead_letters where tenant_id = $1
   order by rejected_at desc, id desc
   limit $2`;

const COUNT_ARTIFACTS = `
  select count(*)::int as n from artifacts
   where tenant_id = $1 and project_id = $2 and kind = $3
     and (cardinality($4::text[]) = 0 or status = any($4::text[]))`;

const ARTIFACT_COLUMNS = `${id('artifact_id')} as id, ${id('project_id')} as "projectId",
         ${id('kind')} as kind, ${id('status')} as status, ${id('parent_id')} as "parentId"`;

const ARTIFACT = `
  select ${ARTIFACT_COLUMNS}
    from artifacts where tenant_id = $1 and project_id = $2 and artifact_id = $3`;

/** UNION (not UNION ALL) keeps each id once, so a parent cycle cannot loop forever. */
const ARTIFACT_TOTALS = `
  with recursive feeding(artifact_id) as (
    select $3::text
    union
    select a.artifact_id
      from artifacts a join feeding f on a.parent_id = f.artifact_id
     where a.tenant_id = $1 and a.project_id = $2
  )
  select ${SUMMED_TOTALS_SELECT}
    from artifact_totals t
   where t.tenant_id = $1 and t.project_id = $2 and t.projection_version = ${SERVED_PROJECTION_VERSION}
     and t.artifact_id in (select artifact_id from feeding)`;

/** Characters of an artifact id a cursor carries: one more than a returned id, so a cut shows. */
const CURSOR_ID_CHARS = MAX_RETURNED_ID_CHARS + 1;

/**
 * Keyset pagination by artifact id. A cursor from an id longer than CURSOR_ID_CHARS carries
 * only its prefix ($5 true): the next page skips every id that begins with it (such ids exist
 * only in rows written before ingest bounded them).
 */
const LIST_ARTIFACTS = `
  select ${ARTIFACT_COLUMNS}, substr(artifact_id, 1, ${CURSOR_ID_CHARS}) as "cursorId"
    from artifacts
   where tenant_id = $1 and project_id = $2
     and ($3::text is null
          or (artifact_id > $3::text
              and (not $5::boolean or substr(artifact_id, 1, ${CURSOR_ID_CHARS}) <> $3::text)))
   order by artifact_id
   limit $4`;

// refresh_continuous_aggregate may not run inside a transaction; dataSource.query autocommits.
const REFRESH_DAILY = `call refresh_continuous_aggregate('project_daily_emissions', $1::timestamptz, $2::timestamptz)`;

/** Where the daily sums live: the continuous aggregate (TimescaleDB) or the rollup table. */
type DailyRelation = 'project_daily_emissions' | 'project_daily_emissions_rollup';

/**
 * The daily series query, once; instantiated below for each backend's fixed relation. The days
 * of facts that telemetry retention or an erasure removed come from archived_daily_emissions
 * (migration 1767225601100); the relation holds the facts still raw, so the union is the series.
 */
function dailySeriesSql(relation: DailyRelation): string {
  return `
  select day, sum(co2e_g)::float8 as "co2eG", sum(energy_kwh)::float8 as "energyKwh"
    from (select day, co2e_g, energy_kwh from ${relation}
           where tenant_id = $1 and project_id = $2 and projection_version = ${SERVED_PROJECTION_VERSION}
             and day >= $3 and day < $4
          union all
          select day, co2e_g, energy_kwh from archived_daily_emissions
           where tenant_id = $1 and project_id = $2 and projection_version = ${SERVED_PROJECTION_VERSION}
             and day >= $3 and day < $4) d
   group by day order by day`;
}

const DAILY_FROM_AGGREGATE = dailySeriesSql('project_daily_emissions');
const DAILY_FROM_ROLLUP = dailySeriesSql('project_daily_emissions_rollup');

/**
 * Read side for the gateway. Every query is scoped by tenant and serves the current projection;
 * every one goes through the handle's read scheduler (embedded mode: behind the writes).
 */
export class EmissionQueries {
  constructor(private readonly db: DatabaseHandle) {}

  private read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.reads.run(() => this.db.dataSource.query(sql, params) as Promise<T[]>);
  }

  /** Null when the tenant has neither facts nor artifacts for the project. */
  async projectTotals(tenant: string, projectId: string): Promise<EmissionsTotals | null> {
    const rows = await this.read<EmissionsTotals & { artifactsKnown: boolean }>(PROJECT_TOTALS, [
      requireIdentifier('tenant', tenant),
      requireIdentifier('projectId', projectId),
    ]);
    const row = rows[0];
    if (!row || (row.activityCount === 0 && !row.artifactsKnown)) return null;
    return toTotals(row);
  }

  /** Project totals split by GHG Protocol scope and category; empty for an unknown project. */
  async projectTotalsByScope(tenant: string, projectId: string): Promise<ScopeTotals[]> {
    const rows = await this.read<EmissionsTotals & { scope: number; category: string }>(
      PROJECT_TOTALS_BY_SCOPE,
      [requireIdentifier('tenant', tenant), requireIdentifier('projectId', projectId)],
    );
    return rows.map((row) => ({
      scope: row.scope,
      category: boundText(row.category, MAX_RETURNED_TEXT_CHARS),
      ...toTotals(row),
    }));
  }

  /** Empty rows for an unknown project. Ids and notes are cut like any returned text. */
  async projectStatementRows(tenant: string, projectId: string): Promise<ProjectStatementRows> {
    const params = [requireIdentifier('tenant', tenant), requireIdentifier('projectId', projectId)];
    const [groups, versions] = await this.db.reads.run(async () => [
      (await this.db.dataSource.query(STATEMENT_GROUPS, [
        ...params,
        MAX_STATEMENT_GROUPS,
      ])) as StatementGroupSqlRow[],
      (await this.db.dataSource.query(STATEMENT_VERSIONS, params)) as Array<{
        methodologyVersions: string[];
        factorSetVersions: string[];
      }>,
    ]);
    const bound = (values: string[]) => values.map((v) => boundText(v, MAX_RETURNED_TEXT_CHARS));
    return {
      rows: groups.map((g) => ({
        tier: g.tier,
        modelId: boundText(g.modelId, MAX_RETURNED_ID_CHARS),
        activityCount: g.activityCount,
        co2eG: { low: g.lowG, nominal: g.nominalG, high: g.highG },
        factorIds: bound(g.factorIds),
        trainingAllocations: [
          { option: '1a' as const, activityCount: g.training1a },
          { option: '1b' as const, activityCount: g.training1b },
        ].filter((t) => t.activityCount > 0),
        notes: bound(g.notes),
      })),
      methodologyVersions: bound(versions[0]?.methodologyVersions ?? []),
      factorSetVersions: bound(versions[0]?.factorSetVersions ?? []),
    };
  }

  /** Artifacts of a kind (and, when given, one of the statuses): a functional unit count for SCI. */
  async countArtifacts(
    tenant: string,
    projectId: string,
    kind: string,
    statuses: readonly string[] = [],
  ): Promise<number> {
    const rows = await this.read<{ n: number }>(COUNT_ARTIFACTS, [
      requireIdentifier('tenant', tenant),
      requireIdentifier('projectId', projectId),
      requireIdentifier('kind', kind),
      statuses.map((status, i) => requireIdentifier(`statuses[${i}]`, status)),
    ]);
    return rows[0]?.n ?? 0;
  }

  /** The tenant's most recently rejected spans, newest first; long texts are cut. */
  async rejectedSpans(tenant: string, first: number): Promise<RejectedSpanRow[]> {
    const rows = await this.read<RejectedSpanRow & { rejectedAt: Date }>(REJECTED_SPANS, [
      requireIdentifier('tenant', tenant),
      requireIntInRange('first', first, 1, MAX_PAGE_SIZE),
    ]);
    return rows.map((row) => ({
      traceId: boundText(row.traceId, MAX_RETURNED_ID_CHARS),
      spanId: boundText(row.spanId, MAX_RETURNED_ID_CHARS),
      spanName: boundText(row.spanName, MAX_RETURNED_TEXT_CHARS),
      field: boundText(row.field, MAX_RETURNED_ID_CHARS),
      reason: boundText(row.reason, MAX_RETURNED_TEXT_CHARS),
      rejectedAt: row.rejectedAt.toISOString(),
    }));
  }

  /**
   * One page of an artifact's own activities, oldest first (artifact-activities.ts); `after`
   * is the endCursor of the previous page.
   */
  async artifactActivities(
    tenant: string,
    projectId: string,
    artifactId: string,
    first: number,
    after?: string | null,
  ): Promise<ArtifactActivityPage> {
    const size = requireIntInRange('first', first, 1, MAX_ACTIVITY_PAGE);
    const position = after ? decodeActivityCursor('after', after) : null;
    const rows = await this.read<ArtifactActivityRow>(ARTIFACT_ACTIVITIES, [
      requireIdentifier('tenant', tenant),
      requireIdentifier('projectId', projectId),
      requireIdentifier('artifactId', artifactId),
      position?.occurredAt ?? null,
      position?.eventId ?? null,
      size + 1,
    ]);
    const page = rows.slice(0, size).map((r) => ({
      ...r,
      kind: boundText(r.kind, MAX_RETURNED_ID_CHARS),
      tier: boundText(r.tier, MAX_RETURNED_ID_CHARS),
      modelId: boundText(r.modelId, MAX_RETURNED_ID_CHARS),
      category: boundText(r.category, MAX_RETURNED_ID_CHARS),
      factorIds: r.factorIds.map((id) => boundText(id, MAX_RETURNED_ID_CHARS)),
    }));
    const last = page[page.length - 1];
    return {
      rows: page,
      endCursor: last ? encodeActivityCursor(last) : null,
      hasNextPage: rows.length > size,
    };
  }

  /**
   * Spans the tenant's ingest accepted and rejected in the `windowMinutes` up to `until`
   * (ingest-rate-sql.ts), with the average rate per minute over the window.
   */
  async ingestRate(tenant: string, windowMinutes: number, until: string): Promise<IngestRate> {
    const minutes = requireIntInRange(
      'windowMinutes',
      windowMinutes,
      1,
      MAX_INGEST_RATE_WINDOW_MINUTES,
    );
    const untilMs = requireInstant('until', until);
    const from = new Date(untilMs - minutes * 60_000).toISOString();
    const end = new Date(untilMs).toISOString();
    const [row] = await this.read<{ accepted: number; rejected: number }>(INGEST_RATE, [
      requireIdentifier('tenant', tenant),
      from,
      end,
    ]);
    const accepted = row?.accepted ?? 0;
    const rejected = row?.rejected ?? 0;
    return {
      windowMinutes: minutes,
      from,
      until: end,
      acceptedSpans: accepted,
      rejectedSpans: rejected,
      acceptedPerMinute: accepted / minutes,
      rejectedPerMinute: rejected / minutes,
    };
  }

  /**
   * The tenant's projection failures (events the projector did not count), newest first;
   * `after` is the cursor of the last row of the previous page.
   */
  async projectionFailures(
    tenant: string,
    first: number,
    after?: string | null,
  ): Promise<ProjectionFailurePage> {
    const size = requireIntInRange('first', first, 0, MAX_PAGE_SIZE);
    const afterId =
      after === undefined || after === null ? null : decodeFailureCursor('after', after);
    const rows = await this.read<Parameters<typeof toFailureRow>[0]>(PROJECTION_FAILURES_PAGE, [
      requireIdentifier('tenant', tenant),
      afterId,
      size + 1,
    ]);
    const nodes = rows.slice(0, size).map(toFailureRow);
    return {
      nodes,
      hasNextPage: rows.length > size,
      endCursor: nodes.length > 0 ? nodes[nodes.length - 1].cursor : null,
    };
  }

  async artifact(
    tenant: string,
    projectId: string,
    artifactId: string,
  ): Promise<ArtifactSummary | null> {
    const rows = await this.read<ArtifactSummary>(ARTIFACT, [
      requireIdentifier('tenant', tenant),
      requireIdentifier('projectId', projectId),
      requireIdentifier('artifactId', artifactId),
    ]);
    return rows[0] ? boundArtifact(rows[0]) : null;
  }

  /** The artifact and everything that feeds into it, transitively through parent_id. */
  async artifactTotals(
    tenant: string,
    projectId: string,
    artifactId: string,
  ): Promise<EmissionsTotals> {
    const rows = await this.read<EmissionsTotals>(ARTIFACT_TOTALS, [
      requireIdentifier('tenant', tenant),
      requireIdentifier('projectId', projectId),
      requireIdentifier('artifactId', artifactId),
    ]);
    return toTotals(rows[0]);
  }

  /**
   * The roll-ups of many artifacts (a page) in one statement, in the order of `keys`; the same
   * figures as artifactTotals for each.
   */
  async artifactTotalsMany(
    tenant: string,
    keys: readonly ArtifactKey[],
  ): Promise<EmissionsTotals[]> {
    if (keys.length === 0) return [];
    const [projectIds, artifactIds] = rootArrays(keys);
    const rows = await this.read<EmissionsTotals & ArtifactKey>(ARTIFACT_TOTALS_MANY, [
      requireIdentifier('tenant', tenant),
      projectIds,
      artifactIds,
    ]);
    const byKey = new Map(rows.map((r) => [artifactKey(r.projectId, r.artifactId), r]));
    return keys.map((k) => toTotals(byKey.get(artifactKey(k.projectId, k.artifactId))));
  }

  /** Keyset pagination by artifact id; `after` is an opaque cursor from a previous page. */
  async listArtifacts(
    tenant: string,
    projectId: string,
    first: number,
    after?: string,
  ): Promise<ArtifactPage> {
    const size = requireIntInRange('first', first, 0, MAX_PAGE_SIZE);
    const position =
      after === undefined || after === null ? null : decodeArtifactCursor('after', after);
    const rows = await this.read<ArtifactSummary & { cursorId: string }>(LIST_ARTIFACTS, [
      requireIdentifier('tenant', tenant),
      requireIdentifier('projectId', projectId),
      position === null ? null : requireText('after', position.afterId),
      size + 1,
      position?.prefixOnly ?? false,
    ]);
    const nodes = rows.slice(0, size).map(({ cursorId, ...row }) => ({
      ...boundArtifact(row),
      cursor: encodeArtifactCursor({
        afterId: cursorId,
        prefixOnly: cursorId.length >= CURSOR_ID_CHARS,
      }),
    }));
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
    const t = requireIdentifier('tenant', tenant);
    const p = requireIdentifier('projectId', projectId);
    const fromDayMs = Math.floor(requireInstant('from', from) / DAY_MS) * DAY_MS;
    const toMs = requireInstant('to', to);
    if (toMs <= fromDayMs) throw new PersistenceInputError('to', 'must be after from');
    const fromIso = new Date(fromDayMs).toISOString();
    const toIso = new Date(toMs).toISOString();
    const timescale = this.db.capabilities.timescale;
    // The refresh window must cover whole buckets.
    const refreshToIso = new Date(Math.ceil(toMs / DAY_MS) * DAY_MS).toISOString();

    const rows = await this.db.reads.run(async () => {
      if (timescale) await this.db.dataSource.query(REFRESH_DAILY, [fromIso, refreshToIso]);
      return (await this.db.dataSource.query(timescale ? DAILY_FROM_AGGREGATE : DAILY_FROM_ROLLUP, [
        t,
        p,
        fromIso,
        toIso,
      ])) as Array<{ day: Date; co2eG: number; energyKwh: number }>;
    });
    return rows.map((r) => ({
      day: r.day.toISOString().slice(0, 10),
      co2eG: r.co2eG,
      energyKwh: r.energyKwh,
    }));
  }
}

interface StatementGroupSqlRow {
  tier: StatementGroupRow['tier'];
  modelId: string;
  activityCount: number;
  lowG: number;
  nominalG: number;
  highG: number;
  training1a: number;
  training1b: number;
  factorIds: string[];
  notes: string[];
}

function boundArtifact(row: ArtifactSummary): ArtifactSummary {
  return {
    id: boundText(row.id, MAX_RETURNED_ID_CHARS),
    projectId: boundText(row.projectId, MAX_RETURNED_ID_CHARS),
    kind: boundOptionalText(row.kind, MAX_RETURNED_ID_CHARS),
    status: boundOptionalText(row.status, MAX_RETURNED_ID_CHARS),
    parentId: boundOptionalText(row.parentId, MAX_RETURNED_ID_CHARS),
  };
}
